import Crypto
import Foundation
import PilotDomain

/// The hash chain over an instance's history (design.md §3 "Audit"): each row's hash covers its
/// own content and the previous row's hash, so editing, deleting or reordering any row breaks
/// every hash after it. `smepilot audit verify` recomputes the chain.
public struct HistoryRecord: Sendable, Hashable {
    public var instanceId: String
    public var seq: Int
    public var transitionId: String
    public var fromState: String
    public var toState: String
    public var actorUserId: String
    public var actorName: String
    public var actorOrganisationId: String?
    public var principalUserId: String?
    /// Canonical JSON text of the normalised input.
    public var inputJSON: String
    /// Canonical JSON text of the rule values the decision consulted.
    public var ruleValuesJSON: String
    public var definitionVersion: Int
    public var occurredAt: Date
    public var prevHash: String
    public var hash: String
    /// Canonical JSON text of the decision's facts and the actor's roles (`DecisionContext`), which
    /// the replay of `smepilot audit verify` needs; nil on rows written before migration 19.
    public var contextJSON: String? = nil
    /// HMAC-SHA256 of `hash` under the audit key (`SMEPILOT_AUDIT_KEY`), hex; nil when the row was
    /// written without a key.
    public var mac: String? = nil

    /// The hash this record should have, from its content and `prevHash`. Rows with a context
    /// (migration 19 on) hash it too; older rows keep the hash they were written with.
    public var computedHash: String {
        var fields: [String] = [
            prevHash, instanceId, String(seq), transitionId, fromState, toState, actorUserId, actorName,
            actorOrganisationId ?? "", principalUserId ?? "", inputJSON, ruleValuesJSON, String(definitionVersion),
            String(occurredAt.millis),
        ]
        if let contextJSON { fields.append(contextJSON) }
        // The unit separator cannot appear in any field we write, so the join is unambiguous.
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return Hex.encode(digest)
    }
}

/// The secret that keys the history chain (`SMEPILOT_AUDIT_KEY`): each new history row stores an
/// HMAC-SHA256 of its hash under it, so someone who can write to the database but does not hold
/// the key cannot rewrite a row and recompute the hashes unnoticed. Never printed: its description
/// is redacted.
public struct AuditKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let environmentName = "SMEPILOT_AUDIT_KEY"
    public static let minimumBytes = 32
    /// The key's bytes (`SymmetricKey` is not `Sendable`).
    let bytes: [UInt8]

    /// Nil when `secret` is shorter than `minimumBytes` bytes (UTF-8).
    public init?(_ secret: String) {
        let bytes = Array(secret.utf8)
        guard bytes.count >= Self.minimumBytes else { return nil }
        self.bytes = bytes
    }

    /// The key in `environment`, nil when unset; throws a message naming the variable (never its
    /// value) when it is too short.
    public static func fromEnvironment(_ environment: [String: String]) throws(Problem) -> AuditKey? {
        guard let text = environment[environmentName], !text.isEmpty else { return nil }
        guard let key = AuditKey(text) else {
            throw Problem(description: "\(environmentName) must have at least \(minimumBytes) bytes")
        }
        return key
    }

    public struct Problem: Error, CustomStringConvertible { public var description: String }

    /// HMAC-SHA256 of `text` (hex): what is stored beside a row's hash, and what seals an anchor file.
    public func mac(of text: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes)))
    }

    /// Compares in constant time.
    public func isValid(mac: String, of text: String) -> Bool {
        Hex.constantTimeEqual(self.mac(of: text), mac)
    }

    public var description: String { "AuditKey(redacted)" }
    public var debugDescription: String { description }
}
