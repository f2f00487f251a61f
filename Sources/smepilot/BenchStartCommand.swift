import ArgumentParser
import Foundation
import LocalPostgres

#if canImport(Glibc)
    import Glibc
#endif

/// `smepilot bench start` (issue #16 goal 5): how fast a server is ready and how much memory it
/// holds idle, on SQLite. Each run starts this binary's `serve` as a child process on a database
/// of its own, polls `GET /healthz` until the first 200, waits, and reads the child's resident set
/// (`VmRSS`). Measured in the same run for comparison: the same binary doing nothing but parse its
/// arguments (`--help`: the floor of starting this executable) and, when `python3` is there, the
/// standard library's `http.server` to its first 200 (a peer every machine has).
struct StartBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Measure time to the first 200 from /healthz and idle memory of `serve` on SQLite.")

    @ArgumentParser.Option(name: .customShort("n"), help: "Starts to measure (the median is reported)") var runs = 10
    @ArgumentParser.Option(help: "Seconds to stay idle before reading the resident set") var idle = 2.0
    @ArgumentParser.Option(help: "Directory of workflow definitions (default: $SMEPILOT_WORKFLOWS, else ./Workflows)")
    var workflows: String?

    func run() async throws {
        guard (1...100).contains(runs) else { throw ValidationError("-n must be 1–100") }
        guard (0...60).contains(idle) else { throw ValidationError("--idle must be 0–60 seconds") }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let workflowDirectory = workflows ?? ProcessInfo.processInfo.environment["SMEPILOT_WORKFLOWS"] ?? "Workflows"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-bench-start-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        print("binary \(executable), \(runs) starts each, SQLite in \(scratch.path)")

        var cold: [StartSample] = []
        var warm: [StartSample] = []
        for run in 0..<runs {
            // Cold: a new database, so the start includes creating it and every migration.
            let database = "sqlite:" + scratch.appendingPathComponent("run\(run).sqlite").path
            cold.append(try await StartProbe.serve(executable, database: database, workflows: workflowDirectory, idle: 0))
            // Warm: the same database again, as after a restart — the figure the goal names.
            warm.append(try await StartProbe.serve(executable, database: database, workflows: workflowDirectory, idle: idle))
        }
        var floor: [Double] = []
        for _ in 0..<runs { floor.append(try StartProbe.exitTime(executable, arguments: ["--help"])) }
        var peer: [StartSample] = []
        // The system's interpreter, not a version manager's shim (which adds its own start-up).
        if let python = ["/usr/bin/python3", "/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) {
            let empty = scratch.appendingPathComponent("peer")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            for _ in 0..<runs { peer.append(try await StartProbe.pythonServer(python, serving: empty.path, idle: idle)) }
        }

        let warmReady = StartSample.median(warm.map(\.readyMilliseconds))
        let warmRSS = StartSample.median(warm.map(\.residentMegabytes))
        print(
            String(
                format: "serve, existing database: first 200 after %.1f ms (median), idle RSS %.1f MB (median)", warmReady,
                warmRSS))
        print(
            String(
                format: "serve, new database (migrations): first 200 after %.1f ms (median)",
                StartSample.median(cold.map(\.readyMilliseconds))))
        let floorMedian = StartSample.median(floor)
        print(String(format: "smepilot --help (process start floor): %.1f ms (median)", floorMedian))
        if !peer.isEmpty {
            let peerReady = StartSample.median(peer.map(\.readyMilliseconds))
            let peerRSS = StartSample.median(peer.map(\.residentMegabytes))
            print(
                String(
                    format: "peer python3 -m http.server: first 200 after %.1f ms, idle RSS %.1f MB (medians)", peerReady, peerRSS
                ))
            print(
                String(format: "serve ÷ peer: %.2f× time to first 200, %.2f× idle RSS", warmReady / peerReady, warmRSS / peerRSS))
        }
        print(
            String(
                format: "goals: first 200 < 200 ms %@, idle RSS < 50 MB %@", warmReady < 200 ? "met" : "NOT met",
                warmRSS < 50 ? "met" : "NOT met"))
    }
}

/// One start: milliseconds from spawning to the first 200, and the resident set after idling.
struct StartSample {
    var readyMilliseconds: Double
    var residentMegabytes: Double

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

enum StartProbe {
    static func serve(_ executable: String, database: String, workflows: String, idle: Double) async throws -> StartSample {
        guard let port = PortProbe.freePort() else { throw FailureMessage("no free loopback port") }
        return try await measure(
            executable,
            arguments: ["serve", "--port", String(port), "--database-url", database, "--workflows", workflows],
            port: port, path: "/healthz", idle: idle)
    }

    /// `directory`: an empty one, so the listing it answers with costs nothing.
    static func pythonServer(_ python: String, serving directory: String, idle: Double) async throws -> StartSample {
        guard let port = PortProbe.freePort() else { throw FailureMessage("no free loopback port") }
        return try await measure(
            python, arguments: ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory], port: port,
            path: "/", idle: idle)
    }

    private static func measure(
        _ executable: String, arguments: [String], port: Int, path: String, idle: Double
    ) async throws -> StartSample {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        defer { stop(process) }
        while !HealthProbe.isOK(port: port, path: path) {
            guard process.isRunning else { throw FailureMessage("\(executable) \(arguments.joined(separator: " ")) exited") }
            guard clock.now - start < .seconds(60) else { throw FailureMessage("no 200 within 60 s") }
            try await Task.sleep(for: .milliseconds(1))
        }
        let ready = (clock.now - start).milliseconds
        if idle > 0 { try await Task.sleep(for: .milliseconds(Int(idle * 1000))) }
        return StartSample(readyMilliseconds: ready, residentMegabytes: residentMegabytes(pid: process.processIdentifier))
    }

    /// SIGTERM, then SIGKILL after 5 s: a child may inherit a signal mask that blocks SIGTERM
    /// (Python's http.server does, started from here).
    static func stop(_ process: Process) {
        process.terminate()
        for _ in 0..<500 where process.isRunning { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Wall time of a run to its exit.
    static func exitTime(_ executable: String, arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        return (clock.now - start).milliseconds
    }

    static func residentMegabytes(pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kilobytes / 1024
    }
}

/// A blocking HTTP/1.0 GET on loopback: whether the answer's status is 200. A refused connection
/// (not listening yet) is simply "no".
enum HealthProbe {
    static func isOK(port: Int, path: String) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard write(descriptor, request, request.count) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &buffer, buffer.count)
        guard count >= 12 else { return false }
        return String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("HTTP/1.") && buffer[9...11] == [50, 48, 48]
    }
}
