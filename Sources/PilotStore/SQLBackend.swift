import Foundation
import SQLKit

/// One database connection source, PostgreSQL or SQLite, behind the interface the store uses.
/// All store code is written once against SQLKit; what differs between the two backends —
/// how a transaction starts, row locking, error codes — is said here.
public protocol SQLBackend: Sendable {
    var kind: BackendKind { get }
    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` on a connection outside any explicit transaction (reads).
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async
}

public enum BackendKind: String, Sendable {
    case postgres
    case sqlite

    /// `FOR UPDATE SKIP LOCKED` where row locks exist (PostgreSQL). SQLite has one writer at a
    /// time, so a write transaction already excludes every other poller.
    public var skipLockedClause: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    /// Column type of an auto-numbered primary key.
    public var autoIdentity: String {
        self == .postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
    }

    /// A column of raw bytes (`$BYTES` in migrations).
    public var bytesType: String { self == .postgres ? "BYTEA" : "BLOB" }
}

/// A write lost a uniqueness race (duplicate idempotency key, duplicate user name …).
public struct UniqueViolation: Error, Sendable {
    public var detail: String
}

extension BackendKind {
    /// Recognises a unique-constraint violation in either driver's error.
    func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        switch self {
        case .postgres: return text.contains("23505") || text.contains("unique_violation")
        case .sqlite: return text.contains("UNIQUE constraint failed")
        }
    }
}
