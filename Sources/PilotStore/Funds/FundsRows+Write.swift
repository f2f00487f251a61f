import Foundation
import Funds
import PilotDomain
import SQLKit

extension FundsRows {
    /// Writes what a change did to the book: `before` is the book its rows hold (nil: no rows
    /// yet), `after` the book the rules returned. Only the sources, projects, tranches and
    /// releases that differ are written, in multi-row statements; postings are only ever added
    /// (the ledger is append-only), then checked balanced in the same transaction. Approving a
    /// release of 5,000 tranches so writes 5,000 tranche rows in ten statements and one posting,
    /// where the document was the whole book encoded again. `checked: false` only to copy stored
    /// books as they are (migration 31).
    static func write(
        before: FundsBook?, after: FundsBook, programmeId: String, checked: Bool = true, on database: any SQLDatabase
    ) async throws {
        try await writeSources(before: before, after: after, programmeId: programmeId, on: database)
        try await writeProjects(before: before, after: after, programmeId: programmeId, on: database)
        try await writeReleases(before: before, after: after, programmeId: programmeId, on: database)
        try await writeRecords(before: before, after: after, programmeId: programmeId, on: database)
        let known = before?.ledger.postings.count ?? 0
        guard after.ledger.postings.count >= known else { throw StoreError.conflict("the ledger lost postings") }
        let added = Array(after.ledger.postings.dropFirst(known))
        try await insertPostings(added, programmeId: programmeId, on: database)
        if checked, let first = added.first {
            try await requireBalanced(programmeId: programmeId, from: first.number, on: database)
        }
    }

    private static func writeSources(
        before: FundsBook?, after: FundsBook, programmeId: String, on database: any SQLDatabase
    )
        async throws
    {
        let rows: [[any Encodable & Sendable]] = try after.sources.values.sorted { $0.id < $1.id }
            .filter { before?.sources[$0.id] != $0 }
            .map { [programmeId, $0.id, try encode($0.kind), $0.name.zh, $0.name.en, $0.committed.value] }
        let columns = ["programme_id", "id", "kind", "name_zh", "name_en", "committed"]
        try await insert(into: "funds_sources", columns, rows, upsert(keys: ["programme_id", "id"], columns), on: database)
    }

    private static func writeProjects(
        before: FundsBook?, after: FundsBook, programmeId: String, on database: any SQLDatabase
    )
        async throws
    {
        var projects: [[any Encodable & Sendable]] = []
        var tranches: [[any Encodable & Sendable]] = []
        var dropped: [TrancheID] = []
        for project in after.projects.values.sorted(by: { $0.id < $1.id }) {
            let old = before?.projects[project.id]
            guard old != project else { continue }
            if old.map({ !sameRecord($0, project) }) ?? true {
                projects.append([
                    programmeId, project.id, project.enterpriseOrganisationId, project.localSourceId,
                    project.approvedSubsidy.value, Int64(project.centralSharePercent), project.hold.rawValue,
                ])
            }
            for tranche in project.tranches where old?.tranche(number: tranche.number) != tranche {
                let (status, paidRelease) = columns(tranche.status)
                tranches.append([
                    programmeId, project.id, Int64(tranche.number), tranche.milestone.rawValue, tranche.amount.value,
                    tranche.central.value, tranche.local.value, status, paidRelease,
                ])
            }
            // A re-split under a shorter plan leaves fewer tranches.
            dropped += (old?.tranches ?? []).filter { project.tranche(number: $0.number) == nil }.map(\.id)
        }
        let projectColumns = [
            "programme_id", "id", "enterprise_org_id", "local_source_id", "approved_subsidy", "central_share_percent", "hold",
        ]
        try await insert(
            into: "funds_projects", projectColumns, projects, upsert(keys: ["programme_id", "id"], projectColumns), on: database)
        for id in dropped {
            try await database.raw(
                """
                DELETE FROM funds_tranches WHERE programme_id = \(bind: programmeId) AND project_id = \(bind: id.project)
                AND number = \(bind: id.number)
                """
            ).run()
        }
        let trancheColumns = [
            "programme_id", "project_id", "number", "milestone", "amount", "central", "local", "status", "paid_release",
        ]
        try await insert(
            into: "funds_tranches", trancheColumns, tranches,
            upsert(keys: ["programme_id", "project_id", "number"], trancheColumns), on: database)
    }

