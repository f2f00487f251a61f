import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// The dashboard's project rows after a change (issue #16): brought up to date from the rows
/// updated since, equal to a full read; a change the refresh cannot see (a row written with an old
/// time and a new version) fails the version sum and the rows are read in full.
@Suite("Dashboard project rows brought up to date after a change")
struct FactRowsRefreshTests {
    @Test("decisions and a new instance: the refreshed rows equal a full read", arguments: TestStores.backends)
    func refresh(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        func start() async throws -> String {
            try await service.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil, actor: people.district
            ).id
        }
        var ids: [String] = []
        for _ in 0..<6 { ids.append(try await start()) }
        func cached() async throws -> [ProjectFactRow] {
            try await store.facts.projectFactRows(programmeId: people.programme.id, definitionId: "small-plan")
                .sorted { $0.instanceId < $1.instanceId }
        }
        func full() async throws -> [ProjectFactRow] {
            try await store.facts.readProjectFactRows(programmeId: people.programme.id, definitionId: "small-plan")
                .sorted { $0.instanceId < $1.instanceId }
        }
        #expect(try await cached() == full())
        for id in ids.prefix(2) {
            let outcome = try await service.execute(
                Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan), actor: people.contractor)
            guard case .applied = outcome else {
                Issue.record("submit_plan refused: \(outcome)")
                return
            }
        }
        ids.append(try await start())
        let refreshed = try await cached()
        #expect(refreshed == (try await full()))
        #expect(refreshed.count == 7 && refreshed.count { $0.state == "submitted" } == 2)

        // A writer that bypasses the store, with an old time: the refresh misses the row, the sum says so.
        let bypassed = ids[5]
        try await store.backend.read { database in
            try await database.raw(
                "UPDATE workflow_instances SET state = 'rejected', version = version + 1, updated_at = 0 WHERE id = \(bind: bypassed)"
            ).run()
        }
        let reread = try await cached()
        #expect(reread == (try await full()))
        #expect(reread.first { $0.instanceId == ids[5] }?.state == "rejected")
    }
}
