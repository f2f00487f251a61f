import Foundation
import PilotDomain
import PilotStore
import SQLKit

/// The programme-wide rows of the data set, a few hundred per programme: the programmes and their
/// rules, sub-industries, the main contractors (one replaced, so the breakdown
/// by contractor meets an ended assignment), the provider pool and its products; and after the
/// projects, what depends on them: ratings, selections, cases and the targets.
extension DashboardBenchSeeder {
    /// Rules like the demo programme's (the dashboard reads none of them, other pages do).
    static let rules: [String: JSONValue] = [
        "publicity_days": 7, "publicity_counting": "calendar", "reviewers_required": 2, "acceptance_min_level": 2,
        "subsidy_cap_level_2": 30_000_000, "subsidy_cap_level_3": 60_000_000, "subsidy_cap_level_4": 100_000_000,
    ]

    /// When sub-industry 1's first contractor was replaced: late enough that it had filed plans
    /// for many projects, some of them finished since (they stay with it in the breakdown).
    static let replacedDaysAgo: Int64 = 120

    func seedParties() async throws {
        let series: SQLQueryString = "generate_series(1, \(literal: programmes)) AS p"
        let rules = JSONValue.canonicalText(Self.rules)
        let created = millis - 400 * Self.day
        let replaced = millis - Self.replacedDaysAgo * Self.day
        let statements: [SQLQueryString] = [
            """
            INSERT INTO programmes (id, code, name_zh, name_en, area_code, rules, created_at)
            SELECT \(unsafeRaw: Self.id("prg")), 'BENCH-' || lpad(p::text, 4, '0'), '基准试点' || p,
            'Benchmark pilot ' || p, \(unsafeRaw: Self.division("p")), \(literal: rules), \(literal: created) FROM \(series)
            """,
            """
            INSERT INTO programme_rule_versions (programme_id, version, rules, changed_by, reason, changed_at)
            SELECT \(unsafeRaw: Self.id("prg")), 1, \(literal: rules), 'setup', 'programme created', \(literal: created)
            FROM \(series)
            """,
            """
            INSERT INTO sub_industries (id, programme_id, code, name_zh, name_en)
            SELECT \(unsafeRaw: Self.id("sub", suffix: "'_' || k")), \(unsafeRaw: Self.id("prg")), 'S' || lpad(k::text, 2, '0'),
            '基准细分行业' || k, 'Benchmark sub-industry ' || k
            FROM \(series) CROSS JOIN generate_series(1, \(literal: Self.subIndustries)) AS k
            """,
            // Contractor 0 served sub-industry 1 until contractor 1 replaced it `replacedDaysAgo`
            // days ago: the plans contractor 0 filed before then stay its own (`plan_filer`).
            """
            INSERT INTO organisations (id, programme_id, kind, name, sub_industry_id, created_at)
            SELECT \(unsafeRaw: Self.id("org", suffix: "'_c' || k")), \(unsafeRaw: Self.id("prg")), 'contractor',
            '基准' || p || '号主承包服务商' || k, \(unsafeRaw: Self.id("sub", suffix: "'_' || greatest(k, 1)")), \(literal: created)
            FROM \(series) CROSS JOIN generate_series(0, \(literal: Self.subIndustries)) AS k
            """,
            """
            INSERT INTO contractor_assignments (id, programme_id, sub_industry_id, organisation_id, task_book_no, started_at,
            started_by, ended_at, ended_by, end_reason)
            SELECT \(unsafeRaw: Self.id("asg", suffix: "'_' || k")), \(unsafeRaw: Self.id("prg")),
            \(unsafeRaw: Self.id("sub", suffix: "'_' || greatest(k, 1)")), \(unsafeRaw: Self.id("org", suffix: "'_c' || k")),
            'BENCH-CB-' || k,
            CASE k WHEN 0 THEN \(literal: created) WHEN 1 THEN \(literal: replaced) ELSE \(literal: millis - 300 * Self.day) END,
            'setup', CASE WHEN k = 0 THEN \(literal: replaced) END, CASE WHEN k = 0 THEN 'setup' END,
            CASE WHEN k = 0 THEN '基准：更换主承包服务商' END
            FROM \(series) CROSS JOIN generate_series(0, \(literal: Self.subIndustries)) AS k
            """,
            """
            INSERT INTO organisations (id, programme_id, kind, name, uscc, created_at, profile)
            SELECT \(unsafeRaw: Self.id("org", suffix: "'_v' || lpad(k::text, 2, '0')")), \(unsafeRaw: Self.id("prg")),
            'provider', '基准' || p || '号数字化服务商' || k, '91' || lpad(p::text, 4, '0') || 'PV' || lpad(k::text, 10, '0'),
            \(literal: created), '{"categories":["solutions","consulting"]}'
            FROM \(series) CROSS JOIN generate_series(1, \(literal: Self.providers)) AS k
            """,
            // Every provider a member of its programme's pool in good standing (policy 002).
            """
            INSERT INTO pool_members (organisation_id, programme_id, standing, removed_reason, member, version, updated_at)
            SELECT \(unsafeRaw: Self.id("org", suffix: "'_v' || lpad(k::text, 2, '0')")), \(unsafeRaw: Self.id("prg")),
            'admitted', NULL, '', 1, \(literal: created)
            FROM \(series) CROSS JOIN generate_series(1, \(literal: Self.providers)) AS k
            """,
            """
            INSERT INTO provider_products (id, programme_id, organisation_id, name, price_fen, scenarios, description,
            created_at)
            SELECT \(unsafeRaw: Self.id("prd", suffix: "'_v' || lpad(k::text, 2, '0') || '_' || j")), \(unsafeRaw: Self.id("prg")),
            \(unsafeRaw: Self.id("org", suffix: "'_v' || lpad(k::text, 2, '0')")), '基准产品' || k || '-' || j,
            (20000 + (k * j * 3701) % 180000) * 100, 'production_control,equipment_management', '基准产品说明',
            \(literal: created)
            FROM \(series) CROSS JOIN generate_series(1, \(literal: Self.providers)) AS k
            CROSS JOIN generate_series(1, \(literal: Self.productsPerProvider)) AS j
            """,
        ]
        try await store.backend.transaction { database in
            for statement in statements { try await database.raw(statement).run() }
        }
    }

