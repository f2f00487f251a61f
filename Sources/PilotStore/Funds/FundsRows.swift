import Foundation
import Funds
import PilotDomain
import SQLKit

/// A programme's `FundsBook` as rows (migration 31): how each part of the book is spelled in its
/// table, read back into a book (`FundsRows+Read`) and written as the difference between the book
/// before and after a change (`FundsRows+Write`). Only the storage lives here; every rule stays
/// in `Funds`, run on the whole book as before.
enum FundsRows {
    /// Rows per multi-row statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bound
    /// values at nine columns a row, large enough that 5,000 tranches take ten statements.
    static let rowsPerStatement = 500

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String, column: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt(column)
        }
    }

    /// A tranche's status as its two columns, `status` and `paid_release`.
    static func columns(_ status: TrancheStatus) -> (String, Int64?) {
        switch status {
        case .planned: ("planned", nil)
        case .due: ("due", nil)
        case .paid(let release): ("paid", Int64(release))
        case .cancelled: ("cancelled", nil)
        }
    }

    static func status(_ text: String, paidRelease: Int64?) throws -> TrancheStatus {
        switch (text, paidRelease) {
        case ("planned", nil): .planned
        case ("due", nil): .due
        case ("paid", let release?): .paid(release: Int(release))
        case ("cancelled", nil): .cancelled
        default: throw StoreError.corrupt("funds_tranches.status")
        }
    }

    static func kind(_ state: ReleaseState) -> String {
        switch state {
        case .prepared: "prepared"
        case .held: "held"
        case .paid: "paid"
        case .rejected: "rejected"
        }
    }

    /// An account as its columns `account`, `account_id` and `share`.
    static func columns(_ account: Account) -> (String, String, String?) {
        switch account {
        case .cash(let source): ("cash", source, nil)
        case .contributions(let source): ("contributions", source, nil)
        case .subsidyPaid(let project, let share): ("subsidy_paid", project, share.rawValue)
        case .recoveryReceivable(let project): ("recovery_receivable", project, nil)
        case .recoveries(let project): ("recoveries", project, nil)
        }
    }

    static func account(_ kind: String, id: String, share: String?) throws -> Account {
        switch (kind, share.flatMap(FundShare.init(rawValue:))) {
        case ("cash", nil): .cash(source: id)
        case ("contributions", nil): .contributions(source: id)
        case ("subsidy_paid", let share?): .subsidyPaid(project: id, share: share)
        case ("recovery_receivable", nil): .recoveryReceivable(project: id)
        case ("recoveries", nil): .recoveries(project: id)
        default: throw StoreError.corrupt("funds_posting_lines.account")
        }
    }

    /// `INSERT INTO table (columns) VALUES (…), (…) [suffix]`, `rowsPerStatement` rows at a time.
    static func insert(
        into table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], _ suffix: String = "",
        on database: any SQLDatabase
    ) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            var query = SQLQueryString("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
            for (index, row) in chunk.enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                query.appendInterpolation(binds: row)
                query.appendLiteral(")")
            }
            query.appendLiteral(suffix)
            try await database.raw(query).run()
            start += rowsPerStatement
        }
    }

    /// ` ON CONFLICT (keys) DO UPDATE SET column = excluded.column, …` for every other column.
    static func upsert(keys: [String], _ columns: [String]) -> String {
        let updates = columns.filter { !keys.contains($0) }.map { "\($0) = excluded.\($0)" }
        return " ON CONFLICT (\(keys.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))"
    }
}
