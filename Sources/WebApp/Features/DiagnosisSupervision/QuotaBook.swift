import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes

/// Every unit's quota per year, as the pages read it: a split its parent unit saved (分解任务指标)
/// first, then the official table's row (003 附件2, from the campaign file or stored), and for the
/// campaign's own node the totals the official table states.
struct QuotaBook: Sendable {
    var stored: [DiagnosisQuota]
    var settings: DiagnosisSettings
    var programmeDivision: DivisionCode

    func quota(_ code: String, year: Int) -> Int? {
        if let split = stored.first(where: { $0.divisionCode == code && $0.year == year && $0.source == .split }) {
            return split.firms
        }
        if let official = stored.first(where: { $0.divisionCode == code && $0.year == year && $0.source == .official }) {
            return official.firms
        }
        if let row = settings.officialQuotas.first(where: { $0.division.value == code }), let firms = row.firms[year] {
            return firms
        }
        return code == programmeDivision.value ? settings.officialTotals[year] : nil
    }

    /// The years any quota names, in order.
    var years: [Int] {
        var years = Set(stored.map(\.year))
        years.formUnion(settings.officialTotals.keys)
        for row in settings.officialQuotas { years.formUnion(row.firms.keys) }
        for phase in settings.quotaFormula?.phases ?? [] { years.insert(phase.year) }
        return years.sorted()
    }

    /// The firms a unit should have diagnosed by `now` at its quotas' pace: every earlier year's
    /// quota, plus this year's in proportion to the days gone (nil: no quota for any year so far).
    func pace(_ code: String, now: Date) -> Int? {
        let calendar = Shanghai.calendar
        let year = calendar.component(.year, from: now)
        var expected = 0
        var any = false
        for earlier in years where earlier < year {
            if let firms = quota(code, year: earlier) {
                expected += firms
                any = true
            }
        }
        if let firms = quota(code, year: year),
            let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1)),
            let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))
        {
            let fraction = now.timeIntervalSince(start) / end.timeIntervalSince(start)
            expected += Int((Double(firms) * min(1, max(0, fraction))).rounded(.down))
            any = true
        }
        return any ? expected : nil
    }

    /// Shanghai's formula on the roster (unit → roster firms), nil when the campaign has no formula.
    func formula(roster: [String: Int]) -> QuotaFormula.Split? {
        guard let formula = settings.quotaFormula else { return nil }
        return QuotaFormula.split(
            totalFirms: formula.totalFirms, cityHandled: formula.cityHandled,
            phases: formula.phases.map { QuotaFormula.Phase(year: $0.year, percent: $0.percent) }, roster: roster)
    }
}

extension DiagnosisSettings {
    /// The official table's rows added up per year (003 附件2: 1,540 / 3,060 / 3,430), to be shown
    /// beside the totals the table states (1,500 / 3,000 / 3,500).
    var officialSums: [Int: Int] {
        var sums: [Int: Int] = [:]
        for row in officialQuotas {
            for (year, firms) in row.firms { sums[year, default: 0] += firms }
        }
        return sums
    }
}
