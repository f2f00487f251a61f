import SQLKit

/// The statements that apply one decision: a conditional state update (the optimistic-concurrency
/// check) and the writes that follow it (history, outbox, timers, scopes). Each follow-up is
/// written once, as `INSERT … SELECT …` or `UPDATE … WHERE …`, and rendered two ways:
/// - **in sequence** inside a transaction (SQLite): the update first, stop if it matched nothing;
/// - **as one statement** (PostgreSQL): data-modifying CTEs that all hang off the update's
///   RETURNING row, so a stale version writes nothing and the whole decision is one round trip
///   and atomic on its own; several decisions may share the statement, a table's rows of all of
///   them in one CTE (`OneStatement`).
struct DecisionWrite {
    /// The conditional update: of a decision's instance, kept as values, or any statement.
    let change: Change
    var followUps: [FollowUp] = []

    enum Change {
        /// A decision's update of its instance: several in one statement become one update.
        case instance(InstanceUpdate)
        /// `UPDATE <table> SET … WHERE <the row, as the decision saw it>` (no RETURNING).
        case statement(SQLQueryString)
    }

    init(update: SQLQueryString, followUps: [FollowUp] = []) {
        self.change = .statement(update)
        self.followUps = followUps
    }

    /// A decision's write: the update of its instance, then `followUps`.
    init(_ instanceUpdate: InstanceUpdate, followUps: [FollowUp] = []) {
        self.change = .instance(instanceUpdate)
        self.followUps = followUps
    }

    /// The update as one statement (no RETURNING), written only where it runs alone: a batch of
    /// instance updates is written by `InstanceUpdate.batch` instead.
    var update: SQLQueryString {
        switch change {
        case .instance(let instance): instance.sql
        case .statement(let statement): statement
        }
    }

    var instanceUpdate: InstanceUpdate? {
        guard case .instance(let instance) = change else { return nil }
        return instance
    }

    enum FollowUp {
        /// `INSERT INTO <target> SELECT <values>`; `ignoreConflicts` adds ON CONFLICT DO NOTHING.
        /// `target` is the table and its columns (`table (a, b, …)`), no binds: follow-ups with the
        /// same target are written as one statement on PostgreSQL (`OneStatement`), their rows in one
        /// `VALUES` list — so a NULL bound for a column that is not text must carry its type in
        /// `values` (`CAST(… AS BIGINT)`): PostgreSQL reads a column of untyped NULLs as text.
        case insert(target: String, values: SQLQueryString, ignoreConflicts: Bool)
        /// `UPDATE <table> SET … WHERE <condition>`.
        case update(SQLQueryString)
        /// `INSERT INTO <target> SELECT <row> [UNION ALL SELECT <row> …] ON CONFLICT <conflict>` (e.g.
        /// `(key) DO UPDATE SET …`; on PostgreSQL the rows are a `VALUES` list, `OneStatement`): the
        /// rows of one table in one statement, in the order given (the
        /// counters' −1 and +1 are one statement, not two: on SQLite each statement is a trip to
        /// SQLiteNIO's thread, on PostgreSQL each CTE a node the server plans and runs; issue #16).
        /// The rows' keys must differ (PostgreSQL refuses to upsert one row twice in a statement).
        case upsert(target: String, rows: [SQLQueryString], conflict: String)

        /// One row's upsert.
        static func upsert(target: String, values: SQLQueryString, conflict: String) -> Self {
            .upsert(target: target, rows: [values], conflict: conflict)
        }

        /// The upsert of `rows`, or nothing when there are none (a decision that moves no counter).
        static func upserts(target: String, rows: [SQLQueryString], conflict: String) -> [Self] {
            rows.isEmpty ? [] : [.upsert(target: target, rows: rows, conflict: conflict)]
        }
    }

    /// Runs the statements one by one on a connection inside a transaction.
    /// Returns false (having written nothing) when the state update matched no row.
    func runInSequence(on database: any SQLDatabase) async throws -> Bool {
        guard try await database.raw("\(update) RETURNING version").first() != nil else { return false }
        try await Self.run(followUps, on: database)
        return true
    }

    static func run(_ followUps: [FollowUp], on database: any SQLDatabase) async throws {
        for statement in sequence(followUps) { try await database.raw(statement).run() }
    }

    /// The follow-ups as the statements that run one after another (SQLite).
    static func sequence(_ followUps: [FollowUp]) -> [SQLQueryString] {
        followUps.map { followUp in
            switch followUp {
            case .insert(let target, let values, let ignoreConflicts):
                "INSERT INTO \(unsafeRaw: target) SELECT \(values)\(unsafeRaw: ignoreConflicts ? " ON CONFLICT DO NOTHING" : "")"
            case .update(let statement):
                statement
            case .upsert(let target, let rows, let conflict):
                "INSERT INTO \(unsafeRaw: target) \(selecting: rows) ON CONFLICT \(unsafeRaw: conflict)"
            }
        }
    }

    /// SQLite, a decision committed on its own: BEGIN IMMEDIATE, the update, the follow-ups and
    /// COMMIT in one trip with prepared statements (`SQLiteWriter`). Returns false, having
    /// written nothing, when the update matched no row.
    func runInOneTrip(on backend: SQLiteBackend) async throws -> Bool {
        try await backend.transactionInOneTrip(guarded: "\(update) RETURNING version", then: Self.sequence(followUps))
    }

    /// Runs everything as one PostgreSQL statement. Returns false when the update matched no row.
    func runAsOneStatement(on database: any SQLDatabase) async throws -> Bool {
        try await Self.runAsOneStatement([self], on: database)[0]
    }

    /// Several decisions as one PostgreSQL statement, and so one commit (`GroupCommit`), composed by
    /// `OneStatement`: every follow-up hangs off its own decision's update, so a stale decision writes
    /// nothing while the others stand. The decisions must be on distinct instances and write distinct
    /// counter shards (PostgreSQL does not let one statement change a row twice). Returns, per
    /// decision in order, whether its update matched. A batch's text is named by the batches' own
    /// cache, so their many compositions cannot crowd single decisions out of the shared one.
    static func runAsOneStatement(_ writes: [DecisionWrite], on database: any SQLDatabase) async throws -> [Bool] {
        let query = OneStatement(writes).query
        // A named prepared statement per connection and text: planned once, not on every decision.
        let names: PreparedStatementCache = writes.count == 1 ? .shared : .batches
        let matched = Set(try await database.preparedRows(query, names: names).map { try $0.decode(column: "pos", as: Int.self) })
        return writes.indices.map(matched.contains)
    }
}

extension SQLQueryString {
    /// `SELECT <row> UNION ALL SELECT <row> …`: the rows of a multi-row `INSERT … SELECT` run on its own.
    mutating func appendInterpolation(selecting rows: [SQLQueryString]) {
        for (index, row) in rows.enumerated() {
            appendLiteral(index == 0 ? "SELECT " : " UNION ALL SELECT ")
            appendInterpolation(row)
        }
    }
}
