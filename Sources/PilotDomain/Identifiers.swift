import Foundation

/// Makes identifiers. Injected so tests can make predictable ones.
public protocol IdentifierSource: Sendable {
    func make(_ prefix: String) -> String
}

/// Random identifiers: a short prefix naming the kind ("ins", "evt") and a version-4 UUID as 32
/// lower-case hex digits.
public struct RandomIdentifiers: IdentifierSource {
    public init() {}
    public func make(_ prefix: String) -> String {
        // The UUID's 16 bytes written as hex directly: `uuidString.lowercased()` and removing its
        // dashes cost 3 % of a decision's CPU (issue #16 profile); the text is the same.
        var bytes = UUID().uuid
        return withUnsafeBytes(of: &bytes) { prefix + "_" + Hex.encode($0) }
    }
}
