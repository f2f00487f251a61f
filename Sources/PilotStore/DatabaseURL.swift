import Foundation

/// Where the data lives, from `DATABASE_URL`. Without it: SQLite at `./data/smepilot.sqlite`,
/// so the first run needs nothing installed (design.md §7).
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    public static let defaultSQLitePath = "./data/smepilot.sqlite"

    public struct PostgresAddress: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
        public var requireTLS: Bool

        public init(host: String, port: Int, user: String, password: String?, database: String, requireTLS: Bool) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.requireTLS = requireTLS
        }
    }

    /// The URL without its password, safe to log.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let address):
            "postgres://\(address.user)@\(address.host):\(address.port)/\(address.database)"
                + (address.requireTLS ? "?tlsmode=require" : "?tlsmode=disable")
        }
    }

    public var backendName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses `postgres://user[:password]@host[:port]/database[?tlsmode=disable|prefer|require]`,
    /// `sqlite:path` or `sqlite://path`. Refuses anything else with a message naming the problem
    /// (never echoing the password).
    public static func parse(_ raw: String?) throws(Problem) -> DatabaseLocation {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return .sqlite(path: defaultSQLitePath) }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("sqlite://") { return .sqlite(path: String(text.dropFirst("sqlite://".count))) }
        if text.hasPrefix("sqlite:") { return .sqlite(path: String(text.dropFirst("sqlite:".count))) }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw Problem(
                description: "DATABASE_URL must start with postgres:// or sqlite: (got a value starting '\(text.prefix(12))…')")
        }
        guard let components = URLComponents(string: text) else {
            throw Problem(description: "DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Problem(description: "DATABASE_URL has no host (expected postgres://user:password@host:5432/database)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw Problem(description: "DATABASE_URL has no user name (expected postgres://user:password@host:5432/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw Problem(description: "DATABASE_URL names no database (expected postgres://user:password@host:5432/database)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw Problem(description: "DATABASE_URL port \(port) is out of range")
        }
        let mode = components.queryItems?.first { $0.name == "tlsmode" || $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw Problem(description: "DATABASE_URL tlsmode must be disable, prefer or require (got '\(mode)')")
        }
        return .postgres(
            PostgresAddress(
                host: host, port: components.port ?? 5432, user: user, password: components.password?.removingPercentEncoding,
                database: database, requireTLS: mode != "disable"))
    }
}
