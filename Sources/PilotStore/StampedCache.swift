import Synchronization

/// Values read from the database, each kept with the stamp of what it was read from (a version,
/// a fingerprint), for the last `capacity` keys used. A value is served only while the caller's
/// freshly read stamp equals the kept one, so the cache can be stale only if a stamp fails to
/// change with its value — each user documents why its stamp cannot (`FactRowsCache`,
/// `FundsBookCache`).
final class StampedCache<Stamp: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var stamp: Stamp
        var value: Value
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var uses: UInt64 = 0
        var enabled = true
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: String, at stamp: Stamp) -> Value? {
        state.withLock { state in
            guard state.enabled, var entry = state.entries[key], entry.stamp == stamp else { return nil }
            state.uses += 1
            entry.lastUse = state.uses
            state.entries[key] = entry
            return entry.value
        }
    }

    /// The value kept for `key` whatever its stamp (nil when none or off): a user that can bring an
    /// outdated value up to date more cheaply than reading it again (`FactRowsCache`) starts from it.
    func latest(_ key: String) -> (stamp: Stamp, value: Value)? {
        state.withLock { state in
            guard state.enabled, let entry = state.entries[key] else { return nil }
            return (entry.stamp, entry.value)
        }
    }

    func keep(_ value: Value, _ key: String, at stamp: Stamp) {
        state.withLock { state in
            guard state.enabled else { return }
            state.uses += 1
            state.entries[key] = Entry(stamp: stamp, value: value, lastUse: state.uses)
            while state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
            }
        }
    }

    /// Changes the value kept for `key` in place (`change` gets it with its stamp) and keeps it at
    /// the stamp `change` returns, or drops it when `change` returns nil. In place: while no reader
    /// holds the value, a change to part of it copies nothing (`FactRowsCache`: one decision's row
    /// merged into 5,000 kept ones); `change` runs under the cache's lock, so it must be quick.
    /// Returns false when nothing is kept for `key` (or the cache is off).
    @discardableResult
    func update(_ key: String, _ change: (inout Value, Stamp) -> Stamp?) -> Bool {
        state.withLock { state in
            guard state.enabled, var entry = state.entries.removeValue(forKey: key) else { return false }
            guard let stamp = change(&entry.value, entry.stamp) else { return true }
            state.uses += 1
            entry.stamp = stamp
            entry.lastUse = state.uses
            state.entries[key] = entry
            return true
        }
    }

    /// Off: nothing is served or kept (the benchmark measures both ways).
    func setEnabled(_ enabled: Bool) {
        state.withLock { state in
            state.enabled = enabled
            if !enabled { state.entries = [:] }
        }
    }
}
