import Foundation
import Funds
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes
import ProviderPool

/// Reads what the dossiers and the phases are made of, once per page.
struct DossierService: Sendable {
    let services: AppServices

    /// The phases of the programme's file (none when it has no `phases:`).
    func phases(_ programmeId: String) async throws -> [ProgrammePhase] {
        try await services.store.programmes.programme(id: programmeId)?.definition?.phases ?? []
    }

    /// The dossier's due date: the last day of the phase it closes, else the policy's.
    static func due(_ kind: DossierKind, phases: [ProgrammePhase]) -> String {
        phases.first { $0.dossier == kind.rawValue }?.end ?? kind.defaultDue
    }

    func dossier(_ kind: DossierKind, programmeId: String, phases: [ProgrammePhase]) async throws -> Dossier {
        let store = services.store
        let dashboard = DashboardService(services: services)
        async let targetsRead = dashboard.targets(programmeId)
        async let settingsRead = dashboard.settings(programmeId)
        async let fundsRead = store.facts.fundsSummary(programmeId: programmeId)
        async let membersRead = store.providers.poolMembers(programmeId: programmeId)
        async let trainingRead = TrainingService(services: services).figures(programmeId)
        async let mobilisationRead = MobilisationService(services: services).overview(programmeId: programmeId, divisions: nil)
        async let textsRead = store.dossiers.texts(programmeId: programmeId, dossier: kind.rawValue)
        async let documentsRead = store.dossiers.documents(programmeId: programmeId, dossier: kind.rawValue)
        let members = Array(try await membersRead.values)
        let gradeYear = members.flatMap(\.grades.keys).max()
        var grades: [ProviderGrade: Int] = [:]
        if let gradeYear { for member in members { if let grade = member.grades[gradeYear] { grades[grade, default: 0] += 1 } } }
        let mobilisation = try await mobilisationRead
        let inputs = DossierInputs(
            asOf: store.clock.now(), targets: try await targetsRead, funds: try await fundsRead ?? FundsSummary(),
            poolMembers: members.count(where: \.isInGoodStanding), poolRemoved: members.count { !$0.isInGoodStanding },
            gradeYear: gradeYear, grades: grades, training: try await trainingRead.counts,
            mobilisation: mobilisation.rates.last,
            participationGoal: try await settingsRead.goals["participation"] ?? mobilisation.goal,
            texts: try await textsRead, documents: try await documentsRead)
        return Dossier.assemble(kind, due: Self.due(kind, phases: phases), inputs)
    }

    /// The dossier's figures and checklist as a workbook.
    static func workbook(_ dossier: Dossier) -> Workbook {
        var rows: [[Cell]] = [[.text("部分"), .text("项目"), .text("数值")]]
        for section in dossier.sections {
            for figure in section.figures { rows.append([.text(section.title.zh), .text(figure.label.zh), .text(figure.value)]) }
        }
        let checklist: [[Cell]] = [[.text("待补齐事项")]] + dossier.missing.map { [.text($0.message.zh)] }
        let texts: [[Cell]] =
            [[.text("部分"), .text("版本"), .text("撰写人"), .text("时间"), .text("说明")]]
            + dossier.sections.map { section -> [Cell] in
                guard let latest = section.latest else { return [.text(section.title.zh), .empty, .empty, .empty, .empty] }
                return [
                    .text(section.title.zh), .integer(Int64(latest.version)), .text(latest.byName),
                    .text(Shanghai.dateTimeText(latest.at)), .text(latest.text),
                ]
            }
        return Workbook(sheets: [
            Sheet(name: "数据", rows: rows, headerRows: 1), Sheet(name: "待补齐事项", rows: checklist, headerRows: 1),
            Sheet(name: "办公室说明", rows: texts, headerRows: 1),
        ])
    }
}
