import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WebApp

@Suite("Weekly snapshots of the targets")
struct TargetSnapshotTests {
    /// Snapshot rows stored for a programme and week.
    static func rows(_ store: PilotStore, _ programmeId: String, week: String) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw(
                """
                SELECT COUNT(*) AS n FROM target_snapshots WHERE programme_id = \(bind: programmeId) AND week = \(bind: week)
                """
            ).first()?.decode(column: "n", as: Int64.self)
        }.map(Int.init) ?? 0
    }

    @Test("taking the snapshot twice in a week keeps one row per target, with the latest figure; the demo has 12 weeks before")
    func oneRowPerTargetAndWeek() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60, clock: ManualClock(Date()))
        defer { Task { await services.store.shutdown() } }
        let store = services.store
        let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
        let week = TargetTrend.week(of: store.clock.now())

        // The demo: twelve illustrative weeks, ramping up to this week's figure, then this week.
        let history = try await store.targets.targetSnapshots(programmeId: programme.id)
        #expect(history.count == 13)
        #expect(history.last?.week == week)
        #expect(Set(history.map(\.week)).count == 13)
        let transformations = history.compactMap { $0.values["transformations"] ?? nil }
        #expect(transformations.count == 13)
        #expect(transformations == transformations.sorted())
        #expect(try #require(transformations.first) < (try #require(transformations.last)) / 4)
        #expect(try await Self.rows(store, programme.id, week: week) == Targets.all.count)

        let first = try await TargetSnapshots(services: services).takeAll()
        #expect(first.failed.isEmpty)
        #expect(first.taken.map(\.week) == [week])
        // One more distinctive practice is selected in the case register (the demo's register holds
        // practices, so it is the figure, not the office's); the snapshot taken again the same week
        // replaces the week's figure instead of adding rows.
        let before = try #require(first.taken.first?.values["distinctive_practices"] ?? nil)
        var content = CaseContent()
        content.problem = "推进机制"
        content.solution = "新增一项特色做法"
        _ = try await store.cases.propose(
            CaseRecord(
                id: "cas_snapshot", programmeId: programme.id, kind: .practice, subjectKind: .region, subjectOrganisationId: nil,
                subjectName: "滨海新区", divisionCode: "120116", title: "新增一项特色做法", proposerUserId: "u_district",
                proposerName: "区工信局", proposerOrganisationId: nil, content: content))
        _ = try await store.cases.step(
            id: "cas_snapshot", programmeId: programme.id, .review(note: "同意"), by: ChangeActor(userId: "u_district", name: "区"))
        _ = try await store.cases.step(
            id: "cas_snapshot", programmeId: programme.id, .decide(selected: true, note: "入选"),
            by: ChangeActor(userId: "u_leader", name: "领导小组"))
        let expected = before + 1
        let second = try await TargetSnapshots(services: services).takeAll()
        #expect(second.taken.first?.values["distinctive_practices"] == .some(expected))
        #expect(try await Self.rows(store, programme.id, week: week) == Targets.all.count)
        let after = try await store.targets.targetSnapshots(programmeId: programme.id)
        #expect(after.count == 13)
        #expect(after.last?.values["distinctive_practices"] == .some(expected))

        // What `smepilot targets snapshot` prints for it.
        let lines = try #require(second.taken.first).lines
        #expect(lines.first?.contains("BINHAI-2024") == true)
        #expect(lines.first?.contains("week of \(week)") == true)
        #expect(lines.count == 1 + Targets.all.count)
        #expect(lines.contains { $0.hasPrefix("  distinctive_practices") && $0.hasSuffix(" \(expected)") })
    }

    // The limit only guards against a hang: the whole suite runs in parallel on two cores, where the
    // demo seed alone can take minutes (it exceeded two while other builds ran).
    @Test("the server takes the snapshot at start-up, and stops at once on shutdown", .timeLimit(.minutes(10)))
    func serviceAtStartUp() async throws {
        let clock = ManualClock(Date())
        let services = try await TestApp.services(.sqlite, enterprises: 12, clock: clock)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        // A week later: the service's first pass must write the new week.
        clock.advance(by: 7 * 86_400)
        let week = TargetTrend.week(of: clock.now())
        #expect(try await Self.rows(services.store, programme.id, week: week) == 0)
        let app = try buildApplication(services: services, runTimers: true)
        let started = ContinuousClock.now
        try await app.test(.live) { client in
            var rows = 0
            for _ in 0..<100 {
                rows = try await Self.rows(services.store, programme.id, week: week)
                if rows > 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(rows == Targets.all.count)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        // The next pass is an hour away; shutting down does not wait for it.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("a database error is logged, not thrown: the pass returns and the server keeps serving")
    func databaseErrorDoesNotStopTheServer() async throws {
        let clock = ManualClock(Date())
        let services = try await TestApp.services(.sqlite, enterprises: 12, clock: clock)
        defer { Task { await services.store.shutdown() } }
        try await services.store.backend.transaction { database in
            try await database.raw("DROP TABLE target_snapshots").run()
        }
        let outcome = try await TargetSnapshots(services: services).takeAll()
        #expect(outcome.taken.isEmpty)
        #expect(outcome.failed.map(\.programme.code) == ["BINHAI-2024"])
        #expect(await TargetSnapshots(services: services).pass(logger: Logger(label: "test.snapshots")) == 0)

        let app = try buildApplication(services: services, runTimers: true)
        try await app.test(.live) { client in
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
        }
    }
}
