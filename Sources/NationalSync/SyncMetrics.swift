import Foundation
import Metrics
import PilotStore

/// The sync gauges and counters on /metrics: pending, in flight, delivered, dead, lag, retried.
public struct SyncMetrics: Sendable {
    let pending = Gauge(label: "smepilot_sync_pending")
    let inFlight = Gauge(label: "smepilot_sync_in_flight")
    let delivered = Gauge(label: "smepilot_sync_delivered")
    let dead = Gauge(label: "smepilot_sync_dead")
    let lag = Gauge(label: "smepilot_sync_lag_seconds")
    let retried = Counter(label: "smepilot_sync_retried_total")

    public init() {}

    func record(_ status: OutboxStatus, now: Date) {
        pending.record(status.pending)
        inFlight.record(status.inFlight)
        delivered.record(status.delivered)
        dead.record(status.dead)
        lag.record(status.oldestUndelivered.map { max(0, now.timeIntervalSince($0)) } ?? 0)
    }
}
