import Foundation
import PilotDomain

/// The programme's rule values in force (publicity length, reviewers required, …), handed to one
/// decision. It remembers which values the decision read, so the history row can record the rule
/// that applied (design.md §3 "Audit"). Make a fresh one per decision.
public final class RuleBook: @unchecked Sendable {
    public let values: [String: JSONValue]
    private let lock = NSLock()
    private var consulted: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    /// A fresh book with the same values and nothing consulted yet.
    public func fresh() -> RuleBook { RuleBook(values) }

    public func int(_ name: String, default fallback: Int64) -> Int64 {
        let value = values[name]?.intValue ?? fallback
        lock.withLock { consulted[name] = .int(value) }
        return value
    }

    public func string(_ name: String) -> String? {
        guard let value = values[name]?.stringValue else { return nil }
        lock.withLock { consulted[name] = .string(value) }
        return value
    }

    public var consultedValues: [String: JSONValue] { lock.withLock { consulted } }
}
