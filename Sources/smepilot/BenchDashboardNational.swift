import AsyncHTTPClient
import Foundation
import NIOCore
import PilotDomain
import PilotStore
import WebApp

/// The national roll-up's part of `smepilot bench dashboard` (issue #16, goal 4): the roll-up page
/// and API over every programme as the administrator sees them; the views right after a change
/// (a real decision through the API, then the view); and beside them, in the same run, the same
/// counts read by scanning every instance row, as a roll-up without the counters would have to.
struct DashboardBenchNational {
    let services: AppServices
    let probe: DashboardBenchProbe
    let programme: String
    /// Every programme's projects: the total the roll-up must show.
    let projects: Int
    let count: Int

    /// Issue #16 goal 4: p99 under 50 ms, for a programme and for the roll-up, right after a change too.
    static let goalMilliseconds = 50.0

    struct Results {
        var page: DashboardBenchProbe.Outcome
        var api: DashboardBenchProbe.Outcome
        /// Each kind: a decision (`certify_registration` by the platform operator), then one view.
        var afterChange: [(label: String, decisions: BenchRunner, views: BenchRunner)]
        /// Why the views after a change could not be measured, if they could not.
        var afterChangeFailure: String?
        var countersRead: BenchRunner
        var scanRead: BenchRunner
    }

