import SQLKit

/// The statements that apply one decision: a conditional state update (the optimistic-concurrency
/// check) and the writes that follow it (history, outbox, timers, scopes). Each follow-up is
/// written once, as `INSERT … SELECT …` or `UPDATE … WHERE …`, and rendered two ways:
/// - **in sequence** inside a transaction (SQLite): the update first, stop if it matched nothing;
/// - **as one statement** (PostgreSQL): data-modifying CTEs that all hang off the update's
///   RETURNING row, so a stale version writes nothing and the whole decision is one round trip
///   and atomic on its own.
struct DecisionWrite {
    /// `UPDATE workflow_instances SET … WHERE id = … AND version = …` (no RETURNING).
    var update: SQLQueryString
    var followUps: [FollowUp] = []

    enum FollowUp {
        /// `INSERT INTO <target> SELECT <values>`; `ignoreConflicts` adds ON CONFLICT DO NOTHING.
        case insert(target: SQLQueryString, values: SQLQueryString, ignoreConflicts: Bool)
        /// `UPDATE <table> SET … WHERE <condition>`.
        case update(SQLQueryString)
        /// `INSERT INTO <target> SELECT <row> [UNION ALL SELECT <row> …] ON CONFLICT <conflict>` (e.g.
        /// `(key) DO UPDATE SET …`): the rows of one table in one statement, in the order given (the
        /// counters' −1 and +1 are one statement, not two: on SQLite each statement is a trip to
        /// SQLiteNIO's thread, on PostgreSQL each CTE a node the server plans and runs; issue #16).
        /// The rows' keys must differ (PostgreSQL refuses to upsert one row twice in a statement).
        case upsert(target: SQLQueryString, rows: [SQLQueryString], conflict: SQLQueryString)

        /// One row's upsert.
        static func upsert(target: SQLQueryString, values: SQLQueryString, conflict: SQLQueryString) -> Self {
            .upsert(target: target, rows: [values], conflict: conflict)
        }

        /// The upsert of `rows`, or nothing when there are none (a decision that moves no counter).
        static func upserts(target: SQLQueryString, rows: [SQLQueryString], conflict: SQLQueryString) -> [Self] {
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
                "INSERT INTO \(target) SELECT \(values)\(unsafeRaw: ignoreConflicts ? " ON CONFLICT DO NOTHING" : "")"
            case .update(let statement):
                statement
            case .upsert(let target, let rows, let conflict):
                "INSERT INTO \(target) \(selecting: rows, from: nil) ON CONFLICT \(conflict)"
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
        var query: SQLQueryString = "WITH updated AS (\(update) RETURNING id)"
        for (index, followUp) in followUps.enumerated() {
            switch followUp {
            case .insert(let target, let values, let ignoreConflicts):
                query.appendInterpolation(
                    ", f\(unsafeRaw: String(index)) AS (INSERT INTO \(target) SELECT \(values) FROM updated\(unsafeRaw: ignoreConflicts ? " ON CONFLICT DO NOTHING" : "") RETURNING 1)"
                        as SQLQueryString)
            case .update(let statement):
                query.appendInterpolation(
                    ", f\(unsafeRaw: String(index)) AS (\(statement) AND EXISTS (SELECT 1 FROM updated) RETURNING 1)"
                        as SQLQueryString)
            case .upsert(let target, let rows, let conflict):
                query.appendInterpolation(
                    ", f\(unsafeRaw: String(index)) AS (INSERT INTO \(target) \(selecting: rows, from: "updated") ON CONFLICT \(conflict) RETURNING 1)"
                        as SQLQueryString)
            }
        }
        query.appendLiteral(" SELECT COUNT(*) AS matched FROM updated")
        // A named prepared statement per connection and text: planned once, not on every decision.
        let row = try await database.preparedRows(query).first
        return (try row?.decode(column: "matched", as: Int64.self) ?? 0) > 0
    }
}

extension SQLQueryString {
    /// `SELECT <row> [FROM <from>] UNION ALL SELECT <row> [FROM <from>] …`: the rows of a multi-row
    /// `INSERT … SELECT`, written the same way on both backends.
    mutating func appendInterpolation(selecting rows: [SQLQueryString], from source: String?) {
        for (index, row) in rows.enumerated() {
            appendLiteral(index == 0 ? "SELECT " : " UNION ALL SELECT ")
            appendInterpolation(row)
            if let source { appendLiteral(" FROM " + source) }
        }
    }
}
