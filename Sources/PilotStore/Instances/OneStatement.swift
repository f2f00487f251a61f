import NIOConcurrencyHelpers
import SQLKit

/// Decisions written as one PostgreSQL statement (`DecisionWrite.runAsOneStatement`), with as few
/// data-modifying nodes as the decisions allow, because the server starts each node on its own —
/// opens the table and its indexes, queues its triggers — and that start, with planning the nodes,
/// was about a fifth of its CPU in the engine's benchmark when each decision and each follow-up was a
/// node of its own (issue #16):
/// - `u`: the decisions' conditional updates, returning the position of each decision whose row
///   still had the version it was made on. Several decisions' instance updates are one
///   `UPDATE … FROM (VALUES …)` (`InstanceUpdate.batch`); other updates (bulk moves, tests) are
///   a CTE each, gathered into `u`.
/// - **one step per table** after it: the rows every decision writes to a table (history, outbox,
///   timers, scopes, both counters, …) in one `INSERT … SELECT … FROM (VALUES …)`, each row tagged
///   with its decision's position and kept only if that position is in `u` — so a stale decision
///   adds no row while the others stand. Rows keep their order (a table's rows follow the
///   decisions, and within a decision its follow-ups; the filter does not reorder the list).
/// - conditional updates and deletes (`FollowUp.update`), one step each, run only if their
///   decision's position is in `u`.
/// The statement returns the positions in `u`: which decisions were written.
struct OneStatement {
    let query: SQLQueryString

    init(_ writes: [DecisionWrite]) {
        var query: SQLQueryString = "WITH "
        Self.appendUpdates(writes, to: &query)
        for (index, step) in Self.steps(writes).enumerated() {
            query.appendLiteral(", s\(index) AS (")
            query.appendInterpolation(step.sql)
            query.appendLiteral(")")
        }
        query.appendLiteral(" SELECT pos FROM u")
        self.query = query
    }

    /// `u (pos)`: one update of every instance when all are instance updates, else one CTE per update.
    static func appendUpdates(_ writes: [DecisionWrite], to query: inout SQLQueryString) {
        let instances = writes.compactMap(\.instanceUpdate)
        if writes.count > 1, instances.count == writes.count {
            query.appendInterpolation("u AS (\(InstanceUpdate.batch(instances)))" as SQLQueryString)
        } else if writes.count == 1 {
            query.appendInterpolation("u AS (\(writes[0].update) RETURNING 0 AS pos)" as SQLQueryString)
        } else {
            for (position, write) in writes.enumerated() {
                query.appendLiteral("u\(position) AS (")
                query.appendInterpolation(write.update)
                query.appendLiteral(" RETURNING \(position) AS pos), ")
            }
            query.appendLiteral("u AS (" + writes.indices.map { "SELECT pos FROM u\($0)" }.joined(separator: " UNION ALL ") + ")")
        }
    }

    /// One data-modifying CTE after the updates.
    enum Step {
        /// A table's rows, each kept only when its decision was written.
        case rows(TableRows)
        /// A conditional update or delete of one decision, run only when its decision was written.
        case guarded(decision: Int, statement: SQLQueryString)

        var sql: SQLQueryString {
            switch self {
            case .rows(let table): table.sql
            case .guarded(let decision, let statement):
                "\(statement) AND EXISTS (SELECT 1 FROM u WHERE pos = \(unsafeRaw: String(decision))) RETURNING 1"
            }
        }
    }

    /// The rows of one table (and one conflict clause) across the statement's decisions.
    struct TableRows {
        /// `table (column, …)`.
        var target: String
        var onConflict: String?
        var rows: [(decision: Int, values: SQLQueryString)] = []

