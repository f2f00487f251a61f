import LocalPostgres
import ServiceLifecycle
import WebApp

/// The application under a benchmark: in a service group of its own (so it can be stopped
/// gracefully at the end), without timers, and answering on `port` before this returns.
enum BenchApplication {
    static func start(_ services: AppServices, port: Int) async throws -> (ServiceGroup, Task<Void, any Error>) {
        let group = ServiceGroup(
            services: [try buildApplication(services: services, runTimers: false)], gracefulShutdownSignals: [],
            logger: services.logger)
        let server = Task { try await group.run() }
        let started = ContinuousClock.now
        while PortProbe.isFree(port) {
            guard ContinuousClock.now - started < .seconds(20) else { throw FailureMessage("the application did not start") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (group, server)
    }
}
