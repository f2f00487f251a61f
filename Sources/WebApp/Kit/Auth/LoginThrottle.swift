import Foundation
import PilotStore

/// Slows password guessing: after `limit` failures within `window` for one client address, or
/// for one user name *from one address*, further attempts are refused until the window passes.
/// The failures are kept in the database (`login_failures`), so several server processes behind
/// one proxy count the same attempts instead of each allowing `limit` of its own.
///
/// Why these keys (issue #11): a limit per user name alone let anyone lock a named official out
/// by guessing from elsewhere, so a name is only limited together with the address it is tried
/// from; the per-address limit catches one address guessing at many names. A success clears only
/// its own name-and-address pair: clearing the address would let an attacker with an account of
/// their own reset their address's count between guesses at others.
public struct LoginThrottle: Sendable {
    let store: PilotStore
    let limit: Int
    let window: TimeInterval

    public init(store: PilotStore, limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.store = store
        self.limit = limit
        self.window = window
    }

    /// The throttle keys of an attempt at `username` from `client`.
    public static func keys(username: String, client: String) -> [String] {
        ["user:" + username.lowercased() + "\u{0}client:" + client, "client:" + client]
    }

    /// The key of a self-registration from `client` (`/register`; issue #11). The same machinery
    /// and table as sign-in failures, under its own prefix, so the two counts never mix.
    public static func registrationKeys(client: String) -> [String] { ["register:" + client] }

    /// How long any attempt is kept: every throttle shares the table and each recording forgets
    /// the rows older than this, so it must cover the longest window in use (registration's hour).
    public static let retention: TimeInterval = 3600

    /// Seconds to wait before trying again, or nil when an attempt is allowed.
    public func retryAfter(keys: [String], now: Date) async throws -> Int? {
        let failures = try await store.sessions.loginFailures(keys: keys, since: windowStart(now))
        return wait(failures, reaching: limit, now: now)
    }

    /// Records the attempt as a failure **before** the password is checked, then counts: of
    /// parallel attempts at most `limit` are let through to bcrypt, since each counts every
    /// attempt recorded before its own (check-then-record let them all past the check). Refused
    /// attempts are forgotten, so refusals do not stretch the wait. After a correct password call
    /// `succeeded`; a wrong one needs nothing more.
    public func admit(username: String, client: String, now: Date) async throws -> LoginAdmission {
        try await admit(keys: Self.keys(username: username, client: client), now: now)
    }

    /// `admit` for any keys; the first is the one a success clears.
    public func admit(keys: [String], now: Date) async throws -> LoginAdmission {
        let attempt = LoginAttempt(id: SecretToken.make(), pairKey: keys.first ?? "")
        try await store.sessions.recordLoginFailure(keys: keys, at: now, forgetBefore: forgetBefore(now), attemptId: attempt.id)
        let failures = try await store.sessions.loginFailures(keys: keys, since: windowStart(now))
        // This attempt is among the failures counted: more than `limit` means the limit was reached before it.
        guard let wait = wait(failures, reaching: limit + 1, now: now) else { return .admitted(attempt) }
        try await store.sessions.clearLoginFailures(keys: [], attemptId: attempt.id)
        return .refused(retryAfter: wait)
    }

    /// The password was right: the attempt was no failure, and the name's earlier failures from
    /// this address are forgotten (the address's count is not).
    public func succeeded(_ attempt: LoginAttempt) async throws {
        try await store.sessions.clearLoginFailures(keys: [attempt.pairKey], attemptId: attempt.id)
    }

    public func recordFailure(keys: [String], now: Date) async throws {
        try await store.sessions.recordLoginFailure(keys: keys, at: now, forgetBefore: forgetBefore(now))
    }

    public func recordSuccess(keys: [String]) async throws {
        try await store.sessions.clearLoginFailures(keys: keys)
    }

    /// Failures are stored to the millisecond (rounded), so the wait is counted in whole
    /// milliseconds too: with `now` at full precision a failure recorded at this very instant
    /// could lie up to half a millisecond in the future and stretch the wait by a second.
    func windowStart(_ now: Date) -> Date { Date(millis: now.millis - windowMillis) }

    var windowMillis: Int64 { Int64((window * 1000).rounded()) }

    func forgetBefore(_ now: Date) -> Date { now.addingTimeInterval(-max(window, Self.retention)) }

    /// Seconds until the oldest failure of every key with at least `count` failures leaves the window.
    func wait(_ failures: [String: [Date]], reaching count: Int, now: Date) -> Int? {
        let nowMillis = now.millis
        var waitMillis: Int64 = 0
        for recent in failures.values where recent.count >= count {
            if let oldest = recent.first { waitMillis = max(waitMillis, windowMillis - (nowMillis - oldest.millis)) }
        }
        return waitMillis > 0 ? Int((waitMillis + 999) / 1000) : nil
    }
}

/// A sign-in attempt let through to the password check, already counted as a failure.
public struct LoginAttempt: Sendable, Hashable {
    public var id: String
    /// The name-and-address key a success clears.
    var pairKey: String
}

public enum LoginAdmission: Sendable, Hashable {
    case admitted(LoginAttempt)
    /// Too many failures: try again after this many seconds.
    case refused(retryAfter: Int)
}
