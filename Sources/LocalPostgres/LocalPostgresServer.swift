import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway local PostgreSQL server for tests and benchmarks: Debian's `postgresql`
/// binaries, a temp directory, a free loopback port; run as the `postgres` user when we are
/// root (initdb refuses root). Stopped and deleted when the process exits (testing.md).
public enum LocalPostgresServer {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Where the server listens: loopback, trust authentication, superuser `postgres`, no TLS.
    public struct Address: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        /// The maintenance database every server has.
        public var database: String
    }

    nonisolated(unsafe) static var dataDirectory: String?
    nonisolated(unsafe) static var binDirectory: String?

    /// Starts one. `durable: false` turns fsync off for fast functional tests; benchmarks keep it on.
    public static func start(durable: Bool) throws -> Address {
        guard let bin = findBinaries() else {
            throw Failure(
                description: "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql"
            )
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "smepilot-pg-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asRoot = getuid() == 0
        if asRoot { try run("/bin/chown", ["-R", "postgres:postgres", directory]) }
        try run(
            "\(bin)/initdb", ["-D", "\(directory)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale"],
            asPostgres: asRoot)
        let port = PortProbe.freePort() ?? 54_329
        let options =
            "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory) -c max_connections=300"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        try run(
            "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o", options, "start"],
            asPostgres: asRoot)
        dataDirectory = directory
        binDirectory = bin
        atexit {
            guard let directory = LocalPostgresServer.dataDirectory, let bin = LocalPostgresServer.binDirectory else { return }
            try? LocalPostgresServer.run(
                "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"], asPostgres: getuid() == 0)
            try? FileManager.default.removeItem(atPath: directory)
        }
        return Address(host: "127.0.0.1", port: port, user: "postgres", database: "postgres")
    }

    static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    /// Runs a command to completion with posix_spawn and waitpid. (Foundation's `Process`
    /// waits on a run loop that never turns inside a test's async context, so it hangs here.)
    /// Output goes to a file, not a pipe: the server pg_ctl starts inherits the descriptors and
    /// would hold a pipe open forever.
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = false) throws {
        // initdb and pg_ctl must start from a directory the postgres user can read. The shell
        // changes it for the child only: the process's own directory is shared by every thread.
        let command =
            asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let argv = ["/bin/sh", "-c", "cd / && exec \"$@\"", "sh"] + command
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-pg-cmd-\(UUID().uuidString).log")
            .path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let pid: pid_t
        do { pid = try ChildProcess.spawn(argv, outputPath: logPath) } catch { throw Failure(description: "\(error)") }
        guard ChildProcess.wait(pid) == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw Failure(description: "\(executable) failed: \(text)")
        }
    }
}
