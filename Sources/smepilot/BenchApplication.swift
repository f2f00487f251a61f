import AsyncHTTPClient
import LocalPostgres
import Logging
import ServiceLifecycle
import WebApp

/// The application under a benchmark: in a service group of its own (so it can be stopped
/// gracefully at the end), without timers, and answering on `port` before this returns.
enum BenchApplication {
    static func start(_ services: AppServices, port: Int) async throws -> BenchService {
        let server = BenchService(try buildApplication(services: services, runTimers: false), logger: services.logger)
        let started = ContinuousClock.now
        while PortProbe.isFree(port) {
            guard ContinuousClock.now - started < .seconds(20) else { throw FailureMessage("the application did not start") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return server
    }
}

/// A server a benchmark runs, in a service group of its own so it can be stopped gracefully: a
/// server task merely cancelled waits on its clients' kept-alive connections and logs errors.
struct BenchService {
    let group: ServiceGroup
    let task: Task<Void, any Error>

    init(_ service: some Service, logger: Logger) {
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: logger)
        self.group = group
        task = Task { try await group.run() }
    }

    /// Shuts the server down gracefully and waits for it; its error, if it failed, is thrown.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

extension BenchApplication {
    /// Starts the application, hands `body` a probe of it over loopback HTTP, and stops both the
    /// probe's client and the application however `body` ends. Thrown errors pass through after
    /// the stop: an AsyncHTTPClient dropped without `shutdown()` is a fatal error in debug builds,
    /// so a failed content check must not skip it.
    static func probing<T>(
        _ services: AppServices, port: Int, _ body: (DashboardBenchProbe) async throws -> T
    ) async throws -> T {
        let server = try await start(services, port: port)
        let client = HTTPClient()
        let result: Result<T, any Error>
        do { result = .success(try await body(DashboardBenchProbe(client: client, port: port))) } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        try? await server.stop()
        return try result.get()
    }
}
