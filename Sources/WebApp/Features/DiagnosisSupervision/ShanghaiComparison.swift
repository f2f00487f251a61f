import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes

/// Shanghai's formula, computed from the roster, beside the official table of 003 附件2, row by
/// row, with the table's column sums and the totals it states — the difference shown, never hidden.
/// A zone the table lists on its own (临港新片区, 化工区, 9-digit codes) counts its own roster firms,
/// which are then not counted again in the district around it.
struct ShanghaiComparison: Sendable {
    struct Row: Sendable {
        var code: String
        var name: String
        var rosterFirms: Int
        var formula: [Int: Int]
        var official: [Int: Int]
    }

    var years: [Int]
    var rows: [Row]
    var formulaSums: [Int: Int]
    var formulaTargets: [Int: Int]
    var officialSums: [Int: Int]
    var officialTotals: [Int: Int]
    var hasFormula: Bool

    /// Years where the official rows do not add up to the stated total.
    var mismatchedYears: [Int] { years.filter { officialSums[$0] != nil && officialSums[$0] != officialTotals[$0] } }

    static func build(
        scope: SupervisionScope, book: QuotaBook, services: AppServices, language: UILanguage
    ) async throws -> ShanghaiComparison {
        let settings = scope.settings
        let store = services.store.diagnoses
        // The roster per unit: the districts (the campaign's level below its own), then the zones
        // the official table lists separately, carved out of their districts.
        let level = scope.childLevel(of: scope.programmeDivision) ?? .county
        var roster: [String: Int] = [:]
        for row in try await store.coverage(programmeId: scope.programme.id, unit: scope.programmeDivision, childLevel: level)
        where row.divisionCode != scope.programmeDivision.value {
            roster[row.divisionCode] = row.firms
        }
        for official in settings.officialQuotas where official.division.level > level {
            var query = FirmQuery(programmeId: scope.programme.id)
            query.division = official.division
            query.limit = 1
            let firms = try await store.firms(query).total
            roster[official.division.value] = firms
            if let parent = official.division.ancestorsOrSelf.first(where: { $0.level == level && $0 != official.division }) {
                roster[parent.value] = max(0, (roster[parent.value] ?? 0) - firms)
            }
        }
        // A unit of the official table with no firm on the roster: the formula gives it 0, shown as such.
        for official in settings.officialQuotas where roster[official.division.value] == nil {
            roster[official.division.value] = 0
        }
        let split = book.formula(roster: roster)
        var codes = Set(roster.keys)
        codes.formUnion(settings.officialQuotas.map(\.division.value))
        let officialByCode = Dictionary(
            settings.officialQuotas.map { ($0.division.value, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = codes.sorted().map { code in
            Row(
                code: code,
                name: officialByCode[code]?.unit ?? DivisionCode(code).map { services.divisions.label($0, language) } ?? code,
                rosterFirms: roster[code] ?? 0, formula: split?.quotas[code] ?? [:], official: officialByCode[code]?.firms ?? [:])
        }
        var years = Set(settings.officialTotals.keys)
        for row in settings.officialQuotas { years.formUnion(row.firms.keys) }
        for phase in settings.quotaFormula?.phases ?? [] { years.insert(phase.year) }
        return ShanghaiComparison(
            years: years.sorted(), rows: rows, formulaSums: split?.yearSums ?? [:], formulaTargets: split?.yearTargets ?? [:],
            officialSums: settings.officialSums, officialTotals: settings.officialTotals, hasFormula: split != nil)
    }
}
