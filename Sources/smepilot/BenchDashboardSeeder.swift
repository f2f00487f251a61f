import Foundation
import PilotDomain
import PilotStore
import SQLKit
import WorkflowEngine

/// Seeds the national data set of `smepilot bench dashboard` on PostgreSQL with set-based SQL
/// (`INSERT … SELECT … FROM generate_series`): millions of rows in minutes, where one round trip
/// per row would take hours. The schema comes from the normal migrations first.
///
/// Everything is derived from a project's programme number `p` and its number `n` within the
/// programme by integer arithmetic, so two runs seed the same data. One working table,
/// `bench_projects`, holds each project's derived values once; every other table is filled from
/// it, and it is dropped at the end.
///
/// Seeded history is synthetic: each row's hash is a SHA-256 of its instance and sequence number,
/// not the chain of `HistoryRecord.computedHash`, so `smepilot audit verify` does not apply to a
/// benchmark database. The outbox and timers stay empty (the benchmark runs no timers).
struct DashboardBenchSeeder: Sendable {
    let store: PilotStore
    let definition: WorkflowDefinition
    let programmes: Int
    let enterprises: Int
    let now: Date

    static let subIndustries = 8
    /// The zones of every programme (division nodes 400–405 beneath its county); the first three
    /// have their own funds (see `DashboardBenchFunds`).
    static let zones = 6
    static let providers = 40
    static let productsPerProvider = 3

    var millis: Int64 { now.millis }
    static let day: Int64 = 86_400_000

    /// SQL for a row id of the programme numbered by column `p`: `prg_bench_0042`, `sub_bench_0042_3`, …
    static func id(_ prefix: String, _ p: String = "p") -> String {
        "('\(prefix)_bench_' || lpad(\(p)::text, 4, '0'))"
    }

    /// SQL for the division code of the programme numbered by column `p`: a county of its own in a
    /// province "99" no real code uses (990001, 990002, …), so 100 programmes cover 100 districts.
    static func division(_ p: String) -> String {
        "('99' || lpad(\(p)::text, 4, '0'))"
    }

    static func id(_ prefix: String, _ p: String = "p", suffix: String) -> String {
        "('\(prefix)_bench_' || lpad(\(p)::text, 4, '0') || \(suffix))"
    }

    static func programmeId(_ number: Int) -> String { String(format: "prg_bench_%04d", number) }

    // MARK: The plan tables

    /// `bench_states` and `bench_path` (the plan of `DashboardBenchPlan` as rows), then
    /// `bench_projects`: one row per project with its state, times, ids and facts.
    func planTables() async throws {
        let states = stateRows()
        let path = DashboardBenchPlan.mainPath.enumerated().map { index, step -> SQLQueryString in
            let actor = DashboardBenchPlan.actor(step, definition: definition)
            return """
                (\(literal: index + 1), \(literal: step.transition), \(literal: step.from), \(literal: step.to),
                \(literal: actor.id), \(literal: actor.name))
                """
        }
        try await store.backend.transaction { database in
            try await database.raw(
                """
                CREATE UNLOGGED TABLE bench_states (state TEXT PRIMARY KEY, lo INT NOT NULL, hi INT NOT NULL,
                main_steps INT NOT NULL, steps INT NOT NULL, exit_transition TEXT, exit_from TEXT, exit_actor_id TEXT,
                exit_actor_name TEXT, sla_days INT, terminal BOOLEAN NOT NULL, has_subsidy BOOLEAN NOT NULL, assessed INT NOT NULL,
                signed_parties TEXT NOT NULL, rectification BOOLEAN NOT NULL)
                """
            ).run()
            try await database.raw("INSERT INTO bench_states VALUES \(states.joined(separator: ", "))").run()
            try await database.raw(
                """
                CREATE UNLOGGED TABLE bench_path (step INT PRIMARY KEY, transition_id TEXT NOT NULL, from_state TEXT NOT NULL,
                to_state TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL)
                """
            ).run()
            try await database.raw("INSERT INTO bench_path VALUES \(path.joined(separator: ", "))").run()
            try await database.raw(projectsTable).run()
            try await database.raw("CREATE INDEX bench_projects_p ON bench_projects (p, n)").run()
        }
    }

