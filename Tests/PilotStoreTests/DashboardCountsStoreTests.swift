import Foundation
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// The dashboard's counters (migration 32, issue #16) on both backends: moved by every start and
/// decision in its own transaction, left alone by refusals, equal to a scan of the rows after random
/// decisions and after concurrent ones, and put right by a rebuild when a writer bypassed the store.
@Suite("Dashboard counters in the store")
struct DashboardCountsStoreTests {
    static let definitionId = "small-plan"

    func setUp(_ backend: BackendKind) async throws -> (WorkflowService, TestProgramme) {
        let store = try await TestStores.make(backend)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        return (service, try await TestProgramme.make(in: store))
    }

    /// Projects of every kind the counters tell apart: without a subsidy, subsidised below level 3,
    /// at level 3 and at level 4 (the facts come with the data they start with and stay through the
    /// small workflow's decisions).
    func start(_ service: WorkflowService, _ people: TestProgramme, index: Int) async throws -> InstanceSnapshot {
        var data: [String: JSONValue] = [:]
        if index % 4 != 0 {
            data["approved_subsidy"] = .int(Int64(100_000 * index))
            data["assessed_level"] = .int(Int64(index % 4 + 1))
        }
        return try await service.start(
            definitionId: Self.definitionId, programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: data, event: nil, actor: people.district)
    }

    func counts(_ store: PilotStore, _ people: TestProgramme) async throws -> [String: DashboardCounts] {
        try await store.facts.dashboardCounts(programmeIds: [people.programme.id], definitionId: Self.definitionId)[
            people.programme.id] ?? [:]
    }

    func expectAgreement(_ store: PilotStore, _ people: TestProgramme) async throws {
        let scanned = try await store.facts.scanDashboardCounts(definitionId: Self.definitionId)[people.programme.id] ?? [:]
        #expect(try await counts(store, people) == scanned)
        #expect(try await store.facts.checkDashboardCounts().isEmpty)
    }

    @Test("random decisions and refusals: the counters equal a scan of the rows", arguments: TestStores.backends)
    func randomDecisions(backend: BackendKind) async throws {
        let (service, people) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var instances: [InstanceSnapshot] = []
        for index in 0..<12 { instances.append(try await start(service, people, index: index)) }
        let started = try await counts(service.store, people)
        #expect(started["draft"] == DashboardCounts(projects: 12, subsidised: 9, level3: 6, level4: 3, subsidy: 5_400_000))
        try await expectAgreement(service.store, people)

        // A seeded sequence of commands, some refused (wrong role, wrong state, a stale version).
        var generator = CommandSequence(seed: 16)
        let commands: [(String, [String: JSONValue], Actor)] = [
            ("submit_plan", TestProgramme.validPlan, people.contractor), ("approve", ["opinion": "同意"], people.district),
            ("reject", [:], people.district), ("submit_plan", TestProgramme.validPlan, people.otherContractor),
        ]
        var applied = 0
        for _ in 0..<40 {
            let instance = instances[Int(generator.next() % UInt64(instances.count))]
            let (transition, input, actor) = commands[Int(generator.next() % UInt64(commands.count))]
            let before = try await counts(service.store, people)
            let current = try #require(try await service.store.instances.instance(instance.id))
            let stale = generator.next() % 5 == 0
            let outcome = try await service.execute(
                Command(
                    instanceId: instance.id, transitionId: transition, input: input,
                    expectedVersion: stale ? current.version - 1 : current.version),
                actor: actor)
            if case .applied = outcome {
                applied += 1
            } else {
                #expect(try await counts(service.store, people) == before, "a refusal changed the counters: \(outcome)")
            }
            try await expectAgreement(service.store, people)
        }
        #expect(applied > 5)
        let total = try await counts(service.store, people).values.reduce(DashboardCounts(), +)
        #expect(total == DashboardCounts(projects: 12, subsidised: 9, level3: 6, level4: 3, subsidy: 5_400_000))
    }

