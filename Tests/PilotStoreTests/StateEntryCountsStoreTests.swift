import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// The state-entry counters (migration 34, issue #16) on both backends: moved by every start and
/// decision in its own transaction, so the overdue counts read from them equal the counts from every
/// instance row for any cut-off (the cut-off's own day included, to the millisecond), after random
/// decisions spread over days; put right by a rebuild when a writer bypassed the store.
@Suite("State entry counters in the store")
struct StateEntryCountsStoreTests {
    static let definitionId = "small-plan"
    /// 2026-03-01 09:30 in Shanghai: the days cross Shanghai midnights, not UTC ones.
    static let start = Date(timeIntervalSince1970: 1_772_328_600)

    func setUp(_ backend: BackendKind) async throws -> (WorkflowService, TestProgramme, ManualClock) {
        let clock = ManualClock(Self.start)
        let store = try await TestStores.make(backend, clock: clock)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        return (service, try await TestProgramme.make(in: store), clock)
    }

    func startInstance(_ service: WorkflowService, _ people: TestProgramme) async throws -> InstanceSnapshot {
        try await service.start(
            definitionId: Self.definitionId, programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil, actor: people.district)
    }

    /// The overdue counts from the counters and from the rows, for these cut-offs of every state.
    func expectOverdueAgreement(_ store: PilotStore, _ people: TestProgramme, cutoffs: [Date]) async throws {
        for cutoff in cutoffs {
            let states = Dictionary(uniqueKeysWithValues: ["draft", "submitted", "publicity", "rejected"].map { ($0, cutoff) })
            for programmes in [nil, [people.programme.id]] as [[String]?] {
                let counted = try await store.facts.overdueCounts(
                    programmeIds: programmes, definitionId: Self.definitionId, cutoffs: states)
                let scanned = try await store.facts.scanOverdueCounts(
                    programmeIds: programmes, definitionId: Self.definitionId, cutoffs: states)
                #expect(counted == scanned, "cut-off \(cutoff.millis): counters \(counted), rows \(scanned)")
            }
        }
    }

    @Test("random decisions over days: overdue from the counters equals the rows", arguments: TestStores.backends)
    func randomDecisions(backend: BackendKind) async throws {
        let (service, people, clock) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        var generator = CommandSequence(seed: 34)
        var instances: [InstanceSnapshot] = []
        for _ in 0..<10 {
            instances.append(try await startInstance(service, people))
            clock.advance(by: Double(generator.next() % 30 + 1) * 3600 + Double(generator.next() % 1000))
        }
        #expect(try await service.store.facts.checkStateEntryCounts().isEmpty)
        let commands: [(String, [String: JSONValue], Actor)] = [
            ("submit_plan", TestProgramme.validPlan, people.contractor), ("approve", ["opinion": "同意"], people.district),
            ("reject", [:], people.district),
        ]
        var applied = 0
        for _ in 0..<30 {
            let instance = instances[Int(generator.next() % UInt64(instances.count))]
            let (transition, input, actor) = commands[Int(generator.next() % UInt64(commands.count))]
            let current = try #require(try await service.store.instances.instance(instance.id))
            let stale = generator.next() % 6 == 0
            let outcome = try await service.execute(
                Command(
                    instanceId: instance.id, transitionId: transition, input: input,
                    expectedVersion: stale ? current.version - 1 : current.version),
                actor: actor)
            if case .applied = outcome { applied += 1 }
            #expect(try await service.store.facts.checkStateEntryCounts().isEmpty, "after \(transition): \(outcome)")
            clock.advance(by: Double(generator.next() % 20 + 1) * 3600 + Double(generator.next() % 1000))
        }
        #expect(applied > 5)
        // Cut-offs every 5 hours over the whole span, and exactly at and next to each instance's entry.
        var cutoffs: [Date] = []
        var cutoff = Self.start.addingTimeInterval(-3600)
        while cutoff < clock.now() {
            cutoffs.append(cutoff)
            cutoff = cutoff.addingTimeInterval(5 * 3600)
        }
        for instance in instances {
            let entered = try #require(try await service.store.instances.instance(instance.id)).stateEnteredAt
            cutoffs += [entered, entered.addingTimeInterval(0.001), entered.addingTimeInterval(-0.001)]
        }
        try await expectOverdueAgreement(service.store, people, cutoffs: cutoffs)
        // The counts are not all zero: the test would pass on empty tables otherwise.
        let late = try await service.store.facts.overdueCounts(
            programmeIds: nil, definitionId: Self.definitionId,
            cutoffs: ["draft": clock.now(), "submitted": clock.now(), "publicity": clock.now(), "rejected": clock.now()])
        #expect(late[people.programme.id] == instances.count)
    }

