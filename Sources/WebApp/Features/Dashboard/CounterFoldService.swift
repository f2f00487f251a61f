import Foundation
import Logging
import PilotStore
import ServiceLifecycle

/// Folds the state-entry counters of past days every hour (the first pass at start-up): their
/// shards summed into one row, rows that count nothing deleted
/// (`ProjectFactsRepository.foldStateEntryCounts`), so the overdue counts of the national roll-up
/// read as many rows as there are days with instances still waiting, not every day the platform
/// has run. A failed pass is logged and the next one tried on time; it never stops the server.
struct CounterFoldService: Service {
    let store: PilotStore
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let fold = try await store.facts.foldStateEntryCounts(before: store.clock.now())
                if fold.removed > 0 {
                    logger.debug(
                        "state entry counters folded", metadata: ["removed": "\(fold.removed)", "written": "\(fold.written)"])
                }
            } catch {
                if !Task.isCancelled { logger.error("state entry counters not folded: \(String(reflecting: error))") }
            }
            let interval = interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