    @Test("concurrent decisions in one programme: no lost update, no deadlock", arguments: TestStores.backends)
    func concurrentDecisions(backend: BackendKind) async throws {
        let (service, people) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var instances: [InstanceSnapshot] = []
        for index in 0..<24 { instances.append(try await start(service, people, index: index)) }
        let ids = instances.map(\.id)
        // Every instance submitted at once, four times each (three of the four racing for the same version).
        let outcomes = try await withThrowingTaskGroup(of: WorkflowService.Outcome.self) { group in
            for id in ids {
                for attempt in 0..<4 {
                    group.addTask {
                        try await service.execute(
                            Command(
                                instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan, expectedVersion: 1,
                                idempotencyKey: "\(id)-\(attempt)"),
                            actor: people.contractor)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count { if case .applied = $0 { true } else { false } } == ids.count)
        // Then half approved and half rejected at once: the decisions move between the same states' rows.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let (transition, input): (String, [String: JSONValue]) =
                        index % 2 == 0 ? ("approve", ["opinion": "同意"]) : ("reject", [:])
                    let outcome = try await service.execute(
                        Command(instanceId: id, transitionId: transition, input: input), actor: people.district)
                    guard case .applied = outcome else {
                        Issue.record("\(transition) on \(id): \(outcome)")
                        return
                    }
                }
            }
            try await group.waitForAll()
        }
        let counted = try await counts(service.store, people)
        #expect(counted["publicity"]?.projects == 12 && counted["rejected"]?.projects == 12)
        #expect(counted["draft"] == nil && counted["submitted"] == nil)
        try await expectAgreement(service.store, people)
    }

    @Test(
        "decisions one after another write their counter changes into one shard (the slot of CounterSlots)",
        arguments: TestStores.backends)
    func oneShardWhenUncontended(backend: BackendKind) async throws {
        let (service, people) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var ids: [String] = []
        for index in 0..<16 { ids.append(try await start(service, people, index: index).id) }
        for id in ids {
            let outcome = try await service.execute(
                Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan), actor: people.contractor)
            guard case .applied = outcome else {
                Issue.record("submit_plan on \(id): \(outcome)")
                return
            }
        }
        if let sqlite = service.store.backend as? SQLiteBackend {
            // On SQLite the decisions went through the one-trip writer (issue #16): its statements are kept.
            #expect(sqlite.writer.preparedCount > 0)
        }
        // Only decisions enter "submitted": by instance its rows would spread over the shards the
        // sixteen ids hash to; with nothing else deciding meanwhile every decision held slot 0.
        let shards = try await service.store.backend.read { database in
            try await database.raw(
                """
                SELECT DISTINCT shard FROM dashboard_counts WHERE programme_id = \(bind: people.programme.id)
                AND state = 'submitted' UNION SELECT DISTINCT shard FROM state_entry_counts
                WHERE programme_id = \(bind: people.programme.id) AND state = 'submitted'
                """
            ).all().map { try $0.decode(column: "shard", as: Int64.self) }
        }
        #expect(shards == [0])
        #expect(try await counts(service.store, people)["submitted"]?.projects == 16)
        try await expectAgreement(service.store, people)
    }

    @Test("check names a counter a writer bypassed; rebuild recounts it", arguments: TestStores.backends)
    func checkAndRebuild(backend: BackendKind) async throws {
        let (service, people) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        for index in 0..<5 { _ = try await start(service, people, index: index) }
        // A hand-written fix that moves a project without its counters.
        try await service.store.backend.read { database in
            try await database.raw(
                "UPDATE workflow_instances SET state = 'done' WHERE programme_id = \(bind: people.programme.id)"
            )
            .run()
        }
        let differences = try await service.store.facts.checkDashboardCounts()
        #expect(Set(differences.map(\.state)) == ["draft", "done"])
        #expect(differences.first { $0.state == "done" }?.recounted.projects == 5)
        #expect(try await service.store.facts.rebuildDashboardCounts() == 1)
        try await expectAgreement(service.store, people)
        #expect(try await counts(service.store, people)["done"]?.projects == 5)
    }

    @Test("overdue counts: instances past their state's cut-off, per programme", arguments: TestStores.backends)
    func overdue(backend: BackendKind) async throws {
        let (service, people) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var ids: [String] = []
        for index in 0..<3 { ids.append(try await start(service, people, index: index).id) }
        let entered = try #require(try await service.store.instances.instance(ids[0])).stateEnteredAt
        let facts = service.store.facts
        let programme = [people.programme.id]
        #expect(
            try await facts.overdueCounts(
                programmeIds: programme, definitionId: Self.definitionId, cutoffs: ["draft": entered.addingTimeInterval(3600)])
                == [people.programme.id: 3])
        #expect(
            try await facts.overdueCounts(
                programmeIds: programme, definitionId: Self.definitionId, cutoffs: ["draft": entered.addingTimeInterval(-3600)]
            )
            .isEmpty)
        #expect(
            try await facts.overdueCounts(
                programmeIds: ["other"], definitionId: Self.definitionId, cutoffs: ["draft": entered.addingTimeInterval(3600)]
            )
            .isEmpty)
    }
}

/// Knuth's MMIX linear congruential sequence, high bits: deterministic, so a failing run repeats.
struct CommandSequence {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
