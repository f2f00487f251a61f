import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// The SQLKit view of one leased PostgreSQL connection that also keeps the connection itself, so
/// the statements on every decision's path can run as named prepared statements on it
/// (`SQLDatabase.preparedRows`). Everything else passes through to PostgresKit unchanged.
struct PostgresSession: SQLDatabase {
    let connection: PostgresConnection
    let base: any SQLDatabase
    /// `PostgresBackend.preparedStatements`: false runs `preparedRows` unnamed.
    let prepared: Bool

    init(_ connection: PostgresConnection, prepared: Bool = true) {
        self.connection = connection
        self.prepared = prepared
        base = connection.sql(queryLogLevel: nil)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
