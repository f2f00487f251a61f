import Logging
import PilotStore
import ServiceLifecycle

/// Continues running bulk jobs in every server process: each pass takes any running job whose
/// lease is free or ran out (its process died) and runs it to its end (`BulkRunner`). Stops with
/// the service group on SIGTERM/SIGINT; a job cut off then is continued by the next pass anywhere.
struct BulkJobService: Service {
    let workflows: WorkflowService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let runner = BulkRunner(service: workflows)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let decided = try await runner.runAvailable()
                if decided > 0 { logger.info("bulk items decided", metadata: ["items": "\(decided)"]) }
            } catch {
                logger.error("bulk job pass failed: \(String(reflecting: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
