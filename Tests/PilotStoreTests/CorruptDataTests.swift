import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// Damaged JSON in a row is an error, never an empty document (issue #11, defect 17): read as `{}`,
/// the next decision would have written a project's whole document back as almost nothing.
@Suite("Damaged stored JSON is refused, not read as empty")
struct CorruptDataTests {
    @Test(
        "an instance whose data is not a JSON object cannot be read or decided on; nothing is written",
        arguments: TestStores.backends)
    func corruptData(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        let instance = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: ["name": "x"], event: nil,
            actor: people.district)
        try await store.backend.transaction { database in
            try await database.raw("UPDATE workflow_instances SET data = '{\"name\": \"x\"' WHERE id = \(bind: instance.id)")
                .run()
        }
        await #expect(throws: StoreError.corrupt("data")) { _ = try await store.instances.instance(instance.id) }
        await #expect(throws: StoreError.self) {
            _ = try await service.execute(
                Command(instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan),
                actor: people.contractor)
        }
        #expect(try await store.instances.history(instance.id).count == 1)
        await store.shutdown()
    }
}
