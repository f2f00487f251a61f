import Foundation
import Funds
import PilotDomain
import SQLKit

extension FundsRows {
    /// The whole book from its rows: one query per table, no document to decode. Run where the
    /// rows cannot change underneath (the header row locked, see `FundsRepository`), so the book
    /// is the one its version names.
    static func book(programmeId: String, rules: String, on database: any SQLDatabase) async throws -> FundsBook {
        let rules = try decode(FundingRules.self, rules, column: "funds_books.rules")
        let sources = try await database.raw(
            "SELECT id, kind, name_zh, name_en, committed FROM funds_sources WHERE programme_id = \(bind: programmeId)"
        ).all().map { row in
            FundingSource(
                id: try row.string("id"),
                kind: try decode(FundingSourceKind.self, try row.string("kind"), column: "funds_sources.kind"),
                name: LocalizedText(zh: try row.string("name_zh"), en: try row.string("name_en")),
                committed: Fen(try row.int64("committed")))
        }
        let projects = try await self.projects(programmeId: programmeId, on: database)
        let releases = try await self.releases(programmeId: programmeId, on: database)
        let postings = try await self.postings(programmeId: programmeId, on: database)
        let (amendments, corrections, revisions, demands, reports) = try await records(programmeId: programmeId, on: database)
        return FundsBook.restored(
            rules: rules, sources: sources, projects: projects, releases: releases, postings: postings, amendments: amendments,
            corrections: corrections, sourceRevisions: revisions, recoveryDemands: demands, reports: reports)
    }

    private static func projects(programmeId: String, on database: any SQLDatabase) async throws -> [ProjectFunding] {
        var tranches: [String: [Tranche]] = [:]
        for row in try await database.raw(
            """
            SELECT project_id, number, milestone, amount, central, local, status, paid_release FROM funds_tranches
            WHERE programme_id = \(bind: programmeId)
            """
        ).all() {
            let project = try row.string("project_id")
            guard let milestone = Milestone(rawValue: try row.string("milestone")) else {
                throw StoreError.corrupt("funds_tranches.milestone")
            }
            tranches[project, default: []].append(
                Tranche.restored(
                    id: TrancheID(project: project, number: try row.int("number")), milestone: milestone,
                    amount: Fen(try row.int64("amount")), central: Fen(try row.int64("central")),
                    local: Fen(try row.int64("local")),
                    status: try status(try row.string("status"), paidRelease: try row.optionalInt64("paid_release"))))
        }
        return try await database.raw(
            """
            SELECT id, enterprise_org_id, approved_subsidy, local_source_id, central_share_percent, hold FROM funds_projects
            WHERE programme_id = \(bind: programmeId)
            """
        ).all().map { row in
            let id = try row.string("id")
            guard let hold = ProjectHold(rawValue: try row.string("hold")) else {
                throw StoreError.corrupt("funds_projects.hold")
            }
            return ProjectFunding.restored(
                id: id, enterpriseOrganisationId: try row.string("enterprise_org_id"),
                approvedSubsidy: Fen(try row.int64("approved_subsidy")), localSourceId: try row.string("local_source_id"),
                centralSharePercent: try row.int("central_share_percent"), tranches: tranches[id] ?? [], hold: hold)
        }
    }

    private static func releases(programmeId: String, on database: any SQLDatabase) async throws -> [Release] {
        var tranches: [Int: [TrancheID]] = [:]
        for row in try await database.raw(
            """
            SELECT release_no, project_id, tranche_no FROM funds_release_tranches WHERE programme_id = \(bind: programmeId)
            ORDER BY release_no, position
            """
        ).all() {
            tranches[try row.int("release_no"), default: []].append(
                TrancheID(project: try row.string("project_id"), number: try row.int("tranche_no")))
        }
        return try await database.raw(
            "SELECT number, preparer, prepared_at, impact, state FROM funds_releases WHERE programme_id = \(bind: programmeId)"
        ).all().map { row in
            let number = try row.int("number")
            return Release.restored(
                number: number, tranches: tranches[number] ?? [],
                preparer: try decode(Officer.self, try row.string("preparer"), column: "funds_releases.preparer"),
                preparedAt: try row.date("prepared_at"),
                impactWhenPrepared: try decode(MatchingImpact.self, try row.string("impact"), column: "funds_releases.impact"),
                state: try decode(ReleaseState.self, try row.string("state"), column: "funds_releases.state"))
        }
    }

    private static func postings(programmeId: String, on database: any SQLDatabase) async throws -> [Posting] {
        var lines: [Int: [PostingLine]] = [:]
        for row in try await database.raw(
            """
            SELECT posting_no, side, account, account_id, share, amount, project_id, tranche_no FROM funds_posting_lines
            WHERE programme_id = \(bind: programmeId) ORDER BY posting_no, line_no
            """
        ).all() {
            guard let side = PostingSide(rawValue: try row.string("side")) else {
                throw StoreError.corrupt("funds_posting_lines.side")
            }
            let tranche = try row.optionalString("project_id").map { project in
                TrancheID(project: project, number: Int(try row.optionalInt64("tranche_no") ?? 0))
            }
            lines[try row.int("posting_no"), default: []].append(
                PostingLine(
                    side,
                    try account(
                        try row.string("account"), id: try row.string("account_id"), share: try row.optionalString("share")),
                    Fen(try row.int64("amount")), tranche: tranche))
        }
        return try await database.raw(
            "SELECT number, kind, at, release_no, reverses FROM funds_postings WHERE programme_id = \(bind: programmeId)"
        ).all().map { row in
            let number = try row.int("number")
            guard let kind = PostingKind(rawValue: try row.string("kind")) else {
                throw StoreError.corrupt("funds_postings.kind")
            }
            return Posting(
                number: number, kind: kind, at: try row.date("at"), lines: lines[number] ?? [],
                release: try row.optionalInt64("release_no").map(Int.init),
                reverses: try row.optionalInt64("reverses").map(Int.init))
        }
    }
}
