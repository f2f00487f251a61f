import Foundation
import Logging
import NationalSync
import PilotStore

/// Everything the server needs to start, read in one place: flags first, then environment,
/// then defaults (design.md §7). A bad value stops start-up with a message naming it.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var workflowsDirectory: String
    /// Mark cookies Secure (set when served over TLS, e.g. behind nginx).
    public var secureCookies: Bool
    public var logLevel: Logger.Level
    /// bcrypt cost for new passwords: 12 in production; tests lower it to stay fast.
    public var bcryptCost: UInt8
    public var sessionLifetime: TimeInterval
    /// How often the timer loop looks for due timers.
    public var timerInterval: Duration
    /// How long one database operation of a served request may take before it is abandoned with
    /// 503 (`SMEPILOT_DB_TIMEOUT`, seconds): see `PostgresBackend.operationDeadline`.
    public var databaseTimeout: Duration = .seconds(10)
    /// Named prepared statements on PostgreSQL (`SMEPILOT_PG_PREPARED`, default on): see
    /// `PostgresBackend.preparedStatements`.
    public var preparedStatements = true
    /// Decision statements out at once before the next decisions go together on PostgreSQL
    /// (`SMEPILOT_PG_GROUP_COMMIT`: on, off or 1–64): see `PostgresBackend.groupCommitWidth`.
    public var groupCommitWidth: Int? = PostgresBackend.defaultGroupCommitWidth
    /// The national endpoint; nil turns the sync relay off.
    public var sync: SyncConfiguration?
    /// Where uploaded project documents are kept (SMEPILOT_ATTACHMENTS, default ./data/attachments).
    public var attachmentsDirectory: String = "data/attachments"
    /// Whose X-Forwarded-For is believed (SMEPILOT_TRUSTED_PROXIES, default loopback).
    public var trustedProxies: TrustedProxies = .loopback
    /// Keys the history chain (SMEPILOT_AUDIT_KEY, 32+ bytes); nil writes rows without a MAC.
    public var auditKey: AuditKey?
    /// The SMTP relay notices are mailed through (SMEPILOT_SMTP_URL); nil: the inbox only.
    public var mail: MailConfiguration?

    public init(
        host: String = "127.0.0.1", port: Int = 8080,
        database: DatabaseLocation = .sqlite(path: DatabaseLocation.defaultSQLitePath),
        workflowsDirectory: String = "Workflows", secureCookies: Bool = false, logLevel: Logger.Level = .info,
        bcryptCost: UInt8 = 12, sessionLifetime: TimeInterval = 8 * 3600, timerInterval: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.workflowsDirectory = workflowsDirectory
        self.secureCookies = secureCookies
        self.logLevel = logLevel
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.timerInterval = timerInterval
    }

    public struct Problems: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String { "configuration error: " + messages.joined(separator: "; ") }
    }

    /// Reads the environment under the given flag values (nil = not given on the command line).
    /// Collects every problem before failing, so one start-up attempt shows them all.
    public static func resolve(
        host: String?, port: Int?, databaseURL: String?, workflows: String?, environment: [String: String]
    ) throws(Problems) -> AppConfiguration {
        var problems: [String] = []
        var configuration = AppConfiguration()
        configuration.host = host ?? environment["SMEPILOT_HOST"] ?? configuration.host
        if let port {
            configuration.port = port
        } else if let text = environment["SMEPILOT_PORT"] {
            if let value = Int(text) {
                configuration.port = value
            } else {
                problems.append("SMEPILOT_PORT '\(text)' is not a number")
            }
        }
        if !(1...65535).contains(configuration.port) { problems.append("port \(configuration.port) is out of range 1–65535") }
        do {
            configuration.database = try DatabaseLocation.parse(databaseURL ?? environment["DATABASE_URL"])
        } catch {
            problems.append(error.description)
        }
        configuration.workflowsDirectory = workflows ?? environment["SMEPILOT_WORKFLOWS"] ?? configuration.workflowsDirectory
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: configuration.workflowsDirectory, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            problems.append(
                "workflow directory '\(configuration.workflowsDirectory)' does not exist (set SMEPILOT_WORKFLOWS or --workflows)")
        }
        if let text = environment["SMEPILOT_COOKIE_SECURE"] {
            switch text.lowercased() {
            case "1", "true", "yes": configuration.secureCookies = true
            case "0", "false", "no": configuration.secureCookies = false
            default: problems.append("SMEPILOT_COOKIE_SECURE must be true or false, not '\(text)'")
            }
        }
        if let text = environment["SMEPILOT_LOG_LEVEL"] {
            if let level = Logger.Level(rawValue: text.lowercased()) {
                configuration.logLevel = level
            } else {
                problems.append("SMEPILOT_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
            }
        }
        if let text = environment["SMEPILOT_BCRYPT_COST"] {
            if let cost = UInt8(text), (4...31).contains(cost) {
                configuration.bcryptCost = cost
            } else {
                problems.append("SMEPILOT_BCRYPT_COST must be 4–31")
            }
        }
        if let text = environment["SMEPILOT_DB_TIMEOUT"] {
            if let seconds = Int(text), (1...600).contains(seconds) {
                configuration.databaseTimeout = .seconds(seconds)
            } else {
                problems.append("SMEPILOT_DB_TIMEOUT must be 1–600 (seconds)")
            }
        }
        if let text = environment["SMEPILOT_PG_PREPARED"] {
            if let setting = PostgresBackend.preparedSetting(text) {
                configuration.preparedStatements = setting
            } else {
                problems.append("SMEPILOT_PG_PREPARED must be on or off, not '\(text)'")
            }
        }
        if let text = environment["SMEPILOT_PG_GROUP_COMMIT"] {
            do {
                configuration.groupCommitWidth = try PostgresBackend.groupCommitWidth(setting: text)
            } catch {
                problems.append(error.description)
            }
        }
        configuration.attachmentsDirectory = environment["SMEPILOT_ATTACHMENTS"] ?? configuration.attachmentsDirectory
        if let text = environment["SMEPILOT_TRUSTED_PROXIES"] {
            do { configuration.trustedProxies = try TrustedProxies(text) } catch { problems += error.messages }
        }
        do {
            configuration.auditKey = try AuditKey.fromEnvironment(environment)
        } catch {
            problems.append(error.description)
        }
        do {
            configuration.sync = try SyncConfiguration.fromEnvironment(environment)
        } catch {
            problems.append(error.description)
        }
        do {
            configuration.mail = try MailConfiguration.fromEnvironment(environment)
        } catch {
            problems.append(error.description)
        }
        if !problems.isEmpty { throw Problems(messages: problems) }
        return configuration
    }
}
