import Foundation
import PilotStore

/// Where notices are mailed (`SMEPILOT_SMTP_URL`, off when unset): `smtp://host:port?from=address`
/// — a relay that accepts mail from this server without authentication, as an intranet's mail
/// server does (the port defaults to 25; `from` to `smepilot@<host>`). Credentials in the URL are
/// refused: this client speaks plain SMTP and would send them unencrypted.
public struct MailConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var from: String
    /// How often the sender looks for mail to send.
    public var interval: Duration = .seconds(10)
    /// The address links in a mail start with (`SMEPILOT_PUBLIC_URL`), e.g. `https://pilot.example.gov.cn`.
    public var publicURL: String?

    public init(host: String, port: Int, from: String, publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        self.publicURL = publicURL
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func fromEnvironment(_ environment: [String: String]) throws(Invalid) -> MailConfiguration? {
        guard let text = environment["SMEPILOT_SMTP_URL"], !text.isEmpty else { return nil }
        var configuration = try parse(text)
        if let base = environment["SMEPILOT_PUBLIC_URL"], !base.isEmpty {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw Invalid(description: "SMEPILOT_PUBLIC_URL must be an http(s) address, not '\(base)'")
            }
            configuration.publicURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        }
        return configuration
    }

    public static func parse(_ text: String) throws(Invalid) -> MailConfiguration {
        guard let parts = URLComponents(string: text), parts.scheme == "smtp", let host = parts.host, !host.isEmpty else {
            throw Invalid(description: "SMEPILOT_SMTP_URL must look like smtp://host:port?from=address, not '\(text)'")
        }
        guard parts.user == nil, parts.password == nil else {
            throw Invalid(description: "SMEPILOT_SMTP_URL must not carry credentials: plain SMTP would send them unencrypted")
        }
        let port = parts.port ?? 25
        guard (1...65535).contains(port) else { throw Invalid(description: "SMEPILOT_SMTP_URL port \(port) is out of range") }
        let from = parts.queryItems?.first { $0.name == "from" }?.value ?? "smepilot@\(host)"
        guard MailSettings.isValidAddress(from) else {
            throw Invalid(description: "SMEPILOT_SMTP_URL from '\(from)' is not a mail address")
        }
        return MailConfiguration(host: host, port: port, from: from)
    }
}
