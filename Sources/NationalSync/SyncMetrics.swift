import Foundation
import Metrics
import PilotStore

/// The sync gauges and counters on /metrics: pending, in flight, delivered, dead, lag, retried,
/// and the backlog (events still to send and the oldest one's age, without dead letters).
public struct SyncMetrics: Sendable {
    let pending = Gauge(label: "smepilot_sync_pending")
    let inFlight = Gauge(label: "smepilot_sync_in_flight")
    let delivered = Gauge(label: "smepilot_sync_delivered")
    let dead = Gauge(label: "smepilot_sync_dead")
    let lag = Gauge(label: "smepilot_sync_lag_seconds")
    let retried = Counter(label: "smepilot_sync_retried_total")
    let backlog = Gauge(label: "smepilot_sync_backlog_events")
    let backlogAge = Gauge(label: "smepilot_sync_backlog_age_seconds")

    public init() {}

    func record(_ status: OutboxStatus, now: Date) {
        pending.record(status.pending)
        inFlight.record(status.inFlight)
        delivered.record(status.delivered)
        dead.record(status.dead)
        lag.record(status.oldestUndelivered.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }

    /// Sampled every second: during an outage this is the number to watch (issue #16).
    public func record(_ backlog: OutboxBacklog, now: Date) {
        self.backlog.record(backlog.events)
        backlogAge.record(backlog.age(now: now))
    }
}
