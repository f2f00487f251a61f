import NIOConcurrencyHelpers
import PostgresNIO

/// Group commit of decisions on PostgreSQL (issue #16). A decision is one statement and one commit
/// (`DecisionWrite.runAsOneStatement`); on two cores the round trip around it — the pool's lease, the
/// driver's encoding, NIO's sockets, the hand-over between Swift's pool and the event loop, and on the
/// server the protocol, executor start and the commit record — cost more CPU than the writing itself.
/// So while `maxInFlight` statements are out, the decisions that arrive queue, and the next statement
/// carries all of them (up to `maxBatch`): one round trip and one commit for several decisions.
///
/// No decision waits for company: while fewer than `maxInFlight` are out, a decision goes at once,
/// alone, as before; batches form only when decisions arrive faster than statements return.
///
/// What makes a batch safe (PostgreSQL refuses, or silently keeps one of, two changes to one row in
/// one statement): never two decisions of one instance in a batch (the later waits for the next), and
/// each decision's counter changes go to the counter shard its `CounterSlots` slot names — slots are
/// distinct among decisions running at once, and the caller sends only decisions holding one. Each
/// decision's follow-ups hang off its own update, so a stale decision writes nothing and the others
/// stand. A batch the server refuses as a whole (one decision's reused idempotency key, a deadlock
/// with another process) is written nothing — one statement — and its decisions are sent again one by
/// one, each to meet its own answer as if it had gone alone.
final class GroupCommit: Sendable {
    /// Runs decisions as one statement; per decision, whether its update matched.
    typealias Runner = @Sendable ([DecisionWrite]) async throws -> [Bool]

    let maxInFlight: Int
    let maxBatch: Int
    private let state = NIOLockedValueBox(State())

    init(maxInFlight: Int, maxBatch: Int = 16) {
        self.maxInFlight = max(1, maxInFlight)
        self.maxBatch = max(1, maxBatch)
    }

    /// Batches sent and decisions they carried so far, and the largest batch (for tests and the
    /// bench; a batch sent again one by one counts once).
    var sent: (batches: Int, decisions: Int, largest: Int) {
        state.withLockedValue { ($0.batches, $0.decisions, $0.largest) }
    }

    /// Statements out now, and decisions queued for the next.
    var inFlight: Int { state.withLockedValue { $0.inFlight } }
    var waiting: Int { state.withLockedValue { $0.queue.count } }

    /// Commits `write` with whatever decisions wait beside it; true when its update matched.
    func commit(_ write: DecisionWrite, instanceId: String, run: @escaping Runner) async throws -> Bool {
        let turn = await withCheckedContinuation { (waiter: CheckedContinuation<Turn, Never>) in
            let mine = Pending(write: write, instanceId: instanceId, waiter: waiter)
            let leads = state.withLockedValue { state -> Bool in
                guard state.inFlight < maxInFlight else {
                    state.queue.append(mine)
                    return false
                }
                state.inFlight += 1
                return true
            }
            if leads { waiter.resume(returning: .lead([mine])) }
        }
        switch turn {
        case .done(let result): return try result.get()
        case .lead(let batch): return try await lead(batch, run: run).get()
        }
    }

    /// Sends `batch` (whose first decision is the caller's own), answers the others, and hands the
    /// statement's place on to the next queued decision — which then sends its batch from its own task.
    private func lead(_ batch: [Pending], run: @escaping Runner) async -> Result<Bool, any Error> {
        // In a task of its own: the batch carries others' decisions, so the leader's caller giving
        // up (answered at its deadline, its task cancelled) must not cancel their statement.
        let results = await Task { await self.send(batch, run: run) }.value
        for (pending, result) in zip(batch, results).dropFirst() { pending.waiter.resume(returning: .done(result)) }
        let next = state.withLockedValue { state -> [Pending]? in
            state.batches += 1
            state.decisions += batch.count
            state.largest = max(state.largest, batch.count)
            guard !state.queue.isEmpty else {
                state.inFlight -= 1
                return nil
            }
            return state.takeBatch(maxBatch)
        }
        if let next { next[0].waiter.resume(returning: .lead(next)) }
        return results[0]
    }

    /// One statement for the batch; when the server refuses it whole, one per decision.
    private func send(_ batch: [Pending], run: Runner) async -> [Result<Bool, any Error>] {
        do {
            return try await run(batch.map(\.write)).map { .success($0) }
        } catch let error as PSQLError where batch.count > 1 && error.code == .server {
            var results: [Result<Bool, any Error>] = []
            for pending in batch {
                do { results.append(.success(try await run([pending.write])[0])) } catch { results.append(.failure(error)) }
            }
            return results
        } catch {
            // Not the server's answer (a lost connection, the deadline): the same for every decision.
            return batch.map { _ in .failure(error) }
        }
    }

    private enum Turn: Sendable {
        case done(Result<Bool, any Error>)
        case lead([Pending])
    }

    private struct Pending: Sendable {
        var write: DecisionWrite
        var instanceId: String
        var waiter: CheckedContinuation<Turn, Never>
    }

    private struct State: Sendable {
        /// Decisions waiting for a statement, oldest first. Not empty only while `inFlight == maxInFlight`.
        var queue: [Pending] = []
        var inFlight = 0
        var batches = 0
        var decisions = 0
        var largest = 0

        /// The oldest queued decisions, up to `limit`, no two of one instance (a later decision of an
        /// instance already in the batch stays queued, in its place, for the next).
        mutating func takeBatch(_ limit: Int) -> [Pending] {
            var batch: [Pending] = []
            var instances: Set<String> = []
            var kept: [Pending] = []
            for pending in queue {
                if batch.count < limit, instances.insert(pending.instanceId).inserted {
                    batch.append(pending)
                } else {
                    kept.append(pending)
                }
            }
            queue = kept
            return batch
        }
    }
}
