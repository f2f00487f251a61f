import Foundation
import NIOCore
import NationalSync
import PilotDomain
import PilotStore

/// The peer of `smepilot bench sync`, measured in the same run: the same events posted straight
/// from memory to a fresh mock — same client, batch size, concurrency and endpoint delay, no
/// outbox. What the relay reaches beside it is the share of the endpoint's own limit it keeps.
enum SyncPeer {
    static func eventsPerSecond(
        events total: Int, perProject: Int, relays: Int, batch: Int, faults: NationalMockFaults
    ) async throws -> Double {
        let mock = try await BenchMock.start(faults: faults)
        let client = mock.client(timeout: .seconds(30))
        let events = SyncFill.events(total, perProject: perProject, occurredAt: Date())
        // Each sender owns a share of the projects and sends them in sequence, so order holds
        // without any coordination between senders.
        let shares = (0..<relays).map { share in events.filter { SyncFill.projectIndex($0.instanceId) % relays == share } }
        let started = ContinuousClock.now
        let accepted = try await withThrowingTaskGroup(of: Int.self) { group in
            for share in shares {
                group.addTask {
                    var accepted = 0
                    for start in stride(from: 0, to: share.count, by: batch) {
                        let acknowledgements = try await client.submit(Array(share[start..<min(start + batch, share.count)]))
                        accepted += acknowledgements.count { $0.status == .accepted }
                    }
                    return accepted
                }
            }
            return try await group.reduce(0, +)
        }
        let seconds = (ContinuousClock.now - started).milliseconds / 1000
        await mock.stop()
        guard accepted == total else { throw FailureMessage("peer: the mock accepted \(accepted) of \(total) events") }
        return Double(total) / seconds
    }
}
