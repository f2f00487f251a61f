import Synchronization

/// The project rows of the programmes whose dashboards were read last, each kept with the
/// fingerprint of the instances it was read at: how many instances the programme has of the
/// definition and the sum of their versions. Every decision raises its instance's version and
/// every new instance adds one to the count, in the same transaction that writes its
/// `project_facts` row, and instances are never deleted; so while the fingerprint is unchanged the
/// rows are unchanged, whichever server process wrote to the database.
///
/// Why: reading and unpacking a programme's rows is half a dashboard view (5,000 projects: about
/// 17 of 35 ms, `smepilot bench dashboard`), while the fingerprint is one index scan. The
/// fingerprint is read before the rows: a decision committed between the two leaves newer rows
/// under an older fingerprint, which only costs one more read on the next view, never staleness.
final class FactRowsCache: Sendable {
    struct Fingerprint: Hashable, Sendable {
        var instances: Int64
        var versions: Int64
    }

    private struct Entry {
        var fingerprint: Fingerprint
        var rows: [ProjectFactRow]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var uses: UInt64 = 0
        var enabled = true
    }

    /// How many programmes' rows are kept (the least recently read goes first): a server serves
    /// one programme, a national one a few at a time; 5,000 rows take about 2 MB.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    /// Off: every read goes to the database (the benchmark measures both ways).
    func setEnabled(_ enabled: Bool) {
        state.withLock { state in
            state.enabled = enabled
            if !enabled { state.entries = [:] }
        }
    }

    func rows(_ key: String, at fingerprint: Fingerprint) -> [ProjectFactRow]? {
        state.withLock { state in
            guard state.enabled, var entry = state.entries[key], entry.fingerprint == fingerprint else { return nil }
            state.uses += 1
            entry.lastUse = state.uses
            state.entries[key] = entry
            return entry.rows
        }
    }

    func keep(_ rows: [ProjectFactRow], _ key: String, at fingerprint: Fingerprint) {
        state.withLock { state in
            guard state.enabled else { return }
            state.uses += 1
            state.entries[key] = Entry(fingerprint: fingerprint, rows: rows, lastUse: state.uses)
            while state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
            }
        }
    }
}
