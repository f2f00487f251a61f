import Logging
import PilotStore
import ServiceLifecycle

/// Drains the durable money jobs in every server process: projects queued for the funds book by
/// decisions (`funds_pending`) and paid tranches queued for their project record
/// (`release_records`). Both are also drained at once by the request that queued them; this loop
/// is what finishes the work after a crash, a restart or a refusal that has since cleared, so no
/// paid tranche stays unrecorded and no decision stays unknown to the book. Every step is
/// idempotent, so several processes draining at once is harmless.
struct FundsJobService: Service {
    let services: AppServices
    let interval: Duration

    func run() async throws {
        let funds = FundsService(services: services)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                for programme in try await services.store.programmes.programmes()
                where try await services.store.funds.fundsPending(programmeId: programme.id) > 0 {
                    try await funds.settled(programme.id)
                }
                let recorded = try await funds.recordReleases()
                if recorded > 0 { services.logger.info("release records drained", metadata: ["recorded": "\(recorded)"]) }
            } catch {
                services.logger.error("funds job pass failed (retried next pass): \(String(reflecting: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
