import Foundation
import LocalPostgres
import Logging
import PilotStore
import SQLKit

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server for one test run, started from Debian's `postgresql` binaries in a temp
/// directory on a free loopback port, and stopped when the test process exits (testing.md).
/// With `DATABASE_URL` set to a postgres URL, that server is used instead.
/// Each test gets its own database, cloned from a migrated template in milliseconds.
public actor ThrowawayPostgres {
    public static let shared = ThrowawayPostgres()

    private var server: DatabaseLocation.PostgresAddress?
    private var template: Task<DatabaseLocation.PostgresAddress, any Error>?
    private var counter = 0

    public typealias Failure = LocalPostgresServer.Failure

    /// A new, migrated, empty database on the run's server.
    public func freshDatabase() async throws -> DatabaseLocation.PostgresAddress {
        // The actor is re-entered at every await: one shared task makes the template exactly once.
        if template == nil { template = Task { try await Self.makeTemplate(try await self.startIfNeeded()) } }
        let base = try await template!.value
        counter += 1
        let name = "test_\(ProcessInfo.processInfo.processIdentifier)_\(counter)"
        try await Self.admin(base) { database in
            try await database.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE smepilot_template").run()
        }
        var address = base
        address.database = name
        return address
    }

    private static func makeTemplate(_ base: DatabaseLocation.PostgresAddress) async throws -> DatabaseLocation.PostgresAddress {
        try await admin(base) { database in
            try await database.raw("DROP DATABASE IF EXISTS smepilot_template").run()
            try await database.raw("CREATE DATABASE smepilot_template").run()
        }
        var template = base
        template.database = "smepilot_template"
        let backend = PostgresBackend(template, maximumConnections: 1, logger: Logger(label: "test.template"))
        try await Migrations.run(on: backend)
        await backend.shutdown()
        return base
    }

    private static func admin(
        _ base: DatabaseLocation.PostgresAddress, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        var maintenance = base
        maintenance.database = "postgres"
        let backend = PostgresBackend(maintenance, maximumConnections: 1, logger: Logger(label: "test.admin"))
        // CREATE DATABASE cannot run inside a transaction block.
        do {
            try await backend.read { database in try await body(database) }
        } catch {
            await backend.shutdown()
            throw ThrowawayPostgres.Failure(description: String(reflecting: error))
        }
        await backend.shutdown()
    }

    private func startIfNeeded() async throws -> DatabaseLocation.PostgresAddress {
        if let server { return server }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres"),
            case .postgres(let address) = try DatabaseLocation.parse(url)
        {
            server = address
            return address
        }
        let local = try LocalPostgresServer.start(durable: false)
        let address = DatabaseLocation.PostgresAddress(
            host: local.host, port: local.port, user: local.user, password: nil, database: local.database, requireTLS: false)
        server = address
        return address
    }
}
