import Logging
import ServiceLifecycle

/// Takes the weekly snapshot of every programme's targets at start-up and then every `interval`
/// (an hour: the upsert is cheap, and a week's figure is its latest snapshot, so the trend is
/// current within the hour whenever the server runs). A failed pass is logged and the next one
/// tried on time; it never stops the server. Stops with the service group on SIGTERM/SIGINT,
/// without waiting out the interval.
struct TargetSnapshotService: Service {
    let snapshots: TargetSnapshots
    let interval: Duration
    let logger: Logger

    static let defaultInterval: Duration = .seconds(3600)

    init(services: AppServices, interval: Duration = Self.defaultInterval, logger: Logger) {
        self.snapshots = TargetSnapshots(services: services)
        self.interval = interval
        self.logger = logger
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await snapshots.pass(logger: logger)
            let interval = interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
