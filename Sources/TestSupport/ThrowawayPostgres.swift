import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Logging
import PilotStore
import SQLKit

/// A PostgreSQL server for one test run, started from Debian's `postgresql` binaries in a temp
/// directory on a free loopback port, and stopped when the test process exits (testing.md).
/// With `DATABASE_URL` set to a postgres URL, that server is used instead.
/// Each test gets its own database, cloned from a migrated template in milliseconds.
public actor ThrowawayPostgres {
    public static let shared = ThrowawayPostgres()

    private var server: DatabaseLocation.PostgresAddress?
    private var template: Task<DatabaseLocation.PostgresAddress, any Error>?
    private var counter = 0

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new, migrated, empty database on the run's server.
    public func freshDatabase() async throws -> DatabaseLocation.PostgresAddress {
        // The actor is re-entered at every await: one shared task makes the template exactly once.
        if template == nil { template = Task { try await Self.makeTemplate(try await self.startIfNeeded()) } }
        let base = try await template!.value
        counter += 1
        let name = "test_\(ProcessInfo.processInfo.processIdentifier)_\(counter)"
        try await Self.admin(base) { database in
            try await database.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE smepilot_template").run()
        }
        var address = base
        address.database = name
        return address
    }

    private static func makeTemplate(_ base: DatabaseLocation.PostgresAddress) async throws -> DatabaseLocation.PostgresAddress {
        try await admin(base) { database in
            try await database.raw("DROP DATABASE IF EXISTS smepilot_template").run()
            try await database.raw("CREATE DATABASE smepilot_template").run()
        }
        var template = base
        template.database = "smepilot_template"
        let backend = PostgresBackend(template, maximumConnections: 1, logger: Logger(label: "test.template"))
        try await Migrations.run(on: backend)
        await backend.shutdown()
        return base
    }

    private static func admin(
        _ base: DatabaseLocation.PostgresAddress, _ body: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        var maintenance = base
        maintenance.database = "postgres"
        let backend = PostgresBackend(maintenance, maximumConnections: 1, logger: Logger(label: "test.admin"))
        // CREATE DATABASE cannot run inside a transaction block.
        do {
            try await backend.read { database in try await body(database) }
        } catch {
            await backend.shutdown()
            throw ThrowawayPostgres.Failure(description: String(reflecting: error))
        }
        await backend.shutdown()
    }

    private func startIfNeeded() async throws -> DatabaseLocation.PostgresAddress {
        if let server { return server }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres"),
            case .postgres(let address) = try DatabaseLocation.parse(url)
        {
            server = address
            return address
        }
        let address = try LocalPostgresServer.start()
        server = address
        return address
    }
}

/// Starts and stops the server process itself.
enum LocalPostgresServer {
    nonisolated(unsafe) static var dataDirectory: String?
    nonisolated(unsafe) static var binDirectory: String?

    static func start() throws -> DatabaseLocation.PostgresAddress {
        guard let bin = findBinaries() else {
            throw ThrowawayPostgres.Failure(
                description: "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot { try run("/bin/chown", ["-R", "postgres:postgres", directory]) }
        try run("\(bin)/initdb", ["-D", "\(directory)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"], asPostgres: asRoot)
        let port = freePort()
        let options =
            "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        try run("\(bin)/pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o", options, "start"], asPostgres: asRoot)
        dataDirectory = directory
        binDirectory = bin
        atexit {
            guard let directory = LocalPostgresServer.dataDirectory, let bin = LocalPostgresServer.binDirectory else { return }
            try? LocalPostgresServer.run(
                "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"], asPostgres: getuid() == 0)
            try? FileManager.default.removeItem(atPath: directory)
        }
        return DatabaseLocation.PostgresAddress(
            host: "127.0.0.1", port: port, user: "postgres", password: nil, database: "postgres", requireTLS: false)
    }

    static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    static func freePort() -> Int {
        for _ in 0..<50 {
            let candidate = Int.random(in: 20_000...60_000)
            if PortProbe.isFree(candidate) { return candidate }
        }
        return 54_329
    }

    /// Runs a command to completion with posix_spawn and waitpid. (Foundation's `Process`
    /// waits on a run loop that never turns inside a test's async context, so it hangs here.)
    /// Output goes to a file, not a pipe: the server pg_ctl starts inherits the descriptors and
    /// would hold a pipe open forever.
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-pg-cmd-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // initdb and pg_ctl must start from a directory the postgres user can read.
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath("/")
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw ThrowawayPostgres.Failure(description: "cannot start \(argv[0]): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status >> 8) & 0xff
        guard status & 0x7f == 0 && exitCode == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw ThrowawayPostgres.Failure(description: "\(executable) failed (status \(status)): \(text)")
        }
    }
}
