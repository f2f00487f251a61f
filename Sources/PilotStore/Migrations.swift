import Foundation
import SQLKit

/// Numbered, append-only schema migrations. A shipped migration is never edited: add a new one.
/// `$AUTOID` is replaced by the backend's auto-numbered primary key type.
/// Every table carries the programme it belongs to (design.md §8): many pilot cities can share
/// one deployment. Times are integer milliseconds since 1970 UTC; money is integer fen.
public enum Migrations {
    public struct Migration: Sendable {
        public var number: Int
        public var name: String
        public var statements: [String]
        /// Fills new tables or columns from existing rows where SQL alone cannot (values inside
        /// JSON documents), or runs what the two backends write differently (migrations 40 and 43),
        /// in the migration's own transaction after its statements.
        public var backfill: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    }

    public static let all: [Migration] = [
        Migration(
            number: 1, name: "programmes and parties",
            statements: [
                """
                CREATE TABLE programmes (
                    id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
                    area_code TEXT NOT NULL, rules TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE sub_industries (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), code TEXT NOT NULL,
                    name_zh TEXT NOT NULL, name_en TEXT NOT NULL, UNIQUE (programme_id, code))
                """,
                """
                CREATE TABLE areas (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), kind TEXT NOT NULL,
                    code TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, UNIQUE (programme_id, code))
                """,
                """
                CREATE TABLE organisations (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), kind TEXT NOT NULL,
                    name TEXT NOT NULL, uscc TEXT, sub_industry_id TEXT, area_id TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE UNIQUE INDEX organisations_uscc ON organisations (programme_id, uscc) WHERE uscc IS NOT NULL",
            ]),
        Migration(
            number: 2, name: "users, sessions and tokens",
            statements: [
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                    username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
                    organisation_id TEXT, language TEXT NOT NULL, active BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE user_grants (
                    user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, scope_kind TEXT NOT NULL,
                    scope_id TEXT NOT NULL, PRIMARY KEY (user_id, role, scope_kind, scope_id))
                """,
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
                    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE api_tokens (
                    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), label TEXT NOT NULL,
                    created_at BIGINT NOT NULL, revoked_at BIGINT)
                """,
            ]),
        Migration(
            number: 3, name: "workflow instances, history, outbox, timers",
            statements: [
                """
                CREATE TABLE workflow_instances (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                    definition_id TEXT NOT NULL, definition_version BIGINT NOT NULL, state TEXT NOT NULL,
                    version BIGINT NOT NULL, data TEXT NOT NULL, subject_org_id TEXT, sub_industry_id TEXT,
                    zone_id TEXT, participants TEXT NOT NULL, last_hash TEXT NOT NULL, event_seq BIGINT NOT NULL,
                    state_entered_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX workflow_instances_state ON workflow_instances (programme_id, definition_id, state)",
                """
                CREATE TABLE instance_scopes (
                    instance_id TEXT NOT NULL REFERENCES workflow_instances(id), scope TEXT NOT NULL,
                    PRIMARY KEY (instance_id, scope))
                """,
                "CREATE INDEX instance_scopes_scope ON instance_scopes (scope, instance_id)",
                """
                CREATE TABLE workflow_history (
                    instance_id TEXT NOT NULL REFERENCES workflow_instances(id), seq BIGINT NOT NULL,
                    programme_id TEXT NOT NULL, transition_id TEXT NOT NULL, from_state TEXT NOT NULL,
                    to_state TEXT NOT NULL, actor_user_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_org_id TEXT,
                    principal_user_id TEXT, input TEXT NOT NULL, rule_values TEXT NOT NULL,
                    definition_version BIGINT NOT NULL, occurred_at BIGINT NOT NULL, idempotency_key TEXT,
                    prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (instance_id, seq))
                """,
                """
                CREATE UNIQUE INDEX workflow_history_idempotency ON workflow_history (actor_user_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL
                """,
                """
                CREATE TABLE outbox (
                    id $AUTOID, event_id TEXT NOT NULL UNIQUE, programme_id TEXT NOT NULL, instance_id TEXT NOT NULL,
                    seq BIGINT NOT NULL, event_type TEXT NOT NULL, payload TEXT NOT NULL, occurred_at BIGINT NOT NULL,
                    status TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, last_error TEXT,
                    delivered_at BIGINT, UNIQUE (instance_id, seq))
                """,
                "CREATE INDEX outbox_pending ON outbox (status, next_attempt_at)",
                """
                CREATE TABLE timers (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, instance_id TEXT NOT NULL REFERENCES workflow_instances(id),
                    timer_id TEXT NOT NULL, transition_id TEXT NOT NULL, state TEXT NOT NULL, due_at BIGINT NOT NULL,
                    status TEXT NOT NULL, fired_at BIGINT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX timers_due ON timers (status, due_at)",
                "CREATE INDEX timers_instance ON timers (instance_id, status)",
            ]),
        Migration(
            number: 4, name: "enterprise profiles, rule versions, contractors, attachments, public submissions",
            statements: [
                // Flags and contacts of an enterprise or provider (above-scale, 专精特新, cloud use,
                // baseline level, street, provider categories) as one JSON object: they vary by
                // organisation kind and are read together.
                "ALTER TABLE organisations ADD COLUMN profile TEXT NOT NULL DEFAULT '{}'",
                "CREATE INDEX organisations_kind ON organisations (programme_id, kind, name)",
                """
                CREATE TABLE programme_rule_versions (
                    programme_id TEXT NOT NULL REFERENCES programmes(id), version BIGINT NOT NULL, rules TEXT NOT NULL,
                    changed_by TEXT NOT NULL, reason TEXT NOT NULL, changed_at BIGINT NOT NULL,
                    PRIMARY KEY (programme_id, version))
                """,
                """
                CREATE TABLE contractor_assignments (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id),
                    sub_industry_id TEXT NOT NULL, organisation_id TEXT NOT NULL, task_book_no TEXT NOT NULL,
                    started_at BIGINT NOT NULL, started_by TEXT NOT NULL, ended_at BIGINT, ended_by TEXT, end_reason TEXT)
                """,
                // Exactly one active main contractor per sub-industry, enforced by the database.
                """
                CREATE UNIQUE INDEX contractor_assignments_active ON contractor_assignments (sub_industry_id)
                WHERE ended_at IS NULL
                """,
                """
                CREATE TABLE contractor_ratings (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, contractor_org_id TEXT NOT NULL,
                    enterprise_org_id TEXT NOT NULL, score BIGINT NOT NULL, comment TEXT NOT NULL, rated_by TEXT NOT NULL,
                    rated_at BIGINT NOT NULL, UNIQUE (contractor_org_id, enterprise_org_id))
                """,
                """
                CREATE TABLE attachments (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, instance_id TEXT NOT NULL REFERENCES workflow_instances(id),
                    purpose TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
                    sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL)
                """,
                "CREATE INDEX attachments_instance ON attachments (instance_id, uploaded_at)",
                // Objections from the public, counted per hashed client address for rate limiting
                // across every server instance (the limit must hold behind a load balancer).
                """
                CREATE TABLE public_submissions (
                    id $AUTOID, programme_id TEXT NOT NULL, client_hash TEXT NOT NULL, submitted_at BIGINT NOT NULL)
                """,
                "CREATE INDEX public_submissions_client ON public_submissions (client_hash, submitted_at)",
            ]),
        Migration(
            number: 5, name: "form drafts",
            statements: [
                // A person's unfinished form (e.g. a plan being drafted): kept until the command
                // it prepares is applied. Never part of the history.
                """
                CREATE TABLE form_drafts (
                    instance_id TEXT NOT NULL REFERENCES workflow_instances(id), transition_id TEXT NOT NULL,
                    user_id TEXT NOT NULL, form_values TEXT NOT NULL, saved_at BIGINT NOT NULL,
                    PRIMARY KEY (instance_id, transition_id, user_id))
                """
            ]),
        Migration(
            number: 6, name: "provider products",
            statements: [
                // The 小快轻准 (small, fast, light, precise) catalogue of the provider pool.
                """
                CREATE TABLE provider_products (
                    id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, organisation_id TEXT NOT NULL REFERENCES organisations(id),
                    name TEXT NOT NULL, price_fen BIGINT NOT NULL, scenarios TEXT NOT NULL, description TEXT NOT NULL,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX provider_products_org ON provider_products (organisation_id, name)",
            ]),
        Migration(
            number: 7, name: "selections",
            statements: [
                // Programme-wide selections after acceptance (domain.md §2.11): benchmark
                // enterprises, typical cases, excellent providers. One row per subject and kind.
                """
                CREATE TABLE selections (
                    programme_id TEXT NOT NULL, kind TEXT NOT NULL, subject_id TEXT NOT NULL, note TEXT NOT NULL,
                    selected_by TEXT NOT NULL, selected_at BIGINT NOT NULL, PRIMARY KEY (programme_id, kind, subject_id))
                """
            ]),
        Migration(
            number: 8, name: "funds",
            statements: [
                // A programme's funds (sources, projects' tranches, releases, the ledger) as one
                // document, changed only under a row lock by the pure rules of `Funds`: every
                // release, approval and receipt of a programme is serialised, which is what makes
                // "each tranche paid at most once" and the 1:1 match hold under concurrency.
                """
                CREATE TABLE funds_books (
                    programme_id TEXT PRIMARY KEY REFERENCES programmes(id), version BIGINT NOT NULL, book TEXT NOT NULL,
                    updated_at BIGINT NOT NULL)
                """,
                // Who did what to the funds, in order (the ledger itself is inside the book).
                """
                CREATE TABLE funds_log (
                    id $AUTOID, programme_id TEXT NOT NULL, book_version BIGINT NOT NULL, action TEXT NOT NULL,
                    detail TEXT NOT NULL, actor_user_id TEXT NOT NULL, actor_name TEXT NOT NULL, at BIGINT NOT NULL)
                """,
                "CREATE INDEX funds_log_programme ON funds_log (programme_id, id)",
            ]),
        Migration(
            number: 9, name: "dashboard projections, targets and weekly snapshots",
            statements: [
                // What the dashboard counts per project (see `ProjectFacts`), rewritten by every
                // decision in the same atomic write as the instance: a projection, never edited alone.
                """
                CREATE TABLE project_facts (
                    instance_id TEXT PRIMARY KEY REFERENCES workflow_instances(id), programme_id TEXT NOT NULL,
                    approved_subsidy BIGINT, baseline_level BIGINT, assessed_level BIGINT, cloud BIGINT NOT NULL,
                    chain_led BIGINT NOT NULL, above_scale BIGINT NOT NULL, signed_parties TEXT NOT NULL, rectify_by TEXT)
                """,
                "CREATE INDEX project_facts_programme ON project_facts (programme_id)",
                // The enterprise profile's two flags the participation and cloud targets count.
                "ALTER TABLE organisations ADD COLUMN above_scale BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE organisations ADD COLUMN on_cloud BIGINT NOT NULL DEFAULT 0",
                // Totals per source and share, rewritten with the book, so readers that only need
                // the totals (the dashboard) do not decode the whole ledger.
                "ALTER TABLE funds_books ADD COLUMN summary TEXT NOT NULL DEFAULT '{}'",
                // The programme's targets (goals and deadline) as versions with a reason, like the rules.
                """
                CREATE TABLE target_versions (
                    programme_id TEXT NOT NULL REFERENCES programmes(id), version BIGINT NOT NULL, targets TEXT NOT NULL,
                    changed_by TEXT NOT NULL, reason TEXT NOT NULL, changed_at BIGINT NOT NULL,
                    PRIMARY KEY (programme_id, version))
                """,
                // Each target's value per week (the Monday, Asia/Shanghai, as YYYY-MM-DD): the trend.
                """
                CREATE TABLE target_snapshots (
                    programme_id TEXT NOT NULL REFERENCES programmes(id), week TEXT NOT NULL, target_key TEXT NOT NULL,
                    value BIGINT, taken_at BIGINT NOT NULL, PRIMARY KEY (programme_id, week, target_key))
                """,
            ],
            backfill: { database in try await ProjectFactsRepository.backfillDashboardProjections(on: database) }),
        Migration(
            number: 10, name: "contractor ratings by programme",
            statements: [
                // The dashboard reads a programme's ratings on every view; without this index that
                // is a scan of every programme's (16 ms with 130,000 ratings, `smepilot bench dashboard`).
                "CREATE INDEX contractor_ratings_programme ON contractor_ratings (programme_id)"
            ]),
        Migration(
            number: 11, name: "flagged enterprises by programme",
            statements: [
                // `enterpriseFlags` on every dashboard view: the programme's above-scale and cloud
                // enterprises from this index alone (PostgreSQL scans it without visiting the rows
                // and their profiles), instead of fetching all of the programme's organisations.
                """
                CREATE INDEX organisations_flagged ON organisations (programme_id, kind, above_scale, on_cloud, id)
                WHERE above_scale = 1 OR on_cloud = 1
                """
            ]),
        Migration(
            number: 12, name: "who filed each project's plan",
            statements: [
                // The main contractor organisation that filed the project's current plan, written by
                // `file_plan` decisions: a finished project stays with the contractor that did it
                // when the sub-industry's contractor is later replaced (dashboard, by contractor).
                "ALTER TABLE project_facts ADD COLUMN plan_filed_by TEXT",
                """
                UPDATE project_facts SET plan_filed_by = (
                    SELECT h.actor_org_id FROM workflow_history h
                    WHERE h.instance_id = project_facts.instance_id AND h.transition_id = 'file_plan'
                    ORDER BY h.seq DESC LIMIT 1)
                """,
            ]),
        Migration(
            number: 13, name: "sign-in failures shared by every server process",
            statements: [
                // One row per failed sign-in per throttle key (a digest of "user:…" or "client:…",
                // never the typed text: people type passwords into the name field). Rows older than
                // the window are deleted as new ones arrive.
                "CREATE TABLE login_failures (key_digest TEXT NOT NULL, failed_at BIGINT NOT NULL)",
                "CREATE INDEX login_failures_key ON login_failures (key_digest, failed_at)",
            ]),
        Migration(
            number: 14, name: "sign-in failures forgotten by age",
            statements: [
                // Each failure deletes the rows older than the window, whatever their key: without
                // this index that is a scan of the table, which a guessing wave makes large exactly
                // when sign-in must stay fast.
                "CREATE INDEX login_failures_age ON login_failures (failed_at)"
            ]),
        Migration(
            number: 15, name: "account administration",
            statements: [
                // Set when an administrator gives out a one-time password: until the person
                // chooses their own, every page sends them to /account/password.
                "ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0",
                // Who created, switched off, switched on or reset whose account, and when (never a
                // password or its hash).
                """
                CREATE TABLE account_log (
                    id $AUTOID, programme_id TEXT NOT NULL, user_id TEXT NOT NULL, action TEXT NOT NULL,
                    detail TEXT NOT NULL, actor_user_id TEXT NOT NULL, actor_name TEXT NOT NULL, at BIGINT NOT NULL)
                """,
                "CREATE INDEX account_log_programme ON account_log (programme_id, id)",
            ]),
        Migration(
            number: 16, name: "money and workflow: durable reconciliation and release-record jobs; demo passwords marked",
            statements: [
                // A project whose decision matters to the funds book, queued in the decision's own
                // transaction (README "Money and workflow"). `version` is the instance version that
                // queued it: the drain deletes the row only up to the version it read, so a decision
                // committed meanwhile keeps its row.
                """
                CREATE TABLE funds_pending (
                    instance_id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, version BIGINT NOT NULL, queued_at BIGINT NOT NULL)
                """,
                "CREATE INDEX funds_pending_programme ON funds_pending (programme_id)",
                // Every paid tranche to be recorded on its project (history + national outbox) as the
                // approving officer, written in the payment's own transaction and drained with retries.
                """
                CREATE TABLE release_records (
                    programme_id TEXT NOT NULL, release_no BIGINT NOT NULL, project_id TEXT NOT NULL, tranche_no BIGINT NOT NULL,
                    approver_user_id TEXT NOT NULL, queued_at BIGINT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0,
                    last_error TEXT, PRIMARY KEY (programme_id, release_no, project_id, tranche_no))
                """,
                // Accounts still holding the demo seed's published password: `serve` without `--demo`
                // refuses to start while any is active (cleared by every password change).
                "ALTER TABLE users ADD COLUMN demo_password BIGINT NOT NULL DEFAULT 0",
                // Databases from before this migration: every subsidised project is reconciled once.
                """
                INSERT INTO funds_pending (instance_id, programme_id, version, queued_at)
                SELECT i.id, i.programme_id, i.version, 0 FROM workflow_instances i
                JOIN project_facts f ON f.instance_id = i.id WHERE f.approved_subsidy > 0
                """,
            ]),
        Migration(
            number: 17, name: "timer retries and dead timers; outbox lease tokens; sign-in attempts",
            statements: [
                // A timer whose firing throws is retried with backoff (issue #11): how many times it
                // failed, when it may be tried again, why it failed last, and when it was given up as
                // dead. A dead timer stays visible (`smepilot timers run`, `deadTimers`) and no longer
                // stands in the way of the others.
                "ALTER TABLE timers ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE timers ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE timers ADD COLUMN last_error TEXT",
                "ALTER TABLE timers ADD COLUMN dead_at BIGINT",
                // The token of the claim that holds an in-flight event (issue #11): settling changes
                // only rows still carrying the settling relay's token, so a relay whose lease ran
                // out cannot flip a delivered event back to pending or settle another relay's claim.
                "ALTER TABLE outbox ADD COLUMN lease_token TEXT",
                // A sign-in attempt is recorded as a failure before its password is checked (issue
                // #11: checking first let parallel guesses past the limit); a refused or successful
                // attempt is deleted again by its id.
                "ALTER TABLE login_failures ADD COLUMN attempt_id TEXT",
                "CREATE INDEX login_failures_attempt ON login_failures (attempt_id)",
            ]),
        Migration(
            number: 18, name: "server keys",
            statements: [
                // Secrets the server makes for itself on first use and every process shares (issue
                // #11: the tickets that let the objection API demand a minimum read time are signed
                // with one). Never shown, logged or sent anywhere.
                "CREATE TABLE server_keys (name TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at BIGINT NOT NULL)"
            ]),
        Migration(
            number: 19, name: "history rows keep their decision's context and a keyed MAC",
            statements: [
                // The facts the server looked up and the actor's roles, as canonical JSON: what
                // `smepilot audit verify` needs, beside the input and rule values, to replay each
                // decision and compare the instance with its history (issue #11, defect 11). Part
                // of the row's hash when present; older rows keep NULL and their hash.
                "ALTER TABLE workflow_history ADD COLUMN context TEXT",
                // HMAC-SHA256 of the row's hash under SMEPILOT_AUDIT_KEY (NULL when written without
                // the key): database write access alone no longer suffices to rewrite history.
                "ALTER TABLE workflow_history ADD COLUMN mac TEXT",
            ]),
        Migration(
            number: 20, name: "attachment contents in the database",
            statements: [
                // The uploaded bytes themselves (issue #11, defect 7): on the shipped Kubernetes
                // manifests (read-only root filesystem, two replicas) a file on local disk could not
                // be written, nor read by the other replica, nor was it in the database backup.
                // NULL for files uploaded before, which stay readable from the old directory.
                "ALTER TABLE attachments ADD COLUMN content $BYTES"
            ]),
        divisionsAndProgrammes,
        providerPool,
        poolAdmission,
        promotionCentres,
        contractorRounds,
        diagnosisCampaigns,
        policiesAndHall,
        projectRecords,
        cases,
        pilotProgramme,
        fundsRows,
        outboxBacklog,
        dashboardCounts,
        stateEntryCounts,
        notifications,
        delegations,
        bulk,
        amendmentsAndCorrections,
        recoveriesAndReports,
        fundsRequests,
        dashboardReads,
    ]

