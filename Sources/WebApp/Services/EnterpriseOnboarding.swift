import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Brings an enterprise into the pilot: its organisation and its project (an instance of
/// `enterprise-project` in `registered`), and for self-registration its first account.
/// If a later step fails the earlier ones are undone, so a refused registration leaves nothing.
struct EnterpriseOnboarding: Sendable {
    let services: AppServices

    enum Outcome {
        case created(organisation: Organisation, instanceId: String)
        /// Another record has this credit code: named, so the user can find it.
        case duplicate(existing: Organisation)
    }

    func admit(_ record: EnterpriseRecord, programmeId: String, actor: Actor) async throws -> Outcome {
        if let existing = try await services.store.organisation(uscc: record.uscc.value, programmeId: programmeId) {
            return .duplicate(existing: existing)
        }
        let organisation: Organisation
        do {
            organisation = try await services.store.addEnterprise(
                programmeId: programmeId, name: record.name, uscc: record.uscc, subIndustryId: record.subIndustryId,
                zoneId: record.zoneId, profile: record.profile)
        } catch StoreError.conflict {
            // Lost a race with another registration of the same code.
            guard let existing = try await services.store.organisation(uscc: record.uscc.value, programmeId: programmeId)
            else { throw StoreError.conflict("credit code") }
            return .duplicate(existing: existing)
        }
        do {
            var data: [String: JSONValue] = [
                "enterprise_name": .string(record.name), "uscc": .string(record.uscc.value),
                "above_scale": .bool(record.aboveScale), "specialised": .bool(record.specialised),
                "cloud_before": .bool(record.cloud),
            ]
            if let level = record.baselineLevel { data["baseline_level"] = .int(Int64(level)) }
            let instance = try await services.workflows.start(
                definitionId: "enterprise-project", programmeId: programmeId, subjectOrganisationId: organisation.id,
                subIndustryId: record.subIndustryId, zoneId: record.zoneId, data: data, event: nil, actor: actor)
            return .created(organisation: organisation, instanceId: instance.id)
        } catch {
            try? await services.store.removeNewOrganisation(organisation.id)
            throw error
        }
    }

    /// The message for a duplicate credit code, naming the record that has it.
    static func duplicateMessage(_ existing: Organisation) -> LocalizedText {
        LocalizedText(
            zh: "统一社会信用代码 \(existing.uscc ?? "") 已登记为“\(existing.name)”，请勿重复登记",
            en: "Credit code \(existing.uscc ?? "") is already registered as “\(existing.name)”")
    }
}
