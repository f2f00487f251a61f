import ArgumentParser
import Foundation
import PilotDomain
import PilotStore

/// Fires due workflow timers once, from the command line. With `--as-of` the timers are judged
/// against that Shanghai date instead of now: for catching up after an outage with a known
/// cut-off, for rehearsing a publicity close with the bureau, and for end-to-end tests that
/// cannot wait seven days.
struct TimersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers", abstract: "Workflow timers.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fire every due timer once and exit.")
        @ArgumentParser.Option(help: "Judge due timers as of this date, YYYY-MM-DD (Asia/Shanghai, end of that day)")
        var asOf: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var clock: any PilotDomain.Clock = SystemClock()
            if let asOf {
                guard let day = Shanghai.parseDate(asOf) else {
                    throw FailureMessage("--as-of '\(asOf)' is not a date YYYY-MM-DD")
                }
                clock = ManualClock(day.addingTimeInterval(86_400 - 1))
            }
            let services = try await openServices(try database.configuration(), clock: clock)
            let pass = try await services.workflows.fireAllDueTimers()
            // The deadline notices too, as the server's timer loop does (issue #17); their mails go
            // out from `serve` with SMEPILOT_SMTP_URL.
            let sweep = try await services.workflows.sweepDeadlines()
            let dead = try await services.store.timers.deadTimers(limit: 20)
            let deadCount = try await services.store.timers.deadTimerCount()
            await services.store.shutdown()
            print(
                "fired \(pass.fired) timer(s), cancelled \(pass.cancelled), failed \(pass.failed) (will retry), "
                    + "dead now \(pass.died); dead in all \(deadCount)")
            print(
                "deadline notices: \(sweep.reminders) reminder(s), \(sweep.escalations) escalation(s), "
                    + "\(sweep.notices) notice(s) written")
            // A dead timer needs a person: name the newest ones with the reason they failed.
            for timer in dead {
                print(
                    "dead: timer \(timer.id) instance \(timer.instanceId) \(timer.transitionId)",
                    "after \(timer.attempts) attempt(s): \(timer.lastError.prefix(200))")
            }
        }
    }
}