    /// Each state's share as a range of buckets 0..<1000: project (p, n) falls in bucket
    /// (7919 n + 104729 p) mod 1000, and since 7919 is prime to 1000 every 1,000 consecutive
    /// projects of a programme fill every bucket once — the shares hold exactly, yet neighbours differ.
    func stateRows() -> [SQLQueryString] {
        var low = 0
        return DashboardBenchPlan.states.map { plan in
            defer { low += plan.perMille }
            let exit = plan.exit.map { ($0, DashboardBenchPlan.actor($0, definition: definition)) }
            let state = definition.state(plan.state)
            return """
                (\(literal: plan.state), \(literal: low), \(literal: low + plan.perMille), \(literal: plan.mainSteps),
                \(literal: plan.steps), \(Self.literal(exit?.0.transition)), \(Self.literal(exit?.0.from)), \(Self.literal(exit?.1.id)),
                \(Self.literal(exit?.1.name)), \(Self.literal(state?.slaDays)), \(state?.terminal ?? false), \(plan.hasSubsidy),
                \(literal: plan.assessed.rawValue), \(literal: plan.signedParties), \(plan.rectification))
                """
        }
    }

    /// How long a project has been in its state: up to 6/5 of the state's `sla_days`, so about one
    /// in six is overdue; up to 120 days in a terminal state, a week in publicity (whose timer, not
    /// an SLA, ends it). Creation lies 9–13 days per earlier step before that. Levels: baseline 1
    /// (50%), 2 (40%), 3 (10%); an on-site assessment one (60%) or two (40%) levels up, none for a
    /// failed acceptance. 35% above-scale, 20% on the cloud at registration, 40% of plans with
    /// cloud, 3% chain-led. Subsidies ¥100,000–600,000 in steps of ¥1,000.
    var projectsTable: SQLQueryString {
        let subs = Self.subIndustries
        let zones = Self.zones
        func mix(_ salt: Int) -> SQLQueryString { "\(unsafeRaw: Self.mix(salt, n: "g.n", p: "g.p"))" }
        func mixA(_ salt: Int) -> SQLQueryString { "\(unsafeRaw: Self.mix(salt, n: "a.n", p: "a.p"))" }
        return """
            CREATE UNLOGGED TABLE bench_projects AS
            WITH g AS (
                SELECT p, n, (n * 7919 + p * 104729) % 1000 AS bucket
                FROM generate_series(1::bigint, \(literal: programmes)) AS p CROSS JOIN generate_series(1::bigint, \(literal: enterprises)) AS n
            ), a AS (
                SELECT g.p, g.n, s.state, s.main_steps, s.steps, s.exit_transition, s.exit_from, s.exit_actor_id, s.exit_actor_name,
                s.has_subsidy, s.assessed, s.signed_parties, s.rectification,
                \(unsafeRaw: Self.id("prg", "g.p")) AS programme_id,
                \(unsafeRaw: Self.id("prj", "g.p", suffix: "'_' || lpad(g.n::text, 6, '0')")) AS instance_id,
                \(unsafeRaw: Self.id("org", "g.p", suffix: "'_e' || lpad(g.n::text, 6, '0')")) AS org_id,
                '基准' || g.p || '号试点企业' || lpad(g.n::text, 6, '0') || '有限公司' AS org_name,
                '91' || lpad(g.p::text, 4, '0') || 'BM' || lpad(g.n::text, 10, '0') AS uscc,
                (g.n - 1) % \(literal: subs) + 1 AS sub_no, ((g.n - 1) / \(literal: subs)) % \(literal: zones) + 1 AS zone_no,
                \(literal: millis)
                    - \(mix(1)) % (CASE WHEN s.sla_days IS NOT NULL THEN s.sla_days * 6 / 5 + 1 WHEN s.terminal THEN 120 ELSE 8 END)
                        * \(literal: Self.day)
                    - \(mix(2)) * 86 % \(literal: Self.day) AS entered_at,
                CASE WHEN s.main_steps >= 3 THEN (CASE WHEN \(mix(3)) % 10 < 5 THEN 1 WHEN \(mix(3)) % 10 < 9 THEN 2 ELSE 3 END)
                    END AS baseline_level,
                \(mix(4)) % 100 < 35 AS org_above_scale, \(mix(5)) % 100 < 20 AS org_on_cloud
                FROM g JOIN bench_states s ON g.bucket >= s.lo AND g.bucket < s.hi
            )
            SELECT a.*,
            \(unsafeRaw: Self.id("sub", "a.p", suffix: "'_' || a.sub_no")) AS sub_id,
            \(unsafeRaw: Self.division("a.p")) || (399 + a.zone_no)::text AS division_code,
            a.entered_at - (a.steps - 1) * (9 + \(mixA(6)) % 5) * \(literal: Self.day) AS created_at,
            CASE WHEN a.has_subsidy THEN (100 + \(mixA(7)) % 501) * 100000 END AS approved_subsidy,
            CASE WHEN a.assessed = 1 OR (a.assessed = 2 AND \(mixA(8)) % 2 = 0) THEN
                CASE WHEN a.state = 'acceptance_failed' THEN a.baseline_level
                ELSE least(4, a.baseline_level + 1 + (\(mixA(9)) % 10 >= 6)::int) END END AS assessed_level,
            a.main_steps >= 5 AND \(mixA(10)) % 100 < 40 AS cloud,
            a.main_steps >= 5 AND \(mixA(11)) % 100 < 3 AS chain_led,
            a.main_steps >= 2 AND a.org_above_scale AS above_scale,
            -- The contractor that filed the plan (step 5 of the main path, spaced like the history
            -- rows): sub-industry 1's first contractor before its replacement, else the current one.
            CASE WHEN a.main_steps >= 5 THEN \(unsafeRaw: Self.id("org", "a.p", suffix: "'_c' || CASE WHEN a.sub_no = 1 AND "
                + "a.entered_at - (a.steps - 5) * (9 + \(Self.mix(6, n: "a.n", p: "a.p")) % 5) * \(Self.day) < "
                + "\(millis - Self.replacedDaysAgo * Self.day) THEN 0 ELSE a.sub_no END")) END AS plan_filer,
            CASE WHEN a.rectification THEN
                to_char((to_timestamp(a.entered_at / 1000.0) AT TIME ZONE 'Asia/Shanghai')::date + 45, 'YYYY-MM-DD') END
                AS rectify_by
            FROM a
            """
    }

