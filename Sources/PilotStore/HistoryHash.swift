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

    /// The hash this record should have, from its content and `prevHash`.
    public var computedHash: String {
        let fields: [String] = [
            prevHash, instanceId, String(seq), transitionId, fromState, toState, actorUserId, actorName,
            actorOrganisationId ?? "", principalUserId ?? "", inputJSON, ruleValuesJSON, String(definitionVersion),
            String(occurredAt.millis),
        ]
        // The unit separator cannot appear in any field we write, so the join is unambiguous.
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return Hex.encode(digest)
    }
}
