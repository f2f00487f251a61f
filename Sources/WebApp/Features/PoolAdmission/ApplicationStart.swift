import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Starts a provider's application to a call: the `provider-admission` instance about the
/// provider, in the district it registered in, with the call and the provider's name and code as
/// its first data — and its tie to the call, in one transaction (`PoolAdmissionRepository`).
/// The page and the demo start applications alike through here.
struct ApplicationStart: Sendable {
    let services: AppServices

    func start(
        _ call: PoolCall, organisation: Organisation, division: DivisionCode, actor: Actor
    ) async throws
        -> PoolApplicationStart
    {
        let data: [String: JSONValue] = [
            "provider_name": .string(organisation.name), "uscc": .string(organisation.uscc ?? ""), "call_id": .string(call.id),
            "call_title": .string(call.title), "call_year": .int(Int64(call.year)),
            "division_name": .string(services.divisions.label(division, .zh)),
        ]
        let new = try services.workflows.newInstance(
            definitionId: AdmissionChecks.definitionId, programmeId: call.programmeId, subjectOrganisationId: organisation.id,
            subIndustryId: nil, divisionCode: division.value, data: data, event: nil)
        return try await services.store.admissions.startApplication(
            new, call: call, organisationId: organisation.id, divisionCode: division.value, actor: actor,
            engine: services.workflows.engine)
    }
}