    /// Ratings by half the enterprises past the task book (the contractor of the last
    /// sub-industry rated poorly, so the low-rated list is not empty); typical cases and benchmark
    /// enterprises among the accepted projects, excellent providers; one version of the targets.
    func seedFeedback(targets: [String: JSONValue]) async throws {
        let last = Self.subIndustries
        let statements: [SQLQueryString] = [
            """
            INSERT INTO contractor_ratings (id, programme_id, contractor_org_id, enterprise_org_id, score, comment, rated_by,
            rated_at)
            SELECT 'rat' || substr(instance_id, 4), programme_id, \(unsafeRaw: Self.id("org", suffix: "'_c' || sub_no")), org_id,
            CASE WHEN sub_no = \(literal: last) THEN 1 + \(unsafeRaw: Self.mix(12)) % 4 ELSE 3 + \(unsafeRaw: Self.mix(12)) % 3 END,
            '', 'usr_bench_enterprise', entered_at
            FROM bench_projects WHERE main_steps >= 14 AND \(unsafeRaw: Self.mix(13)) % 2 = 0
            """,
            """
            INSERT INTO cases (id, programme_id, kind, subject_kind, subject_org_id, subject_name, division_code, title,
            status, proposer_user, proposer_name, proposer_org_id, review_note, decision_note, content, version, created_at,
            updated_at, selected_at)
            SELECT 'cas_' || k.kind || '_' || x.instance_id, x.programme_id, k.kind, 'enterprise', NULL, '', '', '基准案例',
            'selected', 'usr_bench_district', '', NULL, '', '', '{"projects":["' || x.instance_id || '"]}', 1,
            \(literal: millis), \(literal: millis), \(literal: millis) FROM (
                SELECT programme_id, instance_id, row_number() OVER (PARTITION BY p ORDER BY n) AS r FROM bench_projects
                WHERE state IN ('accepted', 'final_settlement')
            ) x JOIN (VALUES ('typical', 12), ('benchmark', 24)) AS k(kind, top) ON x.r <= k.top
            """,
            """
            INSERT INTO selections (programme_id, kind, subject_id, note, selected_by, selected_at)
            SELECT \(unsafeRaw: Self.id("prg")), 'excellent_provider', \(unsafeRaw: Self.id("org", suffix: "'_v' || lpad(k::text, 2, '0')")),
            '', 'usr_bench_leadership', \(literal: millis)
            FROM generate_series(1, \(literal: programmes)) AS p CROSS JOIN generate_series(1, 8) AS k
            """,
            """
            INSERT INTO target_versions (programme_id, version, targets, changed_by, reason, changed_at)
            SELECT \(unsafeRaw: Self.id("prg")), 1, \(literal: JSONValue.canonicalText(targets)), 'usr_bench_leadership',
            '基准目标 benchmark goals', \(literal: millis - 200 * Self.day) FROM generate_series(1, \(literal: programmes)) AS p
            """,
        ]
        try await store.backend.transaction { database in
            for statement in statements { try await database.raw(statement).run() }
        }
    }
}