    /// SQL for a well-mixed number in 0..<1,000,003 (a prime) from a project's numbers, one per
    /// `salt`: plain `n % 10` would repeat with the state buckets, which are residues of n.
    static func mix(_ salt: Int, n: String = "n", p: String = "p") -> String {
        "((\(n) * \(multipliers[salt % multipliers.count]) + \(p) * \(104_729 + salt * 7_919)) % 1000003)"
    }

    /// Large odd multipliers, one per salt, so that the mixes of one project do not move together.
    static let multipliers: [Int] = [
        2_654_435_761, 2_246_822_519, 3_266_489_917, 668_265_263, 374_761_393, 1_181_783_497, 2_860_486_313, 3_432_918_353,
        1_500_450_271, 2_971_215_073, 433_494_437, 1_073_676_287, 2_013_265_921, 3_037_000_493, 1_845_493_667, 2_305_843_009,
    ]

    /// `percent`% of a programme's projects, chosen like `mix` (for choices made in Swift).
    static func pick(_ number: Int, salt: Int, percent: Int) -> Bool {
        number * multipliers[(salt + 13) % multipliers.count] % 1_000_003 % 100 < percent
    }

    static func literal(_ value: String?) -> SQLQueryString {
        guard let value else { return "NULL" }
        return "\(literal: value)"
    }

    static func literal(_ value: Int?) -> SQLQueryString {
        guard let value else { return "NULL" }
        return "\(literal: value)"
    }

    func dropPlanTables() async throws {
        try await store.backend.transaction { database in
            try await database.raw("DROP TABLE bench_projects, bench_states, bench_path").run()
        }
    }

    // MARK: Running in chunks

    /// Runs `body` on consecutive ranges of programmes, as many at once as there are cores (at
    /// most four): one INSERT … SELECT keeps one server process busy, so a second one uses the
    /// second core while the first waits on the write-ahead log.
    @discardableResult
    func inChunks<Result: Sendable>(
        of size: Int = 10, _ body: @escaping @Sendable (_ first: Int, _ last: Int) async throws -> Result
    ) async throws -> [Result] {
        let chunks = stride(from: 1, through: programmes, by: size).map { ($0, min($0 + size - 1, programmes)) }
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)
        return try await withThrowingTaskGroup(of: Result.self) { group in
            var results: [Result] = []
            var next = 0
            while next < min(workers, chunks.count) {
                let chunk = chunks[next]
                group.addTask { try await body(chunk.0, chunk.1) }
                next += 1
            }
            while let result = try await group.next() {
                results.append(result)
                guard next < chunks.count else { continue }
                let chunk = chunks[next]
                group.addTask { try await body(chunk.0, chunk.1) }
                next += 1
            }
            return results
        }
    }

    /// One statement in its own transaction.
    func run(_ statement: SQLQueryString) async throws {
        try await store.backend.transaction { database in try await database.raw(statement).run() }
    }
}
