import Foundation
import Funds
import PilotDomain
import SQLKit

/// The dashboard's projections: one fact row per project, enterprise flags, organisation names, the funds summary
/// and a programme's counts.
/// Reached as `store.facts`.
public struct ProjectFactsRepository: Sendable {
    let backend: any SQLBackend
    let factRows: FactRowsCache
    let fundsSummaryCache: FundsSummaryCache
    let enterpriseFlagsCache: EnterpriseFlagsCache
}

/// Each programme's enterprise flags as split last, kept with the text they were split from: the
/// text says everything the sets hold, so while a view reads the same text the sets are the same.
/// Why: splitting thousands of ids into two sets was a tenth of a programme view's CPU in the
/// app (`bench dashboard --breakdown-of`, issue #16 round 10); the text is still read every view.
typealias EnterpriseFlagsCache = StampedCache<String, (aboveScale: Set<String>, cloud: Set<String>)>

/// Each programme's funds summary as decoded last, kept with its book's version: every write of
/// `funds_books.summary` raises `version` in the same statement (`FundsRepository`: the book's
/// creation and each change), so while the version is unchanged the summary is, whichever process
/// wrote it. Why: the national roll-up reads every programme's summary on every view, and decoding
/// a hundred of them was about 14 ms of its reads (`smepilot bench dashboard`, issue #16).
typealias FundsSummaryCache = StampedCache<Int64, FundsSummary>

/// The dashboard's projections: `project_facts` per instance, the enterprise flags on
/// `organisations` and the funds summary beside the book. Each is written with the row it is
/// derived from, in the same transaction (or the same statement), so it can never disagree with it.
extension ProjectFactsRepository {
    static let factColumns =
        "approved_subsidy, baseline_level, assessed_level, cloud, chain_led, above_scale, signed_parties, rectify_by"

    /// The facts row of a new instance (written with its first history row).
    static func factsInsert(instanceId: String, programmeId: String, data: [String: JSONValue]) -> DecisionWrite.FollowUp {
        let facts = ProjectFacts(data: data)
        return .insert(
            target: "project_facts (instance_id, programme_id, \(factColumns))",
            values: """
                \(bind: instanceId), \(bind: programmeId), \(bind: facts.approvedSubsidy), \(bind: facts.baselineLevel.map(Int64.init)),
                \(bind: facts.assessedLevel.map(Int64.init)), \(bind: facts.cloud ? 1 : 0), \(bind: facts.chainLed ? 1 : 0),
                \(bind: facts.aboveScale ? 1 : 0), \(bind: facts.signedParties.joined(separator: ",")), \(bind: facts.rectifyBy)
                """,
            ignoreConflicts: true)
    }

