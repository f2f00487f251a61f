import Crypto
import Foundation
import HTTPTypes
import PilotDomain
import PilotStore

/// The API's counterpart of the publicity page's form token (issue #11: the objection API skipped
/// the page's checks against robots). `GET /api/v1/publicity` answers with a ticket in the
/// `X-Objection-Ticket` header — when it was issued and to which client address, signed with a
/// server key (`server_keys`, shared by every process), so it cannot be forged or back-dated.
/// `POST /api/v1/publicity/{id}/objections` must send it back in the same header, from the same
/// address, no sooner than the page's minimum read time and within `maxAge`; the hourly limit
/// per client address applies as on the page.
enum ObjectionTicket {
    static let header = HTTPField.Name("X-Objection-Ticket")!
    static let maxAge: TimeInterval = 7200
    static let keyName = "objection-ticket"

    enum Check: Equatable {
        case valid
        /// Missing, malformed, signed for another address, or expired.
        case invalid
        /// Sent back sooner than the minimum read time.
        case tooSoon
    }

    static func issue(client: String, now: Date, key: String) -> String {
        let stamp = String(now.millis) + "." + SecretToken.make().prefix(16)
        return stamp + "." + signature(stamp, client: client, key: key)
    }

    static func check(_ ticket: String?, client: String, now: Date, key: String) -> Check {
        let parts = (ticket ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let issued = Int64(parts[0]),
            Hex.constantTimeEqual(parts[2], signature(parts[0] + "." + parts[1], client: client, key: key))
        else { return .invalid }
        // Signed by us, so `issued` is ours; checked without trapping all the same.
        let (age, overflow) = now.millis.subtractingReportingOverflow(issued)
        if overflow || age > Int64(maxAge * 1000) { return .invalid }
        if age < Int64(PublicSubmissionGuard.minimumReadTime * 1000) { return .tooSoon }
        return .valid
    }

    static func signature(_ stamp: String, client: String, key: String) -> String {
        Hex.encode(
            HMAC<SHA256>.authenticationCode(
                for: Data((stamp + "|" + client).utf8), using: SymmetricKey(data: Data(key.utf8))))
    }

    /// The signing key, read once per process.
    static func key(_ services: AppServices) async throws -> String {
        try await services.serverKeys.key(keyName, store: services.store)
    }
}

/// Server keys as read from the database, kept for the life of the process (they never change).
final class ServerKeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: String] = [:]

    func key(_ name: String, store: PilotStore) async throws -> String {
        if let key = lock.withLock({ keys[name] }) { return key }
        let key = try await store.sessions.serverKey(name)
        lock.withLock { keys[name] = key }
        return key
    }
}
