import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`).
public final class PostgresBackend: SQLBackend {
    public let kind = BackendKind.postgres
    let client: PostgresClient
    /// Where it connects (a second store on the same database, e.g. a second server process in a test).
    public let address: DatabaseLocation.PostgresAddress
    private let runner: Task<Void, Never>
    private let deadline = NIOLockedValueBox<Duration?>(nil)
    private let prepared = NIOLockedValueBox(true)
    private let grouping = NIOLockedValueBox<GroupCommit?>(GroupCommit(maxInFlight: PostgresBackend.defaultGroupCommitWidth))

    /// The longest one operation (a read, or a transaction with its statements) may take before
    /// the caller is answered `StoreError.unreachable` (503) instead of waiting on. The chaos
    /// harness found requests that never completed after PostgreSQL dropped the pool's connections
    /// (a restart, terminated backends): the request waited inside the pool, every thread idle,
    /// and a graceful shutdown waited for it forever (`Tests/Chaos/repro_hung_requests.py`). A
    /// deadline bounds every request whatever the cause. nil (the default, for the command line's
    /// long migrations and benchmarks) means no limit; `serve` sets `SMEPILOT_DB_TIMEOUT`.
    public var operationDeadline: Duration? {
        get { deadline.withLockedValue { $0 } }
        set { deadline.withLockedValue { $0 = newValue } }
    }

    /// Whether the decision's statements run as named prepared statements (`Prepared/`; default
    /// on). Off (`SMEPILOT_PG_PREPARED=off`) they run unnamed, parsed and planned on every call:
    /// for a pooler that hands each transaction a different server connection (PgBouncer in
    /// transaction mode before 1.21), where a name prepared on one connection is unknown on the next.
    public var preparedStatements: Bool {
        get { prepared.withLockedValue { $0 } }
        set { prepared.withLockedValue { $0 = newValue } }
    }

    /// How many decision statements of this store may be out at once before the decisions that
    /// arrive meanwhile are sent together, one statement and one commit (`GroupCommit`); nil sends
    /// every decision alone (`SMEPILOT_PG_GROUP_COMMIT=off`). Set before the first decision.
    public var groupCommitWidth: Int? {
        get { grouping.withLockedValue { $0?.maxInFlight } }
        set { grouping.withLockedValue { $0 = newValue.map { GroupCommit(maxInFlight: $0) } } }
    }

    var groupCommit: GroupCommit? { grouping.withLockedValue { $0 } }

    /// Statements out at once before decisions wait to go together: measured by `bench transitions`
    /// (README, issue #16 round 5).
    public static let defaultGroupCommitWidth = 2

    /// What the group commit has sent so far: batches, the decisions they carried, the largest
    /// batch (nil when it is off). For `bench transitions`.
    public var groupCommitSent: (batches: Int, decisions: Int, largest: Int)? { groupCommit?.sent }

    /// Batch texts named so far (process-wide) and batches that ran unnamed because the batches'
    /// cache of names was full. For `bench transitions`.
    public static var batchTexts: (named: Int, unnamedRuns: Int) {
        (PreparedStatementCache.batches.count, PreparedStatementCache.batches.unnamedRuns)
    }

    /// `SMEPILOT_PG_GROUP_COMMIT` read: the width, nil for off (`off`, `on` for the default, or
    /// 1–64); any other text is refused with the message `serve` and the benches both show.
    public static func groupCommitWidth(setting text: String) throws(SettingRefused) -> Int? {
        switch text.lowercased() {
        case "off", "false", "0", "no": return nil
        case "on", "true", "yes": return defaultGroupCommitWidth
        default:
            guard let width = Int(text), (1...64).contains(width) else {
                throw SettingRefused("SMEPILOT_PG_GROUP_COMMIT must be on, off or a number from 1 to 64, not '\(text)'")
            }
            return width
        }
    }

    /// A setting's text that is not one of its values, with the message that says so.
    public struct SettingRefused: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// `SMEPILOT_PG_PREPARED`: on or off (also true/false, 1/0, yes/no); nil for any other text.
    public static func preparedSetting(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "1", "yes": true
        case "off", "false", "0", "no": false
        default: nil
        }
    }

    public init(_ address: DatabaseLocation.PostgresAddress, maximumConnections: Int = 20, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: address.database, tls: address.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        // The pool logs every failed connection attempt at info; keep our logs for what matters.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        self.address = address
        self.client = client
        runner = Task { await client.run() }
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await bounded { try await self.unboundedTransaction(body) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await bounded {
            try await self.client.withConnection { connection in
                try await body(PostgresSession(connection, prepared: self.preparedStatements))
            }
        }
    }

    private func unboundedTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let database = PostgresSession(connection, prepared: preparedStatements)
            try await database.raw("BEGIN").run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Runs `operation` within `operationDeadline`. The operation runs in its own task, so an
    /// operation that never completes cannot hold its caller: the caller is answered at the
    /// deadline and the operation is cancelled (and left to finish or fail on its own).
    func bounded<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let limit = operationDeadline else { return try await operation() }
        let outcome = FirstOutcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.attach(continuation)
                let work = Task {
                    do { outcome.settle(.success(try await operation())) } catch { outcome.settle(.failure(error)) }
                }
                let timer = Task {
                    try? await Task.sleep(for: limit)
                    guard !Task.isCancelled else { return }
                    let late = StoreError.unreachable("no answer from PostgreSQL within \(limit)")
                    if outcome.settle(Result<T, any Error>.failure(late)) {
                        work.cancel()
                    }
                }
                outcome.onSettle { timer.cancel() }
            }
        } onCancel: {
            outcome.settle(Result<T, any Error>.failure(CancellationError()))
        }
    }

    public func shutdown() async {
        runner.cancel()
        // An operation abandoned at its deadline may hold a connection the pool waits for; the
        // process must still be able to stop.
        let stopped = FirstOutcome<Void>()
        let runner = self.runner
        try? await withCheckedThrowingContinuation { continuation in
            stopped.attach(continuation)
            Task {
                _ = await runner.value; stopped.settle(.success(()))
            }
            Task {
                try? await Task.sleep(for: .seconds(5)); stopped.settle(.success(()))
            }
        }
    }
}