    /// Rewrites an instance's facts from its data after a decision (a follow-up of `DecisionWrite`);
    /// `planFiledBy`: the filing organisation when the decision files a plan, else nil (kept).
    static func factsUpdate(
        instanceId: String, data: [String: JSONValue], planFiledBy: String? = nil
    )
        -> DecisionWrite.FollowUp
    {
        let facts = ProjectFacts(data: data)
        let filer: SQLQueryString = planFiledBy.map { ", plan_filed_by = \(bind: $0)" } ?? ""
        return .update(
            """
            UPDATE project_facts SET approved_subsidy = \(bind: facts.approvedSubsidy)\(filer),
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
            let summary = try encodeSummary(try FundsRepository.decodeBook(try row.string("book")).summary)
            try await database.raw(
                "UPDATE funds_books SET summary = \(bind: summary) WHERE programme_id = \(bind: try row.string("programme_id"))"
            ).run()
        }
    }

    /// Every instance of a definition in a programme with its facts: one row per project, no data documents.
    /// The facts are filtered by programme too (the same rows): without it
    /// PostgreSQL scans every programme's facts or organisations to hash-join them, 70–100 ms with
    /// 500,000 projects (`smepilot bench dashboard`). The rows arrive packed in one text, see `FactRowPacking`.
    /// Served from `FactRowsCache` while the programme's instances are unchanged, and brought up to
    /// date from the rows changed since when they have changed.
    public func projectFactRows(programmeId: String, definitionId: String) async throws -> [ProjectFactRow] {
        let key = Self.factRowsKey(programmeId: programmeId, definitionId: definitionId)
        let fingerprint = try await instancesFingerprint(programmeId: programmeId, definitionId: definitionId)
        if let snapshot = factRows.value(key, at: fingerprint) { return snapshot.rows }
        if let since = factRows.latest(key)?.value.latestUpdate {
            let (changes, now) = try await readSnapshot(
                programmeId: programmeId, definitionId: definitionId, updatedSince: since - FactRowsSnapshot.updateMargin)
            // Merged where it is kept: copying the 5,000 kept rows to change one was most of a
            // refresh's time in-process (issue #16, the view right after a change).
            var rows: [ProjectFactRow]?
            factRows.update(key) { kept, stamp in
                // Another view's refresh, read later, got here first: what is kept is newer (a
                // fingerprint's count and sum only grow); merging these older rows into it would mix the two.
                if stamp.instances >= now.instances && stamp.versions >= now.versions {
                    rows = kept.rows
                    return stamp
                }
                kept.merge(changes)
                guard kept.matches(now) else { return nil }
                rows = kept.rows
                return now
            }
            if let rows { return rows }
        }
        let (snapshot, now) = try await readSnapshot(programmeId: programmeId, definitionId: definitionId, updatedSince: nil)
        factRows.keep(snapshot, key, at: now)
        return snapshot.rows
    }

    /// A programme's and definition's place in `FactRowsCache`.
    static func factRowsKey(programmeId: String, definitionId: String) -> String { programmeId + "\u{1F}" + definitionId }

    /// The rows (all, or those updated since a time) with each instance's version and the latest
    /// update, and the programme's fingerprint, in one statement: the fingerprint is that of the
    /// same moment as the rows (one snapshot of the database), and a refresh after a decision is
    /// one round trip besides the check that saw the change.
    func readSnapshot(
        programmeId: String, definitionId: String, updatedSince: Int64?
    ) async throws -> (FactRowsSnapshot, FactRowsFingerprint) {
        let aggregate = Self.textAggregate(backend.kind)
        let since: SQLQueryString = updatedSince.map { " AND i.updated_at >= \(bind: $0)" } ?? ""
        return try await backend.read { database in
            let row = try await database.preparedRows(
                """
                SELECT c.r, c.v, c.u, n.n, n.s FROM (
                SELECT \(unsafeRaw: aggregate)(concat_ws(\(bind: FactRowPacking.unitSeparator), \(unsafeRaw: FactRowPacking.fields)),
                \(bind: FactRowPacking.recordSeparator)) AS r,
                \(unsafeRaw: aggregate)(i.id || ':' || CAST(i.version AS TEXT), ',') AS v, MAX(i.updated_at) AS u
                FROM workflow_instances i JOIN project_facts f ON f.instance_id = i.id
                WHERE i.programme_id = \(bind: programmeId) AND i.definition_id = \(bind: definitionId)
                AND f.programme_id = \(bind: programmeId)\(since)) c
                CROSS JOIN (\(Self.fingerprintQuery(programmeId: programmeId, definitionId: definitionId))) n
                """
            ).first
            var versions: [String: Int64] = [:]
            for entry in (try row?.decode(column: "v", as: String?.self) ?? "").split(separator: ",") {
                guard let colon = entry.lastIndex(of: ":"), let version = Int64(entry[entry.index(after: colon)...]) else {
                    continue
                }
                versions[String(entry[..<colon])] = version
            }
            let snapshot = FactRowsSnapshot(
                rows: FactRowPacking.unpack(try row?.decode(column: "r", as: String?.self) ?? ""), versions: versions,
                latestUpdate: try row?.decode(column: "u", as: Int64?.self) ?? 0)
            return (snapshot, FactRowsFingerprint(instances: try row?.int64("n") ?? 0, versions: try row?.int64("s") ?? 0))
        }
    }

    /// Turns the project-rows cache off or on (`smepilot bench dashboard` measures both: views of
    /// an unchanged programme, and views that each follow a change).
    public func cacheProjectFactRows(_ enabled: Bool) { factRows.setEnabled(enabled) }

    /// Leaves the programme's kept rows in the cache but forgets the fingerprint they were read at,
    /// so the next read takes the path of a view right after a change (the rows changed since
    /// merged into the kept ones): the benchmark's breakdown times that path without a decision.
    public func forgetProjectFactRowsFingerprint(programmeId: String, definitionId: String) {
        let key = Self.factRowsKey(programmeId: programmeId, definitionId: definitionId)
        guard let kept = factRows.latest(key) else { return }
        factRows.keep(kept.value, key, at: FactRowsFingerprint(instances: -1, versions: -1))
    }

    /// Turns the funds-summary cache off or on (the benchmark's national breakdown measures both).
    public func cacheFundsSummaries(_ enabled: Bool) { fundsSummaryCache.setEnabled(enabled) }

    /// `projectFactRows` read from the database, never from the cache.
    public func readProjectFactRows(programmeId: String, definitionId: String) async throws -> [ProjectFactRow] {
        FactRowPacking.unpack(try await projectFactsText(programmeId: programmeId, definitionId: definitionId))
    }

    /// How many instances of the definition the programme has and the sum of their versions:
    /// changed by every decision and every new instance (see `FactRowsCache`).
    func instancesFingerprint(programmeId: String, definitionId: String) async throws -> FactRowsFingerprint {
        try await backend.read { database in
            let row = try await database.preparedRows(Self.fingerprintQuery(programmeId: programmeId, definitionId: definitionId))
                .first
            return FactRowsFingerprint(instances: try row?.int64("n") ?? 0, versions: try row?.int64("s") ?? 0)
        }
    }

    /// The fingerprint's count (`n`) and sum of versions (`s`).
    static func fingerprintQuery(programmeId: String, definitionId: String) -> SQLQueryString {
        """
        SELECT count(*) AS n, CAST(coalesce(sum(version), 0) AS BIGINT) AS s FROM workflow_instances
        WHERE programme_id = \(bind: programmeId) AND definition_id = \(bind: definitionId)
        """
    }

    /// The packed text `projectFactRows` unpacks (public for the benchmark's breakdown).
    public func projectFactsText(programmeId: String, definitionId: String) async throws -> String {
        let aggregate = Self.textAggregate(backend.kind)
        return try await backend.read { database in
            let text = try await database.raw(
                """
                SELECT \(unsafeRaw: aggregate)(concat_ws(\(bind: FactRowPacking.unitSeparator), \(unsafeRaw: FactRowPacking.fields)),
                \(bind: FactRowPacking.recordSeparator)) AS r
                FROM workflow_instances i JOIN project_facts f ON f.instance_id = i.id
                WHERE i.programme_id = \(bind: programmeId) AND i.definition_id = \(bind: definitionId)
                AND f.programme_id = \(bind: programmeId)
                """
            ).first()?.decode(column: "r", as: String?.self)
            return text ?? ""
        }
    }

    /// The backend's function joining the texts of a group with a separator.
    static func textAggregate(_ kind: BackendKind) -> String { kind == .postgres ? "string_agg" : "group_concat" }

    /// The programme's enterprises flagged above-scale and on the cloud, by organisation id.
    public func enterpriseFlags(programmeId: String) async throws -> (aboveScale: Set<String>, cloud: Set<String>) {
        let aggregate = Self.textAggregate(backend.kind)
        return try await backend.read { database in
            // One text for all of them, each the two flags then the id ("10org_…"), as for the project rows.
            let text =
                try await database.preparedRows(
                    """
                    SELECT \(unsafeRaw: aggregate)(CAST(above_scale AS TEXT) || CAST(on_cloud AS TEXT) || id, ',') AS r
                    FROM organisations WHERE programme_id = \(bind: programmeId) AND kind = 'enterprise'
                    AND (above_scale = 1 OR on_cloud = 1)
                    """
                ).first?.decode(column: "r", as: String?.self) ?? ""
            if let kept = enterpriseFlagsCache.value(programmeId, at: text) { return kept }
            // Split on the UTF-8 bytes: the flags are ASCII digits and the ids ASCII, and going by
            // Characters cost a view several milliseconds for a programme's thousands (issue #16).
            let one = UInt8(ascii: "1")
            var above = Set<String>()
            var cloud = Set<String>()
            for entry in text.utf8.split(separator: UInt8(ascii: ",")) where entry.count > 2 {
                let id = String(decoding: entry.dropFirst(2), as: UTF8.self)
                if entry.first == one { above.insert(id) }
                if entry.dropFirst().first == one { cloud.insert(id) }
            }
            enterpriseFlagsCache.keep((above, cloud), programmeId, at: text)
            return (above, cloud)
        }
    }

    /// Names of organisations by id (those the dashboard's risk lists show). The ids go as one JSON
    /// array, so the statement's text is the same whatever their number and is prepared once: an
    /// `IN` list of a view's 200 ids was parsed and planned anew on every view (issue #16).
    public func organisationNames(_ ids: some Collection<String>) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let list = String(decoding: try JSONEncoder().encode(Array(ids)), as: UTF8.self)
        let listed: SQLQueryString =
            backend.kind == .postgres
            ? "id = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(\(bind: list) AS jsonb))))"
            : "id IN (SELECT value FROM json_each(\(bind: list)))"
        return try await backend.read { database in
            var names: [String: String] = [:]
            for row in try await database.preparedRows("SELECT id, name FROM organisations WHERE \(listed)") {
                names[try row.string("id")] = try row.string("name")
            }
            return names
        }
    }

    /// The programme's funds in totals, or nil before the book exists.
    public func fundsSummary(programmeId: String) async throws -> FundsSummary? {
        try await backend.read { database in
            try await database.preparedRows("SELECT summary FROM funds_books WHERE programme_id = \(bind: programmeId)").first
                .map { try JSONDecoder().decode(FundsSummary.self, from: Data(try $0.string("summary").utf8)) }
        }
    }

    static func encodeSummary(_ summary: FundsSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}

/// The small counts the dashboard needs besides the projects, in one round trip.
public struct ProgrammeCounts: Sendable {
    /// Per main contractor organisation: the sum and number of its enterprises' ratings.
    public var ratings: [String: (sum: Int, count: Int)] = [:]
    /// Cases of the register (migration 29) per kind and step: what the case targets count.
    public var cases: [CaseKind: [CaseStatus: Int]] = [:]
    /// Provider organisations in the pool.
    public var providers = 0
    /// Products the pool's providers list.
    public var products = 0
}

extension ProjectFactsRepository {
    /// Ratings per contractor, cases per kind and step, providers and products of a programme: counted
    /// in SQL, so a view reads a few rows instead of every rating and product. Only providers in good
    /// standing in the pool and their products count (policy 002: a removed provider is out).
    public func programmeCounts(programmeId: String) async throws -> ProgrammeCounts {
        try await backend.read { database in
            var counts = ProgrammeCounts()
            for row in try await database.preparedRows(
                """
                SELECT 'rating' AS k, contractor_org_id AS g, CAST(SUM(score) AS BIGINT) AS a, COUNT(*) AS n FROM contractor_ratings
                WHERE programme_id = \(bind: programmeId) GROUP BY contractor_org_id
                UNION ALL SELECT 'case', kind || ':' || status, 0, COUNT(*) FROM cases WHERE programme_id = \(bind: programmeId)
                GROUP BY kind, status
                UNION ALL SELECT 'provider', '', 0, COUNT(*) FROM pool_members WHERE programme_id = \(bind: programmeId)
                AND standing = 'admitted'
                UNION ALL SELECT 'product', '', 0, COUNT(*) FROM provider_products p JOIN pool_members m
                ON m.organisation_id = p.organisation_id AND m.standing = 'admitted' WHERE p.programme_id = \(bind: programmeId)
                """
            ) {
                let group = try row.string("g")
                let count = try row.int("n")
                switch try row.string("k") {
                case "rating": counts.ratings[group] = (try row.int("a"), count)
                case "case":
                    let parts = group.split(separator: ":").map(String.init)
                    if parts.count == 2, let kind = CaseKind(rawValue: parts[0]), let status = CaseStatus(rawValue: parts[1]) {
                        counts.cases[kind, default: [:]][status] = count
                    }
                case "provider": counts.providers = count
                default: counts.products = count
                }
            }
            return counts
        }
    }
}
