import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The peers whose `X-Forwarded-For` is believed: the reverse proxies in front of the server
/// (`SMEPILOT_TRUSTED_PROXIES`, addresses or CIDR ranges separated by commas; loopback by
/// default). Anyone else could name a new address with every request and so escape the sign-in
/// throttle and the public forms' limits. Behind Docker's port publishing or a Kubernetes
/// ingress the proxy is not on loopback: name its network (e.g. `172.16.0.0/12`).
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int
    }

    var ranges: [Range]

    public static let loopback = TrustedProxies(ranges: [
        Range(bytes: [127, 0, 0, 0], prefix: 8), Range(bytes: Array(repeating: 0, count: 15) + [1], prefix: 128),
    ])

    init(ranges: [Range]) { self.ranges = ranges }

    /// Parses "127.0.0.1, 10.0.0.0/8, ::1"; throws naming each entry it cannot read.
    public init(_ text: String) throws(AppConfiguration.Problems) {
        var ranges: [Range] = []
        var problems: [String] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(parts[0]) else {
                problems.append("SMEPILOT_TRUSTED_PROXIES: '\(entry)' is not an IP address or CIDR range")
                continue
            }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else {
                problems.append("SMEPILOT_TRUSTED_PROXIES: '\(entry)' has a bad prefix length")
                continue
            }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        if !problems.isEmpty { throw AppConfiguration.Problems(messages: problems) }
        self.ranges = ranges
    }

    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return ranges.contains { range in
            guard range.bytes.count == bytes.count else { return false }
            var bits = range.prefix
            for (mine, theirs) in zip(range.bytes, bytes) where bits > 0 {
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if mine & mask != theirs & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    /// 4 bytes for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address as its IPv4 bytes); nil if neither.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes.suffix(4)) }
        return bytes
    }
}