    func run(programmeSession: String, programmeToken: String) async throws -> Results {
        let store = services.store
        let admin = try await store.accounts.createUser(
            programmeId: programme, username: "bench-admin", displayName: "基准管理员", passwordHash: "!", organisationId: nil,
            grants: [RoleGrant(role: .admin, scope: .programme(programme))])
        let adminSession = try await store.sessions.createSession(userId: admin.id, lifetime: 3600).token
        let adminToken = try await store.sessions.createApiToken(userId: admin.id, label: "bench national")
        let operatorUser = try await store.accounts.createUser(
            programmeId: programme, username: "bench-platform", displayName: "基准平台", passwordHash: "!", organisationId: nil,
            grants: [RoleGrant(role: .platformOperator, scope: .programme(programme))])
        let operatorToken = try await store.sessions.createApiToken(userId: operatorUser.id, label: "bench decisions")
        let total = "<td class=\"num\">\(projects)</td>"
        let page = try await probe.measure(
            path: NationalRollupPath.page, headers: [("Cookie", "smepilot_session=\(adminSession)")], count: count,
            warmUp: DashboardBench.warmUp
        ) { html in html.contains("<tfoot><tr><th>") && html.contains(total) ? nil : "no total of \(projects) projects" }
        let api = try await probe.measure(
            path: NationalRollupPath.api, headers: [("Authorization", "Bearer \(adminToken)")], count: count,
            warmUp: DashboardBench.warmUp
        ) { body in Self.apiTotal(body) == projects ? nil : "total projects \(Self.apiTotal(body).map(String.init) ?? "missing")"
        }

        // Right after a change: registered projects of the programme, each certified once.
        let registered = try await store.backend.read { database in
            try await database.raw(
                """
                SELECT id FROM workflow_instances WHERE programme_id = \(bind: programme) AND state = 'registered' ORDER BY id
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
        }
        let views: [(String, String, (String, String))] = [
            (
                "national page  GET \(NationalRollupPath.page)", NationalRollupPath.page,
                ("Cookie", "smepilot_session=\(adminSession)")
            ),
            ("national API   GET \(NationalRollupPath.api)", NationalRollupPath.api, ("Authorization", "Bearer \(adminToken)")),
            ("programme page GET /dashboard", "/dashboard", ("Cookie", "smepilot_session=\(programmeSession)")),
            ("programme API  GET /api/v1/dashboard", "/api/v1/dashboard", ("Authorization", "Bearer \(programmeToken)")),
        ]
        let each = min(count, registered.count / views.count)
        var afterChange: [(label: String, decisions: BenchRunner, views: BenchRunner)] = []
        var afterChangeFailure: String?
        do {
            for (index, view) in views.enumerated() {
                var decisions: [Double] = []
                var reads: [Double] = []
                // Marked on standard error, for a profiler of one kind of view (Benchmarks/perf/attribute.py).
                TransitionsMeasurement.mark("right-after-\(index)", "begins")
                for id in registered[(index * each)..<((index + 1) * each)] {
                    decisions.append(try await decide(id, token: operatorToken))
                    reads.append(try await get(view.1, header: view.2))
                }
                TransitionsMeasurement.mark("right-after-\(index)", "ends")
                afterChange.append((view.0, Self.runner(decisions), Self.runner(reads)))
            }
        } catch {
            afterChangeFailure = "\(error)"
        }

        // The counts alone, in-process: from the counters, and by scanning every instance row.
        let definitionId = "enterprise-project"
        var counters: [Double] = []
        for _ in 0..<count {
            let begin = ContinuousClock.now
            _ = try await store.facts.dashboardCounts(programmeIds: nil, definitionId: definitionId)
            counters.append((ContinuousClock.now - begin).milliseconds)
        }
        var scans: [Double] = []
        for _ in 0..<5 {
            let begin = ContinuousClock.now
            let scanned = try await store.facts.scanDashboardCounts(definitionId: definitionId)
            scans.append((ContinuousClock.now - begin).milliseconds)
            let counted = try await store.facts.dashboardCounts(programmeIds: nil, definitionId: definitionId)
            guard scanned == counted else { throw FailureMessage("the counters differ from a scan of the rows") }
        }
        return Results(
            page: page, api: api, afterChange: afterChange, afterChangeFailure: afterChangeFailure,
            countersRead: Self.runner(counters), scanRead: Self.runner(scans))
    }

    /// One decision over the API; its milliseconds to the last byte of the answer.
    func decide(_ instanceId: String, token: String) async throws -> Double {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(probe.port)/api/v1/instances/\(instanceId)/commands")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
        request.body = .bytes(ByteBuffer(string: #"{"transition": "certify_registration", "input": {"above_scale": true}}"#))
        let begin = ContinuousClock.now
        let response = try await probe.client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 200 else {
            throw FailureMessage("decision on \(instanceId): \(response.status.code) \(String(buffer: body).prefix(300))")
        }
        return (ContinuousClock.now - begin).milliseconds
    }

    func get(_ path: String, header: (String, String)) async throws -> Double {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(probe.port)\(path)")
        request.headers.add(name: header.0, value: header.1)
        let begin = ContinuousClock.now
        let response = try await probe.client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 256 << 20)
        guard response.status.code == 200 else { throw FailureMessage("GET \(path) after a change: \(response.status.code)") }
        return (ContinuousClock.now - begin).milliseconds
    }

    static func runner(_ latencies: [Double]) -> BenchRunner {
        BenchRunner(seconds: latencies.reduce(0, +) / 1000, latencies: latencies.sorted())
    }

    /// `total.projects` of the API's JSON.
    static func apiTotal(_ json: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let total = object["total"] as? [String: Any]
        else { return nil }
        return (total["projects"] as? NSNumber)?.intValue
    }

    static func report(_ results: Results, goal: Double) {
        print("the national roll-up over every programme (administrator; counters, no project rows):")
        DashboardBenchProbe.report("page GET \(NationalRollupPath.page)    ", results.page, goal: goal)
        DashboardBenchProbe.report("API  GET \(NationalRollupPath.api)", results.api, goal: goal)
        print("views right after a change (each: one decision through the API, then one view):")
        if let failure = results.afterChangeFailure { print("  NOT MEASURED: \(failure)") }
        for entry in results.afterChange {
            let (views, decisions) = (entry.views, entry.decisions)
            print(
                "  " + entry.label.padding(toLength: 42, withPad: " ", startingAt: 0)
                    + String(
                        format:
                            ": view p50 %.1f ms  p99 %.1f ms  max %.1f ms  (p99 ÷ %.0f ms goal = %.2f)  %d views; decision p50 %.1f ms",
                        views.percentile(0.5), views.percentile(0.99), views.latencies.last ?? 0, goal,
                        views.percentile(0.99) / goal, views.latencies.count, decisions.percentile(0.5)))
        }
        let (counters, scan) = (results.countersRead, results.scanRead)
        print("the roll-up's counts alone, in-process, every programme:")
        print(
            String(
                format:
                    "  from the counters (dashboard_counts): p50 %.1f ms  p99 %.1f ms (%d reads); by scanning every instance row: "
                    + "p50 %.1f ms  max %.1f ms (%d reads); scan ÷ counters p50 = %.0f×",
                counters.percentile(0.5), counters.percentile(0.99), counters.latencies.count, scan.percentile(0.5),
                scan.latencies.last ?? 0, scan.latencies.count, scan.percentile(0.5) / max(counters.percentile(0.5), 0.001)))
    }
}

/// The roll-up's paths (the page's handler and the API's contract name them too).
enum NationalRollupPath {
    static let page = "/dashboard/national"
    static let api = "/api/v1/dashboard/national"
}
