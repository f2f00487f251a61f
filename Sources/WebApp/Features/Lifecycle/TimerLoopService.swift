import Logging
import PilotStore
import ServiceLifecycle

/// Fires due workflow timers every `interval`, in every server process (safe: see
/// `WorkflowService.fireDueTimers`). Stops with the service group on SIGTERM/SIGINT.
struct TimerLoopService: Service {
    let workflows: WorkflowService
    let interval: Duration
    let logger: Logger

    /// How often the deadline sweep looks at every overdue instance; between, it looks at the
    /// events that fell due in the last `sweepWindow` (see `WorkflowService.sweepDeadlines`).
    static let fullSweepEvery: Duration = .seconds(3600)
    static let sweepWindow: Duration = .seconds(2 * 86_400)

    func run() async throws {
        var lastFullSweep: ContinuousClock.Instant?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let pass = try await workflows.fireAllDueTimers()
                if pass.fired > 0 { logger.info("timers fired", metadata: ["fired": "\(pass.fired)"]) }
                if pass.failed > 0 { logger.warning("timers failed; will retry", metadata: ["failed": "\(pass.failed)"]) }
                if pass.died > 0 {
                    // Each failure's text is on the timer row (`smepilot timers run` counts them).
                    logger.error("timers dead after their last attempt", metadata: ["dead": "\(pass.died)"])
                }
            } catch {
                logger.error("timer loop pass failed: \(String(reflecting: error))")
            }
            do {
                // Reminders before a state's SLA runs out and escalations after (issue #17).
                let full = lastFullSweep.map { ContinuousClock.now - $0 >= Self.fullSweepEvery } ?? true
                let sweep = try await workflows.sweepDeadlines(window: full ? nil : Self.sweepWindow)
                if full { lastFullSweep = .now }
                if sweep.notices > 0 {
                    logger.info(
                        "deadline notices",
                        metadata: ["reminders": "\(sweep.reminders)", "escalations": "\(sweep.escalations)"])
                }
            } catch {
                logger.error("deadline sweep failed: \(String(reflecting: error))")
            }
            // Wake at once on SIGTERM rather than after the interval: shutdown must not wait out a sleep.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
