import Foundation
import PilotStore
import SQLKit

/// The bulk of the data set: the enterprises, their projects with the dashboard's projection
/// (`project_facts`) and scope rows, and about ten history rows per project — each table filled
/// from `bench_projects` a chunk of programmes at a time.
extension DashboardBenchSeeder {
    /// One enterprise organisation per project, its two dashboard flags as columns and in its profile.
    func seedEnterprises() async throws {
        try await inChunks { first, last in
            try await run(
                """
                INSERT INTO organisations (id, programme_id, kind, name, uscc, sub_industry_id, division_code, created_at, profile,
                above_scale, on_cloud)
                SELECT org_id, programme_id, 'enterprise', org_name, uscc, sub_id, division_code, created_at,
                jsonb_build_object('above_scale', org_above_scale, 'cloud', org_on_cloud)::text,
                org_above_scale::int, org_on_cloud::int
                FROM bench_projects WHERE p BETWEEN \(literal: first) AND \(literal: last) ORDER BY p, n
                """)
        }
    }

    /// The `enterprise-project` instances, their `project_facts` rows and their scope rows
    /// (programme, sub-industry, zone, enterprise: what the project lists and task queues filter on).
    /// The instance's data document holds the same values as its facts, as the engine would have
    /// recorded them, so `ProjectFacts(data:)` of any seeded instance equals its facts row.
    func seedProjects() async throws {
        let version = definition.version
        try await inChunks { first, last in
            let range: SQLQueryString = "p BETWEEN \(literal: first) AND \(literal: last)"
            try await run(
                """
                INSERT INTO workflow_instances (id, programme_id, definition_id, definition_version, state, version, data,
                subject_org_id, sub_industry_id, division_code, participants, last_hash, event_seq, state_entered_at, created_at,
                updated_at)
                SELECT instance_id, programme_id, \(literal: definition.id), \(literal: version), state, steps,
                jsonb_strip_nulls(jsonb_build_object('enterprise_name', org_name, 'uscc', uscc,
                    'above_scale', CASE WHEN main_steps >= 2 THEN org_above_scale END, 'level', baseline_level,
                    'approved_subsidy', approved_subsidy, 'assessed_level', assessed_level,
                    'cloud_adoption', CASE WHEN main_steps >= 5 THEN cloud END,
                    'chain_led', CASE WHEN main_steps >= 5 THEN chain_led END, 'rectification_deadline', rectify_by,
                    'signatures', CASE WHEN signed_parties <> '' THEN
                        (SELECT jsonb_object_agg(party, 'bench') FROM unnest(string_to_array(signed_parties, ',')) AS party) END
                ))::text,
                org_id, sub_id, division_code, '{}', \(Self.hash("instance_id", "steps")), 0, entered_at, created_at, entered_at
                FROM bench_projects WHERE \(range) ORDER BY p, n
                """)
            try await run(
                """
                INSERT INTO project_facts (instance_id, programme_id, approved_subsidy, baseline_level, assessed_level, cloud,
                chain_led, above_scale, signed_parties, rectify_by, plan_filed_by)
                SELECT instance_id, programme_id, approved_subsidy, baseline_level, assessed_level, cloud::int, chain_led::int,
                above_scale::int, signed_parties, rectify_by, plan_filer
                FROM bench_projects WHERE \(range) ORDER BY p, n
                """)
            try await run(
                """
                INSERT INTO instance_scopes (instance_id, scope)
                SELECT DISTINCT instance_id, unnest(ARRAY['programme:' || programme_id, 'sub_industry:' || sub_id,
                'organisation:' || org_id,
                -- The zone's node and every node above it, as DivisionCode.ancestorsOrSelf lists them.
                'division:' || division_code, 'division:' || left(division_code, 6), 'division:' || left(division_code, 4) || '00',
                'division:' || left(division_code, 2) || '0000', 'division:100000'])
                FROM bench_projects WHERE \(range)
                """)
        }
    }

    /// One row per step of each project's path (`bench_path`, then its exit step if it left the
    /// main path), spaced evenly from its creation to its entering the current state. Synthetic:
    /// see the type's comment about hashes.
    func seedHistory() async throws {
        let version = definition.version
        try await inChunks(of: 5) { first, last in
            try await run(
                """
                INSERT INTO workflow_history (instance_id, seq, programme_id, transition_id, from_state, to_state,
                actor_user_id, actor_name, actor_org_id, principal_user_id, input, rule_values, definition_version,
                occurred_at, idempotency_key, prev_hash, hash)
                SELECT b.instance_id, k.seq, b.programme_id,
                CASE WHEN k.seq <= b.main_steps THEN m.transition_id ELSE b.exit_transition END,
                CASE WHEN k.seq <= b.main_steps THEN m.from_state ELSE b.exit_from END,
                CASE WHEN k.seq <= b.main_steps THEN m.to_state ELSE b.state END,
                CASE WHEN k.seq <= b.main_steps THEN m.actor_id ELSE b.exit_actor_id END,
                CASE WHEN k.seq <= b.main_steps THEN m.actor_name ELSE b.exit_actor_name END,
                CASE WHEN m.transition_id = 'file_plan' AND k.seq <= b.main_steps THEN b.plan_filer END, NULL, '{}', '{}', \(literal: version),
                b.created_at + (b.entered_at - b.created_at) * (k.seq - 1) / greatest(b.steps - 1, 1), NULL,
                CASE WHEN k.seq = 1 THEN '' ELSE \(Self.hash("b.instance_id", "k.seq - 1")) END,
                \(Self.hash("b.instance_id", "k.seq"))
                FROM bench_projects b CROSS JOIN LATERAL generate_series(1, b.steps) AS k(seq)
                LEFT JOIN bench_path m ON m.step = k.seq
                WHERE b.p BETWEEN \(literal: first) AND \(literal: last) ORDER BY b.p, b.n, k.seq
                """)
        }
    }

    /// A synthetic history hash: SHA-256 of "instance:seq", the same width as a real one.
    static func hash(_ instance: String, _ seq: String) -> SQLQueryString {
        "encode(sha256(convert_to(\(unsafeRaw: instance) || ':' || (\(unsafeRaw: seq)), 'UTF8')), 'hex')"
    }
}
