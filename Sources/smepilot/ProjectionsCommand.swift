import ArgumentParser
import PilotStore
import WebApp

/// `smepilot projections check|rebuild`: the dashboard's counters (migration 32) against a recount
/// of the instance rows. Every decision moves them in its own transaction, so a difference means a
/// writer bypassed the store (a hand-written SQL fix, a restore of one table): `rebuild` recounts.
struct ProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections", abstract: "The dashboard's counters: check them against the rows, or rebuild them.",
        subcommands: [Check.self, Rebuild.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recount the dashboard's counters from the rows; exit 1 naming each programme, workflow and state that differs.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let differences = try await services.store.facts.checkDashboardCounts()
            await services.store.shutdown()
            for difference in differences {
                let (counted, recounted) = (difference.counted, difference.recounted)
                print(
                    "DIFFERS  \(difference.programmeId) \(difference.definitionId) \(difference.state): counters "
                        + "\(counted.projects)/\(counted.subsidised)/\(counted.level3)/\(counted.level4)/\(counted.subsidy), rows "
                        + "\(recounted.projects)/\(recounted.subsidised)/\(recounted.level3)/\(recounted.level4)/\(recounted.subsidy) "
                        + "(projects/subsidised/level 3/level 4/subsidy fen)")
            }
            print("dashboard counters: \(differences.count) difference(s)")
            if !differences.isEmpty { throw ExitCode(1) }
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the dashboard's counters with a recount of the rows.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let rows = try await services.store.facts.rebuildDashboardCounts()
            await services.store.shutdown()
            print("dashboard counters rebuilt: \(rows) row(s)")
        }
    }
}
