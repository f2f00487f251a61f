import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Brings an enterprise into the pilot: its organisation and its project (an instance of
/// `enterprise-project` in `registered`), and for self-registration its first account — all in
/// one transaction (`PartyRepository.admitEnterprise`), so a refused or failed registration leaves
/// nothing (issue #11: they were separate writes, undone by hand when a later one failed).
struct EnterpriseOnboarding: Sendable {
    let services: AppServices

    enum Outcome {
        case created(organisation: Organisation, instanceId: String)
        /// Another record has this credit code. Officials may be told which (`duplicateMessage`);
        /// the public registration form never names it (`registeredElsewhere`).
        case duplicate(existing: Organisation?)
        /// The account's user name was taken meanwhile.
        case usernameTaken
    }

    func admit(
        _ record: EnterpriseRecord, programmeId: String, actor: Actor, account: NewEnterpriseAccount? = nil
    ) async throws -> Outcome {
        if let existing = try await services.store.parties.organisation(uscc: record.uscc.value, programmeId: programmeId) {
            return .duplicate(existing: existing)
        }
        var data: [String: JSONValue] = [
            "enterprise_name": .string(record.name), "uscc": .string(record.uscc.value),
            "above_scale": .bool(record.aboveScale), "specialised": .bool(record.specialised),
            "cloud_before": .bool(record.cloud),
        ]
        if let level = record.baselineLevel { data["baseline_level"] = .int(Int64(level)) }
        let project = try services.workflows.newInstance(
            definitionId: "enterprise-project", programmeId: programmeId, subjectOrganisationId: nil,
            subIndustryId: record.subIndustryId, divisionCode: record.divisionCode, data: data, event: nil)
        let enterprise = NewEnterprise(
            programmeId: programmeId, name: record.name, uscc: record.uscc, subIndustryId: record.subIndustryId,
            divisionCode: record.divisionCode, profile: record.profile)
        switch try await services.store.parties.admitEnterprise(
            enterprise, project: project, account: account, actor: actor, engine: services.workflows.engine)
        {
        case .admitted(let organisation, let instance, _):
            return .created(organisation: organisation, instanceId: instance.id)
        case .duplicateCode:
            // Lost a race with another registration of the same code.
            return .duplicate(
                existing: try await services.store.parties.organisation(uscc: record.uscc.value, programmeId: programmeId))
        case .usernameTaken:
            return .usernameTaken
        }
    }

    /// The message for a duplicate credit code, naming the record that has it: for officials
    /// (import, the API, the provider pool), who may see every organisation of the programme.
    static func duplicateMessage(_ existing: Organisation?) -> LocalizedText {
        guard let existing else { return registeredElsewhere }
        return LocalizedText(
            zh: "统一社会信用代码 \(existing.uscc ?? "") 已登记为“\(existing.name)”，请勿重复登记",
            en: "Credit code \(existing.uscc ?? "") is already registered as “\(existing.name)”")
    }

    /// The message for a duplicate credit code on the public registration form: names nobody
    /// (issue #11: it told anyone who had registered a code, and so who the contact was).
    static let registeredElsewhere = LocalizedText(
        zh: "该统一社会信用代码已登记，请联系区工信局认领账户",
        en: "This credit code is already registered; contact the district industry bureau to claim the account")
}