        /// `INSERT INTO table (columns) SELECT columns FROM (VALUES (position, values), …) AS v(pos, columns)
        /// WHERE pos = ANY (ARRAY(SELECT pos FROM u))`: the list scanned in its order, filtered by the
        /// positions `u` returned (computed once; a join could reorder the rows). One row alone, or a
        /// target whose columns cannot be read, is `SELECT values FROM u WHERE pos = …` per row.
        var sql: SQLQueryString {
            var sql: SQLQueryString = "INSERT INTO \(unsafeRaw: target) "
            if rows.count > 1, let columns = Self.columns(of: target) {
                sql.appendLiteral("SELECT " + columns.map { "v." + $0 }.joined(separator: ", ") + " FROM (VALUES ")
                for (index, row) in rows.enumerated() {
                    sql.appendLiteral(index == 0 ? "(\(row.decision), " : ", (\(row.decision), ")
                    sql.appendInterpolation(row.values)
                    sql.appendLiteral(")")
                }
                sql.appendLiteral(
                    ") AS v(pos, " + columns.joined(separator: ", ") + ") WHERE v.pos = ANY (ARRAY(SELECT pos FROM u))")
            } else {
                for (index, row) in rows.enumerated() {
                    sql.appendLiteral(index == 0 ? "SELECT " : " UNION ALL SELECT ")
                    sql.appendInterpolation(row.values)
                    sql.appendLiteral(" FROM u WHERE pos = \(row.decision)")
                }
            }
            if let onConflict { sql.appendLiteral(" ON CONFLICT " + onConflict) }
            sql.appendLiteral(" RETURNING 1")
            return sql
        }

        /// The column names of `table (a, b, …)`, or nil when it has no such list. The targets are a
        /// few constant texts: each is read once per process (reading one per batch step was a
        /// twentieth of the engine's CPU in `perf`).
        static func columns(of target: String) -> [String]? {
            if let known = knownColumns.withLockedValue({ $0[target] }) { return known }
            let columns = readColumns(target)
            knownColumns.withLockedValue { $0[target] = columns }
            return columns
        }

        private static let knownColumns = NIOLockedValueBox<[String: [String]?]>([:])

        static func readColumns(_ target: String) -> [String]? {
            guard let open = target.firstIndex(of: "("), let close = target.lastIndex(of: ")"), open < close else {
                return nil
            }
            let names = target[target.index(after: open)..<close].split(separator: ",").map {
                String($0.filter { !$0.isWhitespace })
            }
            return names.allSatisfy({ !$0.isEmpty }) ? names : nil
        }
    }

    /// The decisions' follow-ups as steps: the inserts and upserts of one target and conflict clause
    /// gathered into one step, placed where the first of them came; each guarded update in its place.
    /// Decisions write their follow-ups in one order, so this gives one step per table in that
    /// order — which keeps the counters' rows locked in one order.
    static func steps(_ writes: [DecisionWrite]) -> [Step] {
        var order: [Placed] = []
        var tables: [TableRows] = []
        var tableOfKey: [String: Int] = [:]
        func add(target: String, onConflict: String?, decision: Int, rows: [SQLQueryString]) {
            let key = target + "\u{0}" + (onConflict ?? "")
            let index: Int
            if let known = tableOfKey[key] {
                index = known
            } else {
                index = tables.count
                tableOfKey[key] = index
                tables.append(TableRows(target: target, onConflict: onConflict))
                order.append(.table(index))
            }
            for values in rows { tables[index].rows.append((decision, values)) }
        }
        for (decision, write) in writes.enumerated() {
            for followUp in write.followUps {
                switch followUp {
                case .insert(let target, let values, let ignoreConflicts):
                    add(target: target, onConflict: ignoreConflicts ? "DO NOTHING" : nil, decision: decision, rows: [values])
                case .upsert(let target, let rows, let conflict):
                    add(target: target, onConflict: conflict, decision: decision, rows: rows)
                case .update(let statement):
                    order.append(.guarded(decision: decision, statement: statement))
                }
            }
        }
        return order.map { entry in
            switch entry {
            case .table(let index): .rows(tables[index])
            case .guarded(let decision, let statement): .guarded(decision: decision, statement: statement)
            }
        }
    }

    /// A step's place: a table's rows (gathered until the end) or a guarded statement.
    private enum Placed {
        case table(Int)
        case guarded(decision: Int, statement: SQLQueryString)
    }
}
