import Foundation
import Logging
import PilotDomain
import PilotStore
import SQLKit

/// Clean, migrated stores for tests, on either backend.
public enum TestStores {
    /// A fresh store: SQLite in a new temp file, or PostgreSQL in a new database on the run's server.
    /// `auditKey` keys the history rows it writes (`SMEPILOT_AUDIT_KEY`).
    public static func make(
        _ kind: BackendKind, clock: any Clock = SystemClock(), auditKey: AuditKey? = nil
    ) async throws -> PilotStore {
        let logger = Logger(label: "test.store")
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-test-\(UUID().uuidString).sqlite")
                .path
            let store = PilotStore(
                backend: try await SQLiteBackend.open(path: path, logger: logger), clock: clock, logger: logger,
                auditKey: auditKey)
            try await store.migrate()
            return store
        case .postgres:
            let address = try await ThrowawayPostgres.shared.freshDatabase()
            return PilotStore(
                backend: PostgresBackend(address, logger: logger), clock: clock, logger: logger, auditKey: auditKey)
        }
    }

    /// Both backends: store tests run on each.
    public static let backends: [BackendKind] = [.sqlite, .postgres]
}
