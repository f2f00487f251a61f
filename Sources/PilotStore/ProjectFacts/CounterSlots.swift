import NIOConcurrencyHelpers

/// Which shard of the counter rows (`dashboard_counts`, `state_entry_counts`) a decision adds its
/// −1 and +1 to. A counter row's lock is held from the decision's statement to its commit, so two
/// decisions that touch the same state in the same shard wait on each other for a commit (an
/// fsync). Shards by instance (a hash of its id mod 8) made sixteen concurrent deciders meet on a
/// row often: `bench transitions` logged 518 lock waits over 2 ms in 20,000 decisions, all on the
/// counters (`log_lock_waits`), and they were its slowest 1–3 % (issue #16, p99).
///
/// So a decision takes a slot of its own for as long as it runs — the lowest one no other decision
/// of this store (`InstanceRepository.counterSlots`; a process has one) holds — and writes into that
/// shard: decisions running at the same time in one process never share a counter row, and a
/// process that decides one thing at a time keeps writing shard 0, so the rows stay few. Any shard
/// is right for any change: only the sums over the shards are counts (migration 32). Past
/// `capacity` concurrent decisions, or between processes, two may still meet on a row; they wait,
/// nothing more.
final class CounterSlots: Sendable {
    static let capacity = 64

    private let taken = NIOLockedValueBox<UInt64>(0)

    /// The lowest free slot, now held; nil when all are held (the caller falls back to another shard).
    func take() -> Int64? {
        taken.withLockedValue { bits -> Int64? in
            guard bits != .max else { return nil }
            let slot = (~bits).trailingZeroBitCount
            bits |= 1 << UInt64(slot)
            return Int64(slot)
        }
    }

    func release(_ slot: Int64) {
        taken.withLockedValue { $0 &= ~(1 << UInt64(slot)) }
    }

    /// Runs `body` holding a slot (or, all being held, with `fallback`).
    func withSlot<T>(fallback: Int64, _ body: (Int64) async throws -> T) async rethrows -> T {
        guard let slot = take() else { return try await body(fallback) }
        defer { release(slot) }
        return try await body(slot)
    }
}
