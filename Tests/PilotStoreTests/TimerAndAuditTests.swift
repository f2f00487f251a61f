import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@Suite("Timers fire once; the audit chain catches tampering")
struct TimerAndAuditTests {
    @Test("a due timer fires exactly once with two pollers", arguments: TestStores.backends)
    func timerFiresOnce(backend: BackendKind) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_717_200_000))
        let store = try await TestStores.make(backend, clock: clock)
        defer { Task { await store.shutdown() } }
        let catalog = WorkflowCatalog([try TestWorkflows.small()])
        let pollerA = WorkflowService(store: store, catalog: catalog)
        let pollerB = WorkflowService(store: store, catalog: catalog)
        let people = try await TestProgramme.make(in: store)
        let instance = try await pollerA.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
        try await pollerA.drive(instance.id, to: "publicity", people: people)
        #expect(try await store.timers.pendingTimers(instance.id).count == 1)

        let early = try await pollerA.fireDueTimers()
        #expect(early.fired == 0)
        clock.advance(by: 8 * 86_400)
        async let first = pollerA.fireDueTimers()
        async let second = pollerB.fireDueTimers()
        let passes = try await [first, second]

        #expect(passes.map(\.fired).reduce(0, +) == 1)
        let after = try #require(try await store.instances.instance(instance.id))
        #expect(after.state == "signing")
        let history = try await store.instances.history(instance.id)
        #expect(history.filter { $0.transitionId == "close_publicity" }.count == 1)
        #expect(history.last?.actorUserId == "system")
        #expect(try await store.timers.pendingTimers(instance.id).isEmpty)
    }

    @Test("leaving the state cancels its timer", arguments: TestStores.backends)
    func timerCancelled(backend: BackendKind) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_717_200_000))
        let store = try await TestStores.make(backend, clock: clock)
        defer { Task { await store.shutdown() } }
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        let instance = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
        try await service.drive(instance.id, to: "publicity", people: people)
        let objector = Actor(
            userId: "public", displayName: "公众", organisationId: nil,
            grants: [RoleGrant(role: .publicMember, scope: .programme(people.programme.id))])

        let objected = try await service.execute(
            Command(instanceId: instance.id, transitionId: "object", input: ["objection": "数据不实"]), actor: objector)
        guard case .applied = objected else {
            Issue.record("objection refused: \(objected)")
            return
        }
        clock.advance(by: 30 * 86_400)

        #expect(try await service.fireDueTimers().fired == 0)
        #expect(try await store.instances.instance(instance.id)?.state == "submitted")
    }

    @Test("audit verify catches an edited, a deleted and a reordered row", arguments: TestStores.backends)
    func tamperDetected(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        var ids: [String] = []
        for _ in 0..<3 {
            let instance = try await service.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: nil, data: [:], event: nil, actor: people.district)
            try await service.drive(instance.id, to: "publicity", people: people)
            ids.append(instance.id)
        }
        #expect(try await store.audit.verifyAudit().findings.isEmpty)

        let (edited, deleted, reordered) = (ids[0], ids[1], ids[2])
        try await store.backend.transaction { database in
            try await database.raw(
                "UPDATE workflow_history SET actor_name = 'someone else' WHERE instance_id = \(bind: edited) AND seq = 2"
            ).run()
            try await database.raw("DELETE FROM workflow_history WHERE instance_id = \(bind: deleted) AND seq = 3").run()
            try await database.raw("UPDATE workflow_history SET seq = 99 WHERE instance_id = \(bind: reordered) AND seq = 2")
                .run()
            try await database.raw("UPDATE workflow_history SET seq = 2 WHERE instance_id = \(bind: reordered) AND seq = 3").run()
            try await database.raw("UPDATE workflow_history SET seq = 3 WHERE instance_id = \(bind: reordered) AND seq = 99")
                .run()
        }

        let report = try await store.audit.verifyAudit()
        let flagged = Set(report.findings.map(\.instanceId))
        #expect(flagged == Set(ids))
        #expect(report.findings.contains { $0.instanceId == edited && $0.seq == 2 && $0.problem.contains("edited") })
    }
}
