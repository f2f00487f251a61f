import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts and reaps child processes with posix_spawn and waitpid. (Foundation's `Process` waits
/// on a run loop that never turns inside async code, so it hangs there.) Used to run the
/// PostgreSQL tools for tests and benchmarks, and by the tests that kill a relay process.
public enum ChildProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `argv[0]` with `argv` and the current environment plus `environment`; standard
    /// output and error go to `outputPath` (a file, never a pipe: a daemon child such as the
    /// PostgreSQL server would hold a pipe open forever).
    public static func spawn(
        _ argv: [String], environment: [String: String] = [:], outputPath: String = "/dev/null"
    ) throws
        -> pid_t
    {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment)
        guard result == 0 else { throw Failure(description: "cannot start \(argv[0]): error \(result)") }
        return pid
    }

    /// Waits for the child; returns its exit code, or nil when a signal ended it.
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }
}
