import Foundation
import Funds
import PilotDomain
import SQLKit

/// The dashboard's projections: `project_facts` per instance, the enterprise flags on
/// `organisations` and the funds summary beside the book. Each is written with the row it is
/// derived from, in the same transaction (or the same statement), so it can never disagree with it.
extension PilotStore {
    static let factColumns =
        "approved_subsidy, baseline_level, assessed_level, cloud, chain_led, above_scale, signed_parties, rectify_by"

    /// The facts row of a new instance (written with its first history row).
    static func factsInsert(instanceId: String, programmeId: String, data: [String: JSONValue]) -> DecisionWrite.FollowUp {
        let facts = ProjectFacts(data: data)
        return .insert(
            target: "project_facts (instance_id, programme_id, \(unsafeRaw: factColumns))",
            values: """
                \(bind: instanceId), \(bind: programmeId), \(bind: facts.approvedSubsidy), \(bind: facts.baselineLevel.map(Int64.init)),
                \(bind: facts.assessedLevel.map(Int64.init)), \(bind: facts.cloud ? 1 : 0), \(bind: facts.chainLed ? 1 : 0),
                \(bind: facts.aboveScale ? 1 : 0), \(bind: facts.signedParties.joined(separator: ",")), \(bind: facts.rectifyBy)
                """,
            ignoreConflicts: true)
    }

    /// Rewrites an instance's facts from its data after a decision (a follow-up of `DecisionWrite`).
    static func factsUpdate(instanceId: String, data: [String: JSONValue]) -> DecisionWrite.FollowUp {
        let facts = ProjectFacts(data: data)
        return .update(
            """
            UPDATE project_facts SET approved_subsidy = \(bind: facts.approvedSubsidy),
            baseline_level = \(bind: facts.baselineLevel.map(Int64.init)), assessed_level = \(bind: facts.assessedLevel.map(Int64.init)),
            cloud = \(bind: facts.cloud ? 1 : 0), chain_led = \(bind: facts.chainLed ? 1 : 0), above_scale = \(bind: facts.aboveScale ? 1 : 0),
            signed_parties = \(bind: facts.signedParties.joined(separator: ",")), rectify_by = \(bind: facts.rectifyBy)
            WHERE instance_id = \(bind: instanceId)
            """)
    }

    /// One statement setting the flag columns from a profile.
    static func flagsUpdate(organisationId: String, profile: [String: JSONValue]) -> SQLQueryString {
        let flags = EnterpriseFlags(profile: profile)
        return """
            UPDATE organisations SET above_scale = \(bind: flags.aboveScale ? 1 : 0), on_cloud = \(bind: flags.cloud ? 1 : 0)
            WHERE id = \(bind: organisationId)
            """
    }

    /// Migration 9: fills the projections from the rows that existed before them.
    static func backfillDashboardProjections(on database: any SQLDatabase) async throws {
        for row in try await database.raw("SELECT id, programme_id, data FROM workflow_instances").all() {
            try await DecisionWrite.run(
                [
                    factsInsert(
                        instanceId: try row.string("id"), programmeId: try row.string("programme_id"), data: try row.json("data"))
                ],
                on: database)
        }
        for row in try await database.raw("SELECT id, profile FROM organisations").all() {
            try await database.raw(flagsUpdate(organisationId: try row.string("id"), profile: try row.json("profile"))).run()
        }
        for row in try await database.raw("SELECT programme_id, book FROM funds_books").all() {
            let summary = try encodeSummary(try decodeBook(try row.string("book")).summary)
            try await database.raw(
                "UPDATE funds_books SET summary = \(bind: summary) WHERE programme_id = \(bind: try row.string("programme_id"))"
            ).run()
        }
    }

    /// Every instance of a definition in a programme with its facts: one row per project, no data documents.
    /// The facts are filtered by programme too (the same rows): without it PostgreSQL scans every
    /// programme's facts to hash-join them, 100 ms with 500,000 projects (`smepilot bench dashboard`).
    public func projectFactRows(programmeId: String, definitionId: String) async throws -> [ProjectFactRow] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT i.id, i.state, i.state_entered_at, i.created_at, i.subject_org_id, o.name, i.sub_industry_id,
                i.zone_id, f.approved_subsidy, f.baseline_level, f.assessed_level, f.cloud, f.chain_led, f.above_scale,
                f.signed_parties, f.rectify_by FROM workflow_instances i JOIN project_facts f ON f.instance_id = i.id
                LEFT JOIN organisations o ON o.id = i.subject_org_id
                WHERE i.programme_id = \(bind: programmeId) AND i.definition_id = \(bind: definitionId)
                AND f.programme_id = \(bind: programmeId)
                """
            ).all().map { row in
                ProjectFactRow(
                    instanceId: try row.string("id"), state: try row.string("state"),
                    stateEnteredAt: try row.date("state_entered_at"),
                    createdAt: try row.date("created_at"), enterpriseId: try row.optionalString("subject_org_id"),
                    enterpriseName: try row.optionalString("name"),
                    subIndustryId: try row.optionalString("sub_industry_id"), zoneId: try row.optionalString("zone_id"),
                    facts: ProjectFacts(
                        approvedSubsidy: try row.optionalInt64("approved_subsidy"),
                        baselineLevel: try row.optionalInt64("baseline_level").map(Int.init),
                        assessedLevel: try row.optionalInt64("assessed_level").map(Int.init), cloud: try row.int("cloud") != 0,
                        chainLed: try row.int("chain_led") != 0, aboveScale: try row.int("above_scale") != 0,
                        signedParties: try row.string("signed_parties").split(separator: ",").map(String.init),
                        rectifyBy: try row.optionalString("rectify_by")))
            }
        }
    }

    /// The programme's enterprises flagged above-scale and on the cloud, by organisation id.
    public func enterpriseFlags(programmeId: String) async throws -> (aboveScale: Set<String>, cloud: Set<String>) {
        try await backend.read { database in
            var above = Set<String>()
            var cloud = Set<String>()
            for row in try await database.raw(
                """
                SELECT id, above_scale, on_cloud FROM organisations WHERE programme_id = \(bind: programmeId)
                AND kind = 'enterprise' AND (above_scale = 1 OR on_cloud = 1)
                """
            ).all() {
                let id = try row.string("id")
                if try row.int("above_scale") != 0 { above.insert(id) }
                if try row.int("on_cloud") != 0 { cloud.insert(id) }
            }
            return (above, cloud)
        }
    }

    /// The programme's funds in totals, or nil before the book exists.
    public func fundsSummary(programmeId: String) async throws -> FundsSummary? {
        try await backend.read { database in
            try await database.raw("SELECT summary FROM funds_books WHERE programme_id = \(bind: programmeId)").first()
                .map { try JSONDecoder().decode(FundsSummary.self, from: Data(try $0.string("summary").utf8)) }
        }
    }

    static func encodeSummary(_ summary: FundsSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
