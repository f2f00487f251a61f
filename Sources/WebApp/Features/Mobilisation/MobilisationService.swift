import Foundation
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes

/// Reads the roster, the projects and the visits for a person's reach and works out the states and
/// the rates (`MobilisationStatus`).
struct MobilisationService: Sendable {
    let services: AppServices

    struct Overview: Sendable {
        var firms: [MobilisationFirm]
        var status: MobilisationStatus
        var rates: [MobilisationStatus.Rate]
        var visits: [String: [MobilisationVisit]]
        var zones: ProgrammeZones
        var goal: Int
        var subIndustryNames: [String: LocalizedText]
        /// Whether the person reaches the whole programme (then the total row is the city's).
        var wholeProgramme: Bool

        func zoneName(_ code: String, _ language: UILanguage) -> String {
            guard let zone = DivisionCode(code) else { return code.isEmpty ? MobilisationText.city.text(language) : code }
            return zones.name(zone, language)
        }
    }

    /// `divisions`: nil for the whole programme.
    func overview(programmeId: String, divisions: [DivisionCode]?) async throws -> Overview {
        let store = services.store
        async let firmsRead = store.mobilisation.firms(programmeId: programmeId, divisions: divisions)
        async let organisationsRead = store.parties.organisations(programmeId: programmeId, kind: "enterprise")
        async let projectsRead = store.facts.projectFactRows(
            programmeId: programmeId, definitionId: DashboardService.definitionId)
        async let visitsRead = store.mobilisation.visits(programmeId: programmeId)
        async let programmeRead = store.programmes.programme(id: programmeId)
        async let subIndustriesRead = store.programmes.subIndustries(programmeId: programmeId)
        async let settingsRead = DashboardService(services: services).settings(programmeId)
        let firms = try await firmsRead
        var organisations: [String: String] = [:]
        for organisation in try await organisationsRead {
            if let uscc = organisation.uscc { organisations[uscc] = organisation.id }
        }
        let status = MobilisationStatus(firms: firms, organisations: organisations, projects: try await projectsRead)
        let zones = ProgrammeZones(programmeDivision: try await programmeRead?.division, tree: services.divisions)
        let rates = status.rates(firms) { zones.zone(of: $0)?.value ?? $0 }
        let goal = try await settingsRead.goals["participation"] ?? Targets.target("participation")?.defaultGoal ?? 90
        let reached = Set(firms.map(\.uscc))
        return Overview(
            firms: firms, status: status, rates: rates, visits: try await visitsRead.filter { reached.contains($0.key) },
            zones: zones, goal: goal,
            subIndustryNames: Dictionary(uniqueKeysWithValues: try await subIndustriesRead.map { ($0.id, $0.name) }),
            wholeProgramme: divisions == nil)
    }

    /// The rates and the firms still to mobilise with their latest visit, as a workbook.
    static func workbook(_ overview: Overview) -> Workbook {
        let rateTitles: [String] = ["区域", "规上企业", "已报名项目", "参与改造", "参与比例(%)", "目标(%)"]
        let rates = overview.rates.map { rate -> [Cell] in
            [
                .text(overview.zoneName(rate.zone, .zh)), .integer(Int64(rate.roster)), .integer(Int64(rate.registered)),
                .integer(Int64(rate.participating)), rate.percent.map { .integer(Int64($0)) } ?? .empty,
                .integer(Int64(overview.goal)),
            ]
        }
        let firmTitles: [String] = ["统一社会信用代码", "企业名称", "细分行业", "区域", "企业规模", "最近走访", "走访结果", "回访日期"]
        let firms = overview.status.toMobilise(overview.firms).map { firm -> [Cell] in
            let last = overview.visits[firm.uscc]?.last
            return [
                .text(firm.uscc), .text(firm.name),
                .text(overview.subIndustryNames[firm.subIndustryId]?.zh ?? firm.subIndustryId),
                .text(overview.zoneName(overview.zones.zone(of: firm.divisionCode)?.value ?? firm.divisionCode, .zh)),
                .text(firm.size), .text(last?.visitedOn ?? ""), .text(last?.outcome.label.zh ?? ""),
                .text(last?.followUpOn ?? ""),
            ]
        }
        return Workbook(sheets: [
            Sheet(name: "参与比例", rows: [rateTitles.map { Cell.text($0) }] + rates, headerRows: 1),
            Sheet(name: "待动员企业", rows: [firmTitles.map { Cell.text($0) }] + firms, headerRows: 1),
        ])
    }
}
