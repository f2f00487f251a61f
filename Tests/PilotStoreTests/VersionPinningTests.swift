import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@Suite("Instances stay on the definition version they started on")
struct VersionPinningTests {
    @Test("a new version runs new instances; running ones keep their version", arguments: TestStores.backends)
    func pinned(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        let version1 = try TestWorkflows.small()
        var version2 = version1
        version2.version = 2
        // Version 2 drops `reject`: an instance started on version 1 may still take it.
        version2.transitions.removeAll { $0.id == "reject" }
        let people = try await TestProgramme.make(in: store)
        do {
            let before = WorkflowService(store: store, catalog: WorkflowCatalog([version1]))
            let old = try await before.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
            try await before.drive(old.id, to: "submitted", people: people)

            let after = WorkflowService(store: store, catalog: WorkflowCatalog([version1, version2]))
            let new = try await after.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
            try await after.drive(new.id, to: "submitted", people: people)

            #expect(new.definitionVersion == 2)
            #expect(try await store.instances.instance(old.id)?.definitionVersion == 1)
            let oldReject = try await after.execute(Command(instanceId: old.id, transitionId: "reject"), actor: people.district)
            guard case .applied = oldReject else {
                Issue.record("version 1 instance could not take its own transition: \(oldReject)")
                return
            }
            let newReject = try await after.execute(Command(instanceId: new.id, transitionId: "reject"), actor: people.district)
            #expect(newReject == .refused(.unknownTransition("reject")))
            #expect(try await store.instances.history(old.id).last?.definitionVersion == 1)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
