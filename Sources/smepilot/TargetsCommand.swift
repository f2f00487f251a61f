import ArgumentParser
import WebApp

/// The programme targets from the command line. `serve` takes the weekly snapshot every hour;
/// this takes it once: after an outage, before printing the monthly report, or from cron on a
/// deployment that runs the server without timers.
struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: "Programme targets.", subcommands: [Snapshot.self])

    struct Snapshot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record this week's value of every target for every programme (replacing this week's earlier snapshot).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            let result: (taken: [TargetSnapshots.Taken], failed: [TargetSnapshots.Failure])
            do {
                result = try await TargetSnapshots(services: services).takeAll()
            } catch {
                await services.store.shutdown()
                throw FailureMessage("cannot list the programmes: \(describeDatabaseError(error))")
            }
            await services.store.shutdown()
            for taken in result.taken { print(taken.lines.joined(separator: "\n")) }
            for failure in result.failed { print("FAILED  \(failure.programme.code): \(failure.error)") }
            print("snapshot taken for \(result.taken.count) programme(s), \(result.failed.count) failed")
            if !result.failed.isEmpty { throw ExitCode(1) }
        }
    }
}
