import Foundation

/// How to reach the national endpoint, from the environment (design.md §7). The secret is held
/// in `SyncCredentials`, whose descriptions hide it.
public struct SyncConfiguration: Sendable {
    public var endpoint: URL
    public var credentials: SyncCredentials
    public var batchSize: Int
    public var concurrency: Int

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// nil when `SMEPILOT_NATIONAL_URL` is not set (sync is off); throws when it is set but the
    /// rest is missing or malformed.
    public static func fromEnvironment(_ environment: [String: String]) throws(Problem) -> SyncConfiguration? {
        guard let text = environment["SMEPILOT_NATIONAL_URL"], !text.isEmpty else { return nil }
        var problems: [String] = []
        let url = URL(string: text)
        if url?.scheme == nil || url?.host == nil || !(url?.path ?? "").isEmpty && url?.path != "/" {
            problems.append("SMEPILOT_NATIONAL_URL must be scheme://host[:port] without a path (got '\(text)')")
        }
        let keyId = environment["SMEPILOT_NATIONAL_KEY_ID"] ?? ""
        if keyId.isEmpty { problems.append("SMEPILOT_NATIONAL_KEY_ID is required when SMEPILOT_NATIONAL_URL is set") }
        let secret = environment["SMEPILOT_NATIONAL_SECRET"] ?? ""
        if secret.count < 16 { problems.append("SMEPILOT_NATIONAL_SECRET is required and must have at least 16 characters") }
        let batch = Int(environment["SMEPILOT_SYNC_BATCH"] ?? "200") ?? -1
        if !(1...500).contains(batch) { problems.append("SMEPILOT_SYNC_BATCH must be 1–500") }
        let concurrency = Int(environment["SMEPILOT_SYNC_CONCURRENCY"] ?? "2") ?? -1
        if !(1...32).contains(concurrency) { problems.append("SMEPILOT_SYNC_CONCURRENCY must be 1–32") }
        guard problems.isEmpty, let url else { throw Problem(description: problems.joined(separator: "; ")) }
        return SyncConfiguration(
            endpoint: url, credentials: SyncCredentials(keyId: keyId, secret: secret), batchSize: batch, concurrency: concurrency)
    }

    public init(endpoint: URL, credentials: SyncCredentials, batchSize: Int = 200, concurrency: Int = 2) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.batchSize = batchSize
        self.concurrency = concurrency
    }
}
