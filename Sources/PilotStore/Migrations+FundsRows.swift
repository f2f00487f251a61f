import Foundation
import PilotDomain
import SQLKit

extension Migrations {
    /// Migration 31 (issue #16, goal 3): a programme's money as rows instead of one JSON document.
    /// Decoding and re-encoding the whole book under the row lock on every change took about
    /// 210 ms at national scale; now a change writes only the rows it changed (`FundsRows`).
    /// `funds_books` stays as the programme's header: its row is the lock every change of the
    /// programme's money takes, its `version` names the book (`FundsBookCache`), its `summary` the
    /// totals the dashboard reads; `rules` is the book's `FundingRules` as JSON (a few fields).
    ///
    /// The invariants the database can hold itself are constraints: amounts in range, a tranche's
    /// split adding up, a paid tranche naming its release, and — the one that matters most — a
    /// tranche's share paid by at most one posting line (a unique index), whatever code writes.
    /// A posting's balance spans rows, so it is checked in the writing transaction
    /// (`FundsRows.requireBalanced`). The rules themselves stay in `Funds`.
    static let fundsRows = Migration(
        number: 31, name: "funds as rows: sources, projects, tranches, releases, postings",
        statements: [
            "ALTER TABLE funds_books ADD COLUMN rules TEXT NOT NULL DEFAULT ''",
            // `kind` is `FundingSourceKind` as JSON (a zone carries its code).
            """
            CREATE TABLE funds_sources (
                programme_id TEXT NOT NULL REFERENCES funds_books(programme_id), id TEXT NOT NULL, kind TEXT NOT NULL,
                name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
                committed BIGINT NOT NULL CHECK (committed >= 0 AND committed <= \(fenMaximum)),
                PRIMARY KEY (programme_id, id))
            """,
            """
            CREATE TABLE funds_projects (
                programme_id TEXT NOT NULL REFERENCES funds_books(programme_id), id TEXT NOT NULL,
                enterprise_org_id TEXT NOT NULL, local_source_id TEXT NOT NULL,
                approved_subsidy BIGINT NOT NULL CHECK (approved_subsidy > 0 AND approved_subsidy <= \(fenMaximum)),
                central_share_percent BIGINT NOT NULL CHECK (central_share_percent BETWEEN 0 AND 100),
                hold TEXT NOT NULL CHECK (hold IN ('none', 'rectify', 'failed', 'terminated', 'cancelled')),
                PRIMARY KEY (programme_id, id))
            """,
            """
            CREATE TABLE funds_tranches (
                programme_id TEXT NOT NULL, project_id TEXT NOT NULL, number BIGINT NOT NULL CHECK (number >= 1),
                milestone TEXT NOT NULL CHECK (milestone IN ('task_book_signed', 'midterm_passed', 'accepted')),
                amount BIGINT NOT NULL CHECK (amount > 0 AND amount <= \(fenMaximum)),
                central BIGINT NOT NULL CHECK (central >= 0), local BIGINT NOT NULL CHECK (local >= 0),
                status TEXT NOT NULL CHECK (status IN ('planned', 'due', 'paid', 'cancelled')), paid_release BIGINT,
                CHECK (central + local = amount),
                CHECK ((status = 'paid' AND paid_release IS NOT NULL) OR (status <> 'paid' AND paid_release IS NULL)),
                PRIMARY KEY (programme_id, project_id, number),
                FOREIGN KEY (programme_id, project_id) REFERENCES funds_projects(programme_id, id))
            """,
            // `state_kind` is the state's case for SQL (open releases); `state` the whole
            // `ReleaseState` (approver, time, hold reason) and `impact` the `MatchingImpact` shown
            // when prepared, as JSON: written once per decision, never searched.
            """
            CREATE TABLE funds_releases (
                programme_id TEXT NOT NULL REFERENCES funds_books(programme_id), number BIGINT NOT NULL CHECK (number >= 1),
                preparer TEXT NOT NULL, prepared_at BIGINT NOT NULL, impact TEXT NOT NULL,
                state_kind TEXT NOT NULL CHECK (state_kind IN ('prepared', 'held', 'paid', 'rejected')), state TEXT NOT NULL,
                PRIMARY KEY (programme_id, number))
            """,
            // No foreign key to the tranche: a re-split may drop a tranche a rejected release named.
            """
            CREATE TABLE funds_release_tranches (
                programme_id TEXT NOT NULL, release_no BIGINT NOT NULL, position BIGINT NOT NULL,
                project_id TEXT NOT NULL, tranche_no BIGINT NOT NULL,
                PRIMARY KEY (programme_id, release_no, position),
                FOREIGN KEY (programme_id, release_no) REFERENCES funds_releases(programme_id, number))
            """,
            "CREATE UNIQUE INDEX funds_release_tranches_once ON funds_release_tranches (programme_id, release_no, project_id, tranche_no)",
            // The journal, append-only: a correction is a new posting.
            """
            CREATE TABLE funds_postings (
                programme_id TEXT NOT NULL REFERENCES funds_books(programme_id), number BIGINT NOT NULL CHECK (number >= 1),
                kind TEXT NOT NULL CHECK (kind IN ('receipt', 'release', 'recovery_opened', 'recovery_repaid')),
                at BIGINT NOT NULL, release_no BIGINT, PRIMARY KEY (programme_id, number))
            """,
            // The account as its case and the id it is kept for (a source or a project), with the
            // share for subsidy paid. A line above the fen maximum is allowed: a release's credit
            // to one source adds up many tranches.
            """
            CREATE TABLE funds_posting_lines (
                programme_id TEXT NOT NULL, posting_no BIGINT NOT NULL, line_no BIGINT NOT NULL,
                side TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
                account TEXT NOT NULL CHECK (account IN ('cash', 'contributions', 'subsidy_paid', 'recovery_receivable', 'recoveries')),
                account_id TEXT NOT NULL, share TEXT CHECK (share IN ('central', 'local')),
                amount BIGINT NOT NULL CHECK (amount > 0), project_id TEXT, tranche_no BIGINT,
                CHECK ((account = 'subsidy_paid') = (share IS NOT NULL)),
                CHECK ((project_id IS NULL) = (tranche_no IS NULL)),
                PRIMARY KEY (programme_id, posting_no, line_no),
                FOREIGN KEY (programme_id, posting_no) REFERENCES funds_postings(programme_id, number))
            """,
            // A tranche is paid once: each of its shares has at most one line paying it, in any posting.
            """
            CREATE UNIQUE INDEX funds_posting_lines_paid_once ON funds_posting_lines (programme_id, project_id, tranche_no, share)
            WHERE tranche_no IS NOT NULL
            """,
        ],
        backfill: { database in try await FundsRows.moveDocuments(on: database) })

    /// `Fen.maximum` in fen, spelled into the constraints.
    static let fenMaximum = Fen.maximum.value
}