    /// Whether the project's own row (not its tranches) is unchanged.
    private static func sameRecord(_ old: ProjectFunding, _ new: ProjectFunding) -> Bool {
        old.enterpriseOrganisationId == new.enterpriseOrganisationId && old.localSourceId == new.localSourceId
            && old.approvedSubsidy == new.approvedSubsidy && old.centralSharePercent == new.centralSharePercent
            && old.hold == new.hold
    }

    /// A new release with its tranches; a decided one only its state (the rest never changes).
    private static func writeReleases(
        before: FundsBook?, after: FundsBook, programmeId: String, on database: any SQLDatabase
    )
        async throws
    {
        var releases: [[any Encodable & Sendable]] = []
        var tranches: [[any Encodable & Sendable]] = []
        for release in after.releases {
            let old = before?.release(release.number)
            guard old != release else { continue }
            let state = try encode(release.state)
            if old != nil {
                try await database.raw(
                    """
                    UPDATE funds_releases SET state_kind = \(bind: kind(release.state)), state = \(bind: state)
                    WHERE programme_id = \(bind: programmeId) AND number = \(bind: release.number)
                    """
                ).run()
                continue
            }
            releases.append([
                programmeId, Int64(release.number), try encode(release.preparer), release.preparedAt.millis,
                try encode(release.impactWhenPrepared), kind(release.state), state,
            ])
            for (position, id) in release.tranches.enumerated() {
                tranches.append([programmeId, Int64(release.number), Int64(position), id.project, Int64(id.number)])
            }
        }
        try await insert(
            into: "funds_releases", ["programme_id", "number", "preparer", "prepared_at", "impact", "state_kind", "state"],
            releases, on: database)
        try await insert(
            into: "funds_release_tranches", ["programme_id", "release_no", "position", "project_id", "tranche_no"], tranches,
            on: database)
    }

    private static func insertPostings(_ postings: [Posting], programmeId: String, on database: any SQLDatabase) async throws {
        var lines: [[any Encodable & Sendable]] = []
        for posting in postings {
            for (index, line) in posting.lines.enumerated() {
                let (account, accountId, share) = columns(line.account)
                lines.append([
                    programmeId, Int64(posting.number), Int64(index + 1), line.side.rawValue, account, accountId, share,
                    line.amount.value, line.tranche?.project, line.tranche.map { Int64($0.number) },
                ])
            }
        }
        try await insert(
            into: "funds_postings", ["programme_id", "number", "kind", "at", "release_no"],
            postings.map { [programmeId, Int64($0.number), $0.kind.rawValue, $0.at.millis, $0.release.map(Int64.init)] },
            on: database)
        try await insert(
            into: "funds_posting_lines",
            [
                "programme_id", "posting_no", "line_no", "side", "account", "account_id", "share", "amount", "project_id",
                "tranche_no",
            ],
            lines, on: database)
        // A separate statement, and only for reversals: migration 31 writes postings before the
        // column exists (migration 40), and those books never hold a reversal.
        for posting in postings {
            guard let reverses = posting.reverses else { continue }
            try await database.raw(
                """
                UPDATE funds_postings SET reverses = \(bind: Int64(reverses)) WHERE programme_id = \(bind: programmeId)
                AND number = \(bind: Int64(posting.number))
                """
            ).run()
        }
    }

    /// Every posting numbered `from` or later has lines, and its debits equal its credits — the
    /// one invariant of the journal no row constraint can state, checked before the transaction
    /// commits (a failure rolls the whole change back).
    static func requireBalanced(programmeId: String, from number: Int, on database: any SQLDatabase) async throws {
        if let broken = try await firstUnbalanced(programmeId: programmeId, from: number, on: database) {
            throw StoreError.conflict("posting \(broken) of \(programmeId) does not balance")
        }
    }

    /// The first posting numbered `from` or later without lines or with debits ≠ credits.
    static func firstUnbalanced(programmeId: String, from number: Int, on database: any SQLDatabase) async throws -> Int? {
        try await database.raw(
            """
            SELECT p.number FROM funds_postings p LEFT JOIN funds_posting_lines l
            ON l.programme_id = p.programme_id AND l.posting_no = p.number
            WHERE p.programme_id = \(bind: programmeId) AND p.number >= \(bind: number)
            GROUP BY p.number HAVING COUNT(l.line_no) = 0
            OR SUM(CASE WHEN l.side = 'debit' THEN l.amount ELSE 0 END) <> SUM(CASE WHEN l.side = 'credit' THEN l.amount ELSE 0 END)
            ORDER BY p.number LIMIT 1
            """
        ).first()?.int("number")
    }
}