    /// Applies every migration not yet applied, each in its own transaction. Returns those applied.
    @discardableResult
    public static func run(on backend: any SQLBackend, now: Date = Date()) async throws -> [Migration] {
        let kind = backend.kind
        // Several server processes may start at once (compose, systemd, Kubernetes): on PostgreSQL
        // each migration step holds an advisory lock, so they apply each migration exactly once.
        let lock: SQLQueryString = kind == .postgres ? "SELECT pg_advisory_xact_lock(7270401)" : "SELECT 1"
        try await backend.transaction { database in
            try await database.raw(lock).run()
            try await database.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (number BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Migration] = []
        for migration in all {
            let done = try await backend.transaction { database -> Bool in
                try await database.raw(lock).run()
                let row = try await database.raw("SELECT number FROM schema_migrations WHERE number = \(bind: migration.number)")
                    .first()
                if row != nil { return false }
                for statement in migration.statements {
                    let sql = statement.replacingOccurrences(of: "$AUTOID", with: kind.autoIdentity)
                        .replacingOccurrences(of: "$BYTES", with: kind.bytesType)
                    try await database.raw(SQLQueryString(sql)).run()
                }
                try await migration.backfill?(database)
                try await database.raw(
                    "INSERT INTO schema_migrations (number, name, applied_at) VALUES (\(bind: migration.number), \(bind: migration.name), \(bind: now.millis))"
                ).run()
                return true
            }
            if done { applied.append(migration) }
        }
        return applied
    }
}

extension Date {
    /// Milliseconds since 1970 UTC: how the store keeps time.
    public var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
