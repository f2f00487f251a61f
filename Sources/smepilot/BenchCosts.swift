import Foundation
import PilotStore
import SQLKit

#if canImport(Glibc)
    import Glibc
#endif

/// What one system's run cost, per transition: CPU of the client process and of the database
/// server, commits and WAL bytes. On 2 cores the client and the server share the machine, so CPU
/// per transition — not latency — decides the throughput (issue #16).
struct TransitionCosts {
    var clientCPUSeconds: Double
    /// nil when the server is not on this machine (a remote DATABASE_URL) or not PostgreSQL.
    var serverCPUSeconds: Double?
    var commits: Int?
    var walBytes: Int?

    func perTransition(_ transitions: Int) -> String {
        let n = Double(max(transitions, 1))
        let server = serverCPUSeconds.map { String(format: "%.3f ms", $0 * 1000 / n) } ?? "n/a"
        let commits = self.commits.map { String(format: "%.2f", Double($0) / n) } ?? "n/a"
        let wal = walBytes.map { String(format: "%.0f B", Double($0) / n) } ?? "n/a"
        return String(format: "client CPU %.3f ms, server CPU ", clientCPUSeconds * 1000 / n) + server + ", commits " + commits
            + ", WAL " + wal
    }

    /// The client's and (when measured) the server's CPU together, milliseconds per transition.
    func cpuPerTransition(_ transitions: Int) -> Double {
        (clientCPUSeconds + (serverCPUSeconds ?? 0)) * 1000 / Double(max(transitions, 1))
    }
}

/// CPU seconds (user + system) of this process, all threads.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_utime.seconds + usage.ru_stime.seconds
    }
}

/// Readings of a PostgreSQL server before and after a run: its processes' CPU from /proc (only
/// when it runs on this machine: its postmaster.pid names the postmaster), the database's
/// committed transactions (`pg_stat_database.xact_commit`) and the WAL position.
struct PostgresMeter {
    var postmaster: Int32?

    struct Reading {
        var serverCPU: Double?
        var commits: Int
        var lsn: String
    }

    static func make(on database: any SQLDatabase, address: DatabaseLocation.PostgresAddress) async -> PostgresMeter {
        guard ["127.0.0.1", "localhost", "::1"].contains(address.host) || address.host.hasPrefix("/") else {
            return PostgresMeter(postmaster: nil)
        }
        // Readable by a superuser (or pg_read_all_settings) only: without it, the server's CPU is n/a.
        let directory = try? await database.raw("SELECT current_setting('data_directory') AS d").first()?.decode(
            column: "d", as: String.self)
        let pidFile = directory.flatMap { try? String(contentsOfFile: "\($0)/postmaster.pid", encoding: .utf8) }
        return PostgresMeter(postmaster: pidFile?.split(separator: "\n").first.flatMap { Int32($0) })
    }

    func read(on database: any SQLDatabase) async throws -> Reading {
        let row = try await database.raw(
            """
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
            pg_current_wal_lsn()::text AS lsn
            """
        ).first()
        return Reading(
            serverCPU: postmaster.flatMap(Self.serverCPU), commits: try row?.decode(column: "commits", as: Int.self) ?? 0,
            lsn: try row?.decode(column: "lsn", as: String.self) ?? "0/0")
    }

    /// Waits until backends that stay connected (the store's pool) have reported their
    /// transactions: an idle backend flushes its statistics within 10 s (PostgreSQL 15).
    static func settleStatistics() async throws { try await Task.sleep(for: .seconds(11)) }

    func costs(
        from before: Reading, to after: Reading, clientCPU: Double, on database: any SQLDatabase
    ) async throws
        -> TransitionCosts
    {
        let wal = try await database.raw(
            "SELECT pg_wal_lsn_diff(\(bind: after.lsn)::pg_lsn, \(bind: before.lsn)::pg_lsn)::bigint AS b"
        )
        .first()?.decode(column: "b", as: Int.self)
        let server = after.serverCPU.flatMap { end in before.serverCPU.map { end - $0 } }
        return TransitionCosts(
            clientCPUSeconds: clientCPU, serverCPUSeconds: server, commits: after.commits - before.commits, walBytes: wal)
    }

    /// utime + stime of the postmaster and its live children, plus the CPU of children it has
    /// reaped (cutime + cstime of the postmaster), so a backend that exits mid-run still counts.
    static func serverCPU(postmaster: Int32) -> Double? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        var ticks = 0
        var found = false
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(pid) else { continue }
            // After "(comm)": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.
            if pid == postmaster {
                found = true
                ticks += fields[11] + fields[12] + fields[13] + fields[14]
            } else if fields[1] == Int(postmaster) {
                ticks += fields[11] + fields[12]
            }
        }
        return found ? Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK))) : nil
    }

    private static func statFields(_ pid: Int32) -> [Int]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ").map { Int($0) ?? 0 }
        return fields.count > 14 ? fields : nil
    }
}