    @Test("check names a bucket a writer bypassed; rebuild recounts it", arguments: TestStores.backends)
    func checkAndRebuild(backend: BackendKind) async throws {
        let (service, people, clock) = try await setUp(backend)
        defer { Task { await service.store.shutdown() } }
        for _ in 0..<4 {
            _ = try await startInstance(service, people)
            clock.advance(by: 3600)
        }
        // A hand-written fix that moves every project's entry two days back without its counters.
        try await service.store.backend.read { database in
            try await database.raw(
                """
                UPDATE workflow_instances SET state_entered_at = state_entered_at - 172800000
                WHERE programme_id = \(bind: people.programme.id)
                """
            ).run()
        }
        let differences = try await service.store.facts.checkStateEntryCounts()
        #expect(!differences.isEmpty)
        #expect(differences.allSatisfy { $0.state == "draft" && $0.programmeId == people.programme.id })
        #expect(differences.map(\.recounted).reduce(0, +) == 4 && differences.map(\.counted).reduce(0, +) == 4)
        #expect(try await service.store.facts.rebuildStateEntryCounts() >= 1)
        #expect(try await service.store.facts.checkStateEntryCounts().isEmpty)
        try await expectOverdueAgreement(
            service.store, people, cutoffs: (0..<12).map { Self.start.addingTimeInterval(Double($0 - 6) * 12 * 3600) })
    }

    /// Migration 43: the counters' count rides in their key's index, so a state's range of days is
    /// read without visiting the table (the national roll-up's overdue read); the upserts' conflict
    /// target is still the key; the instances' index the counters replaced is gone.
    @Test("PostgreSQL: a state's days of counters are read from the key's index alone")
    func indexOnly() async throws {
        let (service, people, clock) = try await setUp(.postgres)
        defer { Task { await service.store.shutdown() } }
        for _ in 0..<3 {
            _ = try await startInstance(service, people)
            clock.advance(by: 86_400)
        }
        let (keyColumns, columns, plan) = try await service.store.backend.transaction { database in
            let index = try await database.raw(
                """
                SELECT indnkeyatts AS keys, indnatts AS columns FROM pg_index
                WHERE indexrelid = 'state_entry_counts_pkey'::regclass
                AND to_regclass('workflow_instances_entered') IS NULL
                """
            ).first()
            // A test's table is a few rows: without these the planner reads it whole, whatever its indexes.
            try await database.raw("SET LOCAL enable_seqscan = off").run()
            try await database.raw("SET LOCAL enable_bitmapscan = off").run()
            let plan = try await database.raw(
                """
                EXPLAIN SELECT programme_id, instances FROM state_entry_counts
                WHERE definition_id = \(bind: Self.definitionId) AND state = 'draft' AND day < 100000
                """
            ).all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            return (
                try index?.decode(column: "keys", as: Int.self), try index?.decode(column: "columns", as: Int.self), plan
            )
        }
        #expect(keyColumns == 5 && columns == 6)
        #expect(plan.contains("Index Only Scan using state_entry_counts_pkey"), "\(plan)")
        try await expectOverdueAgreement(service.store, people, cutoffs: [clock.now()])
    }
}
