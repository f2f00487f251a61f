import SQLKit

/// Decisions written as one PostgreSQL statement (`DecisionWrite.runAsOneStatement`): each
/// decision's conditional update as a data-modifying CTE of its own (`u0`, `u1`, …, `RETURNING id`),
/// then the follow-ups, **one CTE per table** rather than one per follow-up: the rows every decision
/// of the statement writes to a table (`INSERT INTO history …`, the outbox, timers, scopes, both
/// counters, …) go in one `INSERT … SELECT <row> FROM u0 UNION ALL SELECT <row> FROM u1 …`. Each row
/// is selected from its own decision's update, so a stale decision (its update matched nothing)
/// adds no row while the others stand. Why: the server starts every data-modifying node of a
/// statement on its own — opens the table, its indexes, its triggers' queue — and that start was
/// about a seventh of its CPU in the engine's benchmark with a node per follow-up (issue #16).
///
/// Rows keep their order: a table's rows follow the decisions' order, and within a decision the
/// order of its follow-ups (the outbox's events of one project keep their sequence either way: it is
/// written in each row). Conditional updates and deletes (`FollowUp.update`) stay a CTE each, guarded
/// by their decision's update. The statement ends by counting each update's rows (`m0`, `m1`, …).
struct OneStatement {
    let query: SQLQueryString

    init(_ writes: [DecisionWrite]) {
        var query: SQLQueryString = "WITH "
        for (position, write) in writes.enumerated() {
            if position > 0 { query.appendLiteral(", ") }
            query.appendInterpolation("\(unsafeRaw: Self.update(position)) AS (\(write.update) RETURNING id)" as SQLQueryString)
        }
        for (index, step) in Self.steps(writes).enumerated() {
            query.appendLiteral(", s\(index) AS (")
            query.appendInterpolation(step.sql)
            query.appendLiteral(")")
        }
        query.appendLiteral(
            " SELECT "
                + writes.indices.map { "(SELECT COUNT(*) FROM \(Self.update($0))) AS m\($0)" }.joined(separator: ", "))
        self.query = query
    }

    static func update(_ position: Int) -> String { "u\(position)" }

    /// One data-modifying CTE after the updates.
    enum Step {
        /// A table's rows, each selected from the update of the decision it belongs to.
        case rows(TableRows)
        /// A conditional update or delete of one decision, run only when its update matched.
        case guarded(decision: Int, statement: SQLQueryString)

        var sql: SQLQueryString {
            switch self {
            case .rows(let table):
                var sql: SQLQueryString = "INSERT INTO \(unsafeRaw: table.target) "
                for (index, row) in table.rows.enumerated() {
                    sql.appendLiteral(index == 0 ? "SELECT " : " UNION ALL SELECT ")
                    sql.appendInterpolation(row.values)
                    sql.appendLiteral(" FROM " + OneStatement.update(row.decision))
                }
                if let onConflict = table.onConflict { sql.appendLiteral(" ON CONFLICT " + onConflict) }
                sql.appendLiteral(" RETURNING 1")
                return sql
            case .guarded(let decision, let statement):
                return "\(statement) AND EXISTS (SELECT 1 FROM \(unsafeRaw: OneStatement.update(decision))) RETURNING 1"
            }
        }
    }

    /// The rows of one table (and one conflict clause) across the statement's decisions.
    struct TableRows {
        var target: String
        var onConflict: String?
        var rows: [(decision: Int, values: SQLQueryString)] = []
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
