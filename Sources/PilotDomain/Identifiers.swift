import Foundation

/// Makes identifiers. Injected so tests can make predictable ones.
public protocol IdentifierSource: Sendable {
    func make(_ prefix: String) -> String
}

/// Random identifiers: a short prefix naming the kind ("ins", "evt") and a UUID.
public struct RandomIdentifiers: IdentifierSource {
    public init() {}
    public func make(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
