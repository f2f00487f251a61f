import Logging
import NationalSync
import PilotStore
import ServiceLifecycle

/// Runs the outbox relay inside `smepilot serve` (and alone in `smepilot sync run`): `concurrency`
/// relays claim disjoint batches (SKIP LOCKED on PostgreSQL), until the service group stops.
public struct SyncRelayService: Service {
    let store: PilotStore
    let configuration: SyncConfiguration
    let logger: Logger

    public init(store: PilotStore, configuration: SyncConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let endpoint = NationalClient(baseURL: configuration.endpoint, credentials: configuration.credentials)
        let breaker = CircuitBreaker()
        let metrics = SyncMetrics()
        logger.info(
            "national sync relay started",
            metadata: ["endpoint": "\(configuration.endpoint)", "key": "\(configuration.credentials.keyId)"])
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<configuration.concurrency {
                    group.addTask {
                        let relay = OutboxRelay(
                            store: store, endpoint: endpoint, batchSize: configuration.batchSize, breaker: breaker, logger: logger
                        )
                        await relay.run(metrics: metrics)
                    }
                }
            }
        } onGracefulShutdown: {
            logger.info("national sync relay stopping")
        }
    }
}
