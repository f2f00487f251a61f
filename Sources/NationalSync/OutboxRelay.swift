import Foundation
import Logging
import OpenAPIRuntime
import PilotDomain
import PilotStore

/// Delivers the outbox to the national endpoint (design.md §5): claims a batch (oldest first,
/// several events of a project in sequence, no project held by two relays), submits it, and
/// settles each event from its acknowledgement in one transaction — accepted or duplicate →
/// delivered; rejected → dead letter with the reason (holding back only that project); no
/// answer → retried with exponential backoff and jitter, the project's later events with it.
/// A circuit breaker stops sending while the endpoint is down, and when it closes again the
/// backlog's backoffs are released. Several relays (`SMEPILOT_SYNC_CONCURRENCY`) pipeline: one
/// claims while another's batch is on the wire. Exactly-once *effect*: an event
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

    /// One claim-submit-settle round: a batch of up to `batchSize` events, several of one project
    /// in sequence when it has a backlog (issue #16), sent in one request and settled in one
    /// transaction.
    public func runOnce() async throws -> Pass {
        let now = clock.now()
        guard breaker.allowRequest(now: now) else { return .circuitOpen }
        let claim = try await store.outbox.claimOutbox(limit: batchSize, now: now, lease: lease)
        let batch = claim.events
        guard !batch.isEmpty else {
            breaker.recordNothingSent()
            return .idle
        }
        let settlement: OutboxSettlement
        do {
            let acknowledgements = try await endpoint.submit(batch)
            if breaker.recordSuccess() {
                // The endpoint is back after an outage: events that were backing off waited on
                // it, not on a fault of their own — send them now instead of in up to `retry.cap`.
                let released = try await store.outbox.releaseBackoff(now: clock.now())
                logger.notice("national endpoint is back; backlog released", metadata: ["events": "\(released)"])
            }
            settlement = settle(batch, acknowledgements: acknowledgements, token: claim.leaseToken)
        } catch {
            breaker.recordFailure(now: clock.now())
            let reason = Self.describe(error)
            settlement = settle(batch, failure: reason, token: claim.leaseToken)
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

    /// Each event from its acknowledgement — accepted or duplicate: delivered; rejected: dead
    /// letter; none: retried after a backoff. Once one of a project's events is not delivered,
    /// its later events in the batch go back to the queue with it (the endpoint refuses them as
    /// out of order, which is no fault of theirs and no reason for a dead letter), due when it is.
    func settle(_ batch: [OutboxEvent], acknowledgements: [Acknowledgement], token: String) -> OutboxSettlement {
        let byId = Dictionary(acknowledgements.map { ($0.eventId, $0) }, uniquingKeysWith: { first, _ in first })
        var settlement = OutboxSettlement(leaseToken: token)
        var held: [String: (at: Date, reason: String)] = [:]
        var random = SystemRandomNumberGenerator()
        for event in batch {
            let acknowledgement = byId[event.eventId]
            switch acknowledgement?.status {
            case .accepted, .duplicate:
                // Received, even after an earlier one of the project failed (an endpoint that does
                // not keep order): sending it again would only earn a duplicate.
                settlement.delivered.append(event.rowId)
            case _ where held[event.instanceId] != nil:
                let blocker = held[event.instanceId]!
                settlement.retry.append((event.rowId, blocker.at, blocker.reason))
            case .rejected:
                let reason = acknowledgement?.reason ?? "rejected"
                settlement.dead.append((event.rowId, reason))
                held[event.instanceId] = (clock.now(), "held behind #\(event.sequence), a dead letter")
            case nil:
                let at = clock.now().addingTimeInterval(retry.delay(afterAttempt: event.attempts + 1, random: &random))
                settlement.retry.append((event.rowId, at, "no acknowledgement"))
                held[event.instanceId] = (at, "held behind #\(event.sequence): no acknowledgement")
            }
        }
        return settlement
    }

    /// The whole batch back to the queue after a failed request, each project due again after
    /// the backoff of its first event, so its events stay together and in order. The backoff is
    /// capped at the circuit breaker's cooldown: a request that failed as a whole says the
    /// endpoint is in trouble, not the event, and the breaker already paces a troubled endpoint —
    /// an event held back for minutes would only delay the catch-up once it is back.
    func settle(_ batch: [OutboxEvent], failure reason: String, token: String) -> OutboxSettlement {
        var settlement = OutboxSettlement(leaseToken: token)
        var due: [String: Date] = [:]
        var random = SystemRandomNumberGenerator()
        for event in batch {
            let delay = min(retry.delay(afterAttempt: event.attempts + 1, random: &random), breaker.cooldown)
            let at = due[event.instanceId] ?? clock.now().addingTimeInterval(delay)
            due[event.instanceId] = at
            settlement.retry.append((event.rowId, at, reason))
        }
        return settlement
    }

    /// Runs until cancelled, sleeping `idle` when there is nothing to send, and keeps the sync
    /// metrics current: the backlog once a second (it reads only the backlog), the counts by
    /// status, which count every delivered row too, every 30 seconds.
    public func run(idle: Duration = .seconds(1), metrics: SyncMetrics? = nil) async {
        var lastBacklog = Date.distantPast
        var lastStatus = Date.distantPast
        while !Task.isCancelled {
            let pass: Pass
            do { pass = try await runOnce() } catch {
                logger.error("relay pass failed: \(Self.describe(error))")
                pass = .idle
            }
            if let metrics {
                if case .sent(_, _, let retried) = pass, retried > 0 { metrics.retried.increment(by: retried) }
                let now = clock.now()
                if now.timeIntervalSince(lastBacklog) >= 1 {
                    lastBacklog = now
                    if let backlog = try? await store.outbox.outboxBacklog() { metrics.record(backlog, now: now) }
                }
                if now.timeIntervalSince(lastStatus) >= 30 {
                    lastStatus = now
                    if let status = try? await store.outbox.outboxStatus() { metrics.record(status, now: now) }
                }
            }
            switch pass {
            case .sent: continue
            // The breaker is a check in memory: looking at it often costs nothing, and a relay
            // asleep for `idle` when the trial batch closes the circuit would start the catch-up
            // after an outage at part width (issue #16).
            case .circuitOpen: try? await Task.sleep(for: min(idle, .milliseconds(50)))
            case .idle: try? await Task.sleep(for: idle)
            }
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
