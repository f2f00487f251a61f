import Foundation
import PilotDomain
import PilotStore
import Programmes

/// What a unit's coverage page shows (issue #14): its totals, its progress against each year's
/// quota, its grade distribution, its sub-units (with the lagging flag), and on the campaign's own
/// node the milestones of the campaign file with their status.
struct CoverageReport: Sendable {
    struct Line: Sendable {
        var code: String
        var name: String
        var firms: Int
        var diagnosed: Int
        var filling: Int
        var notStarted: Int
        /// The quota of the current year, if any.
        var quota: Int?
        var pace: Int?
        var lagging: Bool
        /// Firms registered at the unit itself (not beneath a sub-unit): no page of their own.
        var atUnit: Bool
    }

    struct YearLine: Sendable {
        var year: Int
        var quota: Int?
        var diagnosed: Int
    }

    struct MilestoneLine: Sendable {
        enum Status: Sendable { case met, onTrack, behind, notMeasured }
        var milestone: DiagnosisSettings.Milestone
        /// Target and actual of each measure the milestone names.
        var measures: [(label: LocalizedText, target: String, actual: String)]
        var status: Status
    }

    var unit: DivisionCode
    var unitName: String
    var parent: DivisionCode?
    var totals: Line
    var years: [YearLine]
    var grades: [Int: Int]
    var lines: [Line]
    var hasChildLevel: Bool
    var milestones: [MilestoneLine]

    /// Coverage in hundredths of a percent (0 for no firms).
    static func percent(_ part: Int, _ whole: Int) -> Int { whole == 0 ? 0 : part * 10_000 / whole }

    static func percentText(_ hundredths: Int) -> String {
        String(format: "%d.%02d%%", hundredths / 100, hundredths % 100)
    }

    static func build(
        scope: SupervisionScope, unit: DivisionCode, services: AppServices, language: UILanguage
    ) async throws -> CoverageReport {
        let store = services.store.diagnoses
        let programmeId = scope.programme.id
        let now = services.store.clock.now()
        let year = Shanghai.calendar.component(.year, from: now)
        let book = QuotaBook(
            stored: try await store.quotas(programmeId: programmeId), settings: scope.settings,
            programmeDivision: scope.programmeDivision)
        let childLevel = scope.childLevel(of: unit)
        let rows = try await store.coverage(programmeId: programmeId, unit: unit, childLevel: childLevel ?? unit.level)
        var grades: [Int: Int] = [:]
        for row in rows { for (grade, count) in row.grades { grades[grade, default: 0] += count } }
        let firms = rows.reduce(0) { $0 + $1.firms }
        let diagnosed = rows.reduce(0) { $0 + $1.diagnosed }
        let filling = rows.reduce(0) { $0 + $1.filling }
        let unitPace = book.pace(unit.value, now: now)
        let totals = Line(
            code: unit.value, name: services.divisions.label(unit, language), firms: firms, diagnosed: diagnosed,
            filling: filling, notStarted: firms - diagnosed - filling, quota: book.quota(unit.value, year: year), pace: unitPace,
            lagging: unitPace.map { diagnosed < $0 } ?? false, atUnit: false)
        let unitCoverage = percent(diagnosed, firms)
        let lines: [Line] =
            childLevel == nil
            ? []
            : rows.map { row -> Line in
                let atUnit = row.divisionCode == unit.value || DivisionCode(row.divisionCode) == nil
                let pace = atUnit ? nil : book.pace(row.divisionCode, now: now)
                let behindUnit = percent(row.diagnosed, row.firms) < unitCoverage
                let behindPace = pace.map { row.diagnosed < $0 } ?? false
                return Line(
                    code: row.divisionCode,
                    name: DivisionCode(row.divisionCode).map { services.divisions.label($0, language) } ?? row.divisionCode,
                    firms: row.firms, diagnosed: row.diagnosed, filling: row.filling, notStarted: row.notStarted,
                    quota: atUnit ? nil : book.quota(row.divisionCode, year: year), pace: pace,
                    lagging: !atUnit && (behindUnit || behindPace), atUnit: atUnit)
            }
        let byYear = try await store.diagnosedByYear(programmeId: programmeId, division: unit, years: book.years)
        let years = book.years.map { YearLine(year: $0, quota: book.quota(unit.value, year: $0), diagnosed: byYear[$0] ?? 0) }
        let parent = scope.nodes.contains(unit) ? nil : unit.ancestorsOrSelf.dropFirst().first { scope.reaches($0) && $0 != unit }
        var milestones: [MilestoneLine] = []
        if unit == scope.programmeDivision {
            let providers = try await store.offlineProviders(programmeId: programmeId).filter {
                $0.categories.contains("consulting")
            }.count
            milestones = Self.milestones(
                scope.settings.milestones, diagnosed: diagnosed, firms: firms, providers: providers, now: now)
        }
        return CoverageReport(
            unit: unit, unitName: services.divisions.label(unit, language), parent: parent, totals: totals, years: years,
            grades: grades, lines: lines, hasChildLevel: childLevel != nil, milestones: milestones)
    }

