import SQLKit

/// A decision's conditional update of its instance's row, as values: the new state and the rest,
/// applied only while the row still has the version and event number the decision was made on
/// (optimistic concurrency). Kept as values, not only as SQL text, so that a statement carrying
/// several decisions (`OneStatement`) updates all their rows in one `UPDATE … FROM (VALUES …)`:
/// one node for the server to start, not one per decision (issue #16).
struct InstanceUpdate {
    var id: String
    var baseVersion: Int64
    var baseEventSequence: Int64
    var state: String
    var version: Int64
    /// The data document and the participants, as canonical JSON.
    var data: String
    var participants: String
    var lastHash: String
    var eventSequence: Int64
    var stateEnteredAt: Int64
    var updatedAt: Int64

    /// The columns set, in the order of `assignedValues`.
    static let assigned = [
        "state", "version", "data", "participants", "last_hash", "event_seq", "state_entered_at", "updated_at",
    ]

    var assignedValues: [SQLQueryString] {
        [
            "\(bind: state)", "\(bind: version)", "\(bind: data)", "\(bind: participants)", "\(bind: lastHash)",
            "\(bind: eventSequence)", "\(bind: stateEnteredAt)", "\(bind: updatedAt)",
        ]
    }

    /// The update of this one row (no RETURNING).
    var sql: SQLQueryString {
        var sql: SQLQueryString = "UPDATE workflow_instances SET "
        for (index, (column, value)) in zip(Self.assigned, assignedValues).enumerated() {
            sql.appendLiteral(index == 0 ? "\(column) = " : ", \(column) = ")
            sql.appendInterpolation(value)
        }
        sql.appendInterpolation(
            " WHERE id = \(bind: id) AND version = \(bind: baseVersion) AND event_seq = \(bind: baseEventSequence)"
                as SQLQueryString)
        return sql
    }

    /// The updates of several rows as one statement returning the position (in `updates`) of each
    /// row it changed. The rows must be distinct instances.
    static func batch(_ updates: [InstanceUpdate]) -> SQLQueryString {
        var sql: SQLQueryString = "UPDATE workflow_instances w SET "
        sql.appendLiteral(assigned.map { "\($0) = v.\($0)" }.joined(separator: ", "))
        sql.appendLiteral(" FROM (VALUES ")
        for (position, update) in updates.enumerated() {
            sql.appendLiteral(position == 0 ? "(\(position), " : ", (\(position), ")
            sql.appendInterpolation(
                "\(bind: update.id), \(bind: update.baseVersion), \(bind: update.baseEventSequence), " as SQLQueryString)
            for (index, value) in update.assignedValues.enumerated() {
                if index > 0 { sql.appendLiteral(", ") }
                sql.appendInterpolation(value)
            }
            sql.appendLiteral(")")
        }
        sql.appendLiteral(
            ") AS v(pos, id, base_version, base_event_seq, \(assigned.joined(separator: ", ")))"
                + " WHERE w.id = v.id AND w.version = v.base_version AND w.event_seq = v.base_event_seq RETURNING v.pos")
        return sql
    }
}
