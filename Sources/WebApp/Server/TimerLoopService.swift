import Logging
import PilotStore
import ServiceLifecycle

/// Fires due workflow timers every `interval`, in every server process (safe: see
/// `WorkflowService.fireDueTimers`). Stops with the service group on SIGTERM/SIGINT.
struct TimerLoopService: Service {
    let workflows: WorkflowService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let batch = 50
                var pass = try await workflows.fireDueTimers(limit: batch)
                // Keep going while a full batch came back: there may be more due.
                while pass.fired + pass.cancelled >= batch { pass = try await workflows.fireDueTimers(limit: batch) }
                if pass.fired > 0 { logger.info("timers fired", metadata: ["fired": "\(pass.fired)"]) }
            } catch {
                logger.error("timer loop pass failed: \(String(reflecting: error))")
            }
            // Wake at once on SIGTERM rather than after the interval: shutdown must not wait out a sleep.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
