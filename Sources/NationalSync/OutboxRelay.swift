import Foundation
import Logging
import OpenAPIRuntime
import PilotDomain
import PilotStore

/// Delivers the outbox to the national endpoint (design.md §5): claims a batch (per-project
/// order, SKIP LOCKED on PostgreSQL), submits it, and settles each event from its
/// acknowledgement — accepted or duplicate → delivered; rejected → dead letter with the reason
/// (holding back only that project); no answer → retried with exponential backoff and jitter.
/// A circuit breaker stops sending while the endpoint is down. Exactly-once *effect*: an event
/// may be sent more than once (a lost response, a crash mid-batch), and the endpoint's
/// idempotency on `event_id` makes the repeat harmless.
public final class OutboxRelay: Sendable {
    let store: PilotStore
    let endpoint: any NationalEndpoint
    let clock: any Clock
    let batchSize: Int
    let lease: TimeInterval
    let retry: RetryPolicy
    public let breaker: CircuitBreaker
    let logger: Logger

    public init(
        store: PilotStore, endpoint: any NationalEndpoint, clock: any Clock = SystemClock(), batchSize: Int = 200,
        lease: TimeInterval = 60, retry: RetryPolicy = RetryPolicy(), breaker: CircuitBreaker = CircuitBreaker(),
        logger: Logger = Logger(label: "smepilot.sync")
    ) {
        self.store = store
        self.endpoint = endpoint
        self.clock = clock
        self.batchSize = batchSize
        self.lease = lease
        self.retry = retry
        self.breaker = breaker
        self.logger = logger
    }

    public enum Pass: Sendable, Equatable {
        case idle
        case circuitOpen
        /// What the settlement changed: events whose lease another relay took over count in none.
        case sent(delivered: Int, dead: Int, retried: Int)
    }

    /// One claim-submit-settle round.
    public func runOnce() async throws -> Pass {
        let now = clock.now()
        guard breaker.allowRequest(now: now) else { return .circuitOpen }
        let claim = try await store.outbox.claimOutbox(limit: batchSize, now: now, lease: lease)
        let batch = claim.events
        guard !batch.isEmpty else {
            breaker.recordSuccess()
            return .idle
        }
        var settlement = OutboxSettlement(leaseToken: claim.leaseToken)
        var random = SystemRandomNumberGenerator()
        do {
            let acknowledgements = try await endpoint.submit(batch)
            breaker.recordSuccess()
            let byId = Dictionary(acknowledgements.map { ($0.eventId, $0) }, uniquingKeysWith: { first, _ in first })
            for event in batch {
                switch byId[event.eventId]?.status {
                case .accepted, .duplicate: settlement.delivered.append(event.rowId)
                case .rejected: settlement.dead.append((event.rowId, byId[event.eventId]?.reason ?? "rejected"))
                case nil:
                    let delay = retry.delay(afterAttempt: event.attempts + 1, random: &random)
                    settlement.retry.append((event.rowId, clock.now().addingTimeInterval(delay), "no acknowledgement"))
                }
            }
        } catch {
            breaker.recordFailure(now: clock.now())
            let reason = Self.describe(error)
            for event in batch {
                let delay = retry.delay(afterAttempt: event.attempts + 1, random: &random)
                settlement.retry.append((event.rowId, clock.now().addingTimeInterval(delay), reason))
            }
            logger.warning(
                "national endpoint failed; batch will be retried", metadata: ["events": "\(batch.count)", "error": "\(reason)"])
        }
        let settled = try await store.outbox.settleOutbox(settlement, now: clock.now())
        if settled.dead > 0 {
            logger.error("events dead-lettered", metadata: ["count": "\(settled.dead)"])
        }
        if settled.total < batch.count {
            // The lease ran out while the endpoint answered and another relay claimed the events:
            // its settlement stands, this one's is dropped (fenced by the lease token).
            logger.warning(
                "lease lost; settlement ignored for events another relay holds",
                metadata: ["events": "\(batch.count - settled.total)"])
        }
        return .sent(delivered: settled.delivered, dead: settled.dead, retried: settled.retried)
    }

    /// Runs until cancelled, sleeping `idle` when there is nothing to send, and keeps the sync
    /// metrics current (at most once a second).
    public func run(idle: Duration = .seconds(1), metrics: SyncMetrics? = nil) async {
        var lastMetrics = Date.distantPast
        while !Task.isCancelled {
            let pass: Pass
            do { pass = try await runOnce() } catch {
                logger.error("relay pass failed: \(Self.describe(error))")
                pass = .idle
            }
            if let metrics {
                if case .sent(_, _, let retried) = pass, retried > 0 { metrics.retried.increment(by: retried) }
                if clock.now().timeIntervalSince(lastMetrics) >= 1 {
                    lastMetrics = clock.now()
                    if let status = try? await store.outbox.outboxStatus() { metrics.record(status, now: lastMetrics) }
                }
            }
            if case .sent = pass { continue }
            try? await Task.sleep(for: idle)
        }
    }

    /// Error text for logs and last_error: the cause only — never the request (its payload, or
    /// the headers that carry the key id and signature).
    static func describe(_ error: any Error) -> String {
        if let clientError = error as? ClientError {
            return "\(clientError.causeDescription): \(String(String(describing: clientError.underlyingError).prefix(200)))"
        }
        return String(String(describing: error).prefix(300))
    }
}
