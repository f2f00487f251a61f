import Crypto
import Foundation
import PilotDomain

/// HMAC-SHA256 request signing (Contracts/national-sync.yaml): the signature covers the method,
/// the path with query, the timestamp and the SHA-256 of the exact body bytes, so neither the
/// body nor the target can be altered, and a timestamp window stops replays.
public enum RequestSignature {
    public static let keyIdHeader = "X-Key-Id"
    public static let timestampHeader = "X-Timestamp"
    public static let digestHeader = "X-Content-SHA256"
    public static let signatureHeader = "X-Signature"
    /// How far a request's timestamp may be from the receiver's clock.
    public static let allowedSkew: TimeInterval = 300

    public static func contentDigest(_ body: some Sequence<UInt8>) -> String {
        Hex.encode(SHA256.hash(data: Data(body)))
    }

    public static func signature(
        method: String, path: String, timestamp: String, contentDigest: String, secret: [UInt8]
    ) -> String {
        let message = Data([method.uppercased(), path, timestamp, contentDigest].joined(separator: "\n").utf8)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
    }

    /// The four headers for a request.
    public static func headers(
        method: String, path: String, body: [UInt8], credentials: SyncCredentials, now: Date
    )
        -> [(String, String)]
    {
        let timestamp = rfc3339(now)
        let digest = contentDigest(body)
        return [
            (keyIdHeader, credentials.keyId), (timestampHeader, timestamp), (digestHeader, digest),
            (
                signatureHeader,
                signature(method: method, path: path, timestamp: timestamp, contentDigest: digest, secret: credentials.secret)
            ),
        ]
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missingHeader(String)
        case unknownKey
        case staleTimestamp
        case digestMismatch
        case badSignature

        public var description: String {
            switch self {
            case .missingHeader(let name): "missing header \(name)"
            case .unknownKey: "unknown key id"
            case .staleTimestamp: "timestamp outside the allowed window"
            case .digestMismatch: "body digest does not match the body"
            case .badSignature: "signature does not match"
            }
        }
    }

    /// Checks a received request; nil when it is authentic and fresh.
    public static func verify(
        method: String, path: String, headers: (String) -> String?, body: [UInt8], secrets: [String: [UInt8]], now: Date
    ) -> Problem? {
        guard let keyId = headers(keyIdHeader) else { return .missingHeader(keyIdHeader) }
        guard let timestamp = headers(timestampHeader) else { return .missingHeader(timestampHeader) }
        guard let digest = headers(digestHeader) else { return .missingHeader(digestHeader) }
        guard let given = headers(signatureHeader) else { return .missingHeader(signatureHeader) }
        guard let secret = secrets[keyId] else { return .unknownKey }
        guard let sent = parseRFC3339(timestamp), abs(sent.timeIntervalSince(now)) <= allowedSkew else { return .staleTimestamp }
        guard contentDigest(body) == digest.lowercased() else { return .digestMismatch }
        let expected = signature(
            method: method, path: path, timestamp: timestamp, contentDigest: digest.lowercased(), secret: secret)
        guard Hex.constantTimeEqual(expected, given.lowercased()) else { return .badSignature }
        return nil
    }

    static func rfc3339(_ date: Date) -> String { RFC3339Transcoder.string(from: date) }

    static func parseRFC3339(_ text: String) -> Date? { RFC3339Transcoder.date(from: text) }
}
