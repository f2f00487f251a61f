import Funds
import Synchronization

/// The decoded funds books of the programmes read last, each with the version it was read at.
/// Every change of a book stores it with the next version in the same statement
/// (`PilotStore.changeFunds`), so a book whose version is unchanged is the book — in this
/// process or any other on the database. Why: decoding a national programme's book (3,150
/// projects, their tranches and the ledger) takes about 200 ms, reading its version well under
/// one (`smepilot bench dashboard`, the finance workspace's reads).
final class FundsBookCache: Sendable {
    private struct Entry {
        var version: Int
        var book: FundsBook
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var uses: UInt64 = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) { self.capacity = capacity }

    func book(_ programmeId: String, version: Int) -> FundsBook? {
        state.withLock { state in
            guard var entry = state.entries[programmeId], entry.version == version else { return nil }
            state.uses += 1
            entry.lastUse = state.uses
            state.entries[programmeId] = entry
            return entry.book
        }
    }

    func keep(_ book: FundsBook, _ programmeId: String, version: Int) {
        state.withLock { state in
            state.uses += 1
            state.entries[programmeId] = Entry(version: version, book: book, lastUse: state.uses)
            while state.entries.count > capacity, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
            }
        }
    }
}
