import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The look-ups the engine cannot make for a pool application (`provider-admission`), run by
/// `ProjectCommands` before the engine decides:
/// - `submit_application`: the claimed categories are keys of GB/T 47018 and 综合 comes with four
///   others (`ProviderCategory.problem`); each case line names the enterprise, the work and its status.
/// - `declare_interest`: an expert whose organisation is a pool member claiming one of the
///   applicant's categories is a competitor (policy 002 asks a fair review) and may not declare
///   "no conflict".
struct AdmissionChecks: Sendable {
    let services: AppServices

    static let definitionId = "provider-admission"

    func problems(_ command: Command, _ instance: InstanceSnapshot, actor: Actor) async throws -> [FieldError] {
        guard instance.definitionId == Self.definitionId else { return [] }
        switch command.transitionId {
        case "submit_application":
            var errors: [FieldError] = []
            let keys = Self.categories(command.input["categories"]?.stringValue)
            if let problem = ProviderCategory.problem(keys) { errors.append(FieldError(field: "categories", message: problem)) }
            if let text = command.input["tianjin_cases"]?.stringValue, let problem = Self.caseProblem(text) {
                errors.append(FieldError(field: "tianjin_cases", message: problem))
            }
            return errors
        case "declare_interest":
            guard command.input["conflict"]?.stringValue == "none", let organisation = actor.organisationId,
                organisation != instance.subjectOrganisationId,
                let competitor = try await competitor(organisation, instance)
            else { return [] }
            return [
                FieldError(
                    field: "conflict",
                    message: LocalizedText(
                        zh: "您所在单位属于资源池中同类别（\(competitor)）服务商，与申报单位存在竞争关系，请声明利益冲突并回避",
                        en: "Your organisation is a pool provider in the same category (\(competitor)) as the applicant: "
                            + "declare the conflict and step aside"))
            ]
        default:
            return []
        }
    }

    /// The category (by name) the expert's organisation shares with the applicant, when it is a
    /// provider in the programme's pool.
    func competitor(_ organisationId: String, _ instance: InstanceSnapshot) async throws -> String? {
        guard
            try await services.store.providers.poolMember(organisationId: organisationId, programmeId: instance.programmeId)?
                .isInGoodStanding == true
        else { return nil }
        let profile = try await services.store.parties.organisationProfile(organisationId)
        let theirs = Set((profile["categories"]?.arrayValue ?? []).compactMap(\.stringValue))
        let claimed = Self.categories(instance.data["categories"]?.stringValue)
        return claimed.first { theirs.contains($0) }.flatMap(ProviderCategory.init)?.label.text(.zh)
    }

    /// The category keys of the form's checkbox group (posted joined with commas).
    static func categories(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Why the case list is not one case per line as `enterprise | work | status`, if it is not.
    static func caseProblem(_ text: String) -> LocalizedText? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if lines.isEmpty {
            return LocalizedText(zh: "请至少填写一个天津市内的应用实践案例", en: "List at least one case in Tianjin")
        }
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.count != 3 || parts.contains(where: \.isEmpty) {
                return LocalizedText(
                    zh: "第 \(index + 1) 行格式应为“企业名称 | 建设内容 | 已完成/实施中”",
                    en: "Line \(index + 1) must read 'enterprise | work | completed/in progress'")
            }
        }
        return nil
    }
}
