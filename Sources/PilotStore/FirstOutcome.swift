import NIOConcurrencyHelpers

/// The first of several racing outcomes resumes a continuation; the later ones are dropped. What
/// `PostgresBackend` uses to answer a caller at a deadline without waiting for an operation that
/// may never finish (a task group would wait for it).
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var early: Result<Value, any Error>?
        var settled = false
        var onSettle: [@Sendable () -> Void] = []
    }
    private let state = NIOLockedValueBox(State())

    /// The continuation to resume; an outcome that came first resumes it at once.
    func attach(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLockedValue { state -> Result<Value, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Runs `action` once the outcome is known (at once if it already is).
    func onSettle(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLockedValue { state -> Bool in
            if state.settled { return true }
            state.onSettle.append(action)
            return false
        }
        if now { action() }
    }

    /// Offers an outcome; returns whether it was the first.
    @discardableResult
    func settle(_ result: Result<Value, any Error>) -> Bool {
        let (first, continuation, actions) = state.withLockedValue {
            state -> (Bool, CheckedContinuation<Value, any Error>?, [@Sendable () -> Void]) in
            guard !state.settled else { return (false, nil, []) }
            state.settled = true
            let continuation = state.continuation
            if continuation == nil { state.early = result }
            state.continuation = nil
            defer { state.onSettle = [] }
            return (true, continuation, state.onSettle)
        }
        continuation?.resume(with: result)
        for action in actions { action() }
        return first
    }
}