    /// Each milestone's status against the data: met when every measure it names is reached; past
    /// its date and not met, behind; before its date, on track when each measure is at least its
    /// straight-line share of the way from the previous milestone (or from 1 January of the first
    /// milestone's year), behind otherwise. A measure the data cannot give (the share of firms that
    /// went on to transform) makes the status "not measured" unless another measure is behind.
    static func milestones(
        _ milestones: [DiagnosisSettings.Milestone], diagnosed: Int, firms: Int, providers: Int, now: Date
    ) -> [MilestoneLine] {
        let calendar = Shanghai.calendar
        func end(_ text: String) -> Date? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            else { return nil }
            return calendar.date(byAdding: .day, value: 1, to: day)
        }
        var lines: [MilestoneLine] = []
        let sorted = milestones.sorted { $0.date < $1.date }
        var start: Date? = sorted.first.flatMap { end($0.date) }.flatMap {
            calendar.date(
                from: DateComponents(year: calendar.component(.year, from: $0.addingTimeInterval(-1)), month: 1, day: 1))
        }
        let coverage = percent(diagnosed, firms)
        for milestone in sorted {
            guard let due = end(milestone.date) else { continue }
            let span = start.map { due.timeIntervalSince($0) } ?? 0
            let share = span > 0 ? min(1, max(0, now.timeIntervalSince(start!) / span)) : 1
            var measures: [(label: LocalizedText, target: String, actual: String)] = []
            var reached = true
            var pace = true
            var unmeasured = false
            if let target = milestone.diagnosed {
                measures.append((SupervisionText.diagnosed, "≥ \(target)", "\(diagnosed)"))
                reached = reached && diagnosed >= target
                pace = pace && Double(diagnosed) >= Double(target) * share
            }
            if let target = milestone.coveragePercent {
                measures.append((SupervisionText.coverage, "≥ \(target)%", percentText(coverage)))
                reached = reached && coverage >= target * 100
                pace = pace && Double(coverage) >= Double(target * 100) * share
            }
            if let target = milestone.providers {
                measures.append((SupervisionText.providers, "≥ \(target)", "\(providers)"))
                reached = reached && providers >= target
                pace = pace && Double(providers) >= Double(target) * share
            }
            if let target = milestone.transformedPercent {
                measures.append((SupervisionText.transformed, "≥ \(target)%", "—"))
                unmeasured = true
            }
            let status: MilestoneLine.Status
            if !pace || (now >= due && !reached) {
                status = .behind
            } else if unmeasured {
                status = .notMeasured
            } else if reached {
                status = .met
            } else {
                status = .onTrack
            }
            lines.append(MilestoneLine(milestone: milestone, measures: measures, status: status))
            start = due
        }
        return lines
    }
}
