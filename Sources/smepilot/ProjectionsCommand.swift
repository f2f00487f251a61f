import ArgumentParser
import PilotStore
import WebApp

/// `smepilot projections check|rebuild`: the dashboard's counters (migration 32) and the state-entry
/// counters the overdue counts read (migration 34) against a recount of the instance rows. Every
/// decision moves them in its own transaction, so a difference means a writer bypassed the store (a
/// hand-written SQL fix, a restore of one table): `rebuild` recounts.
struct ProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections", abstract: "The dashboard's counters: check them against the rows, or rebuild them.",
        subcommands: [Check.self, Rebuild.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recount the dashboard's and the state-entry counters from the rows; exit 1 naming each one that differs.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let differences = try await services.store.facts.checkDashboardCounts()
            let entryDifferences = try await services.store.facts.checkStateEntryCounts()
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
            for difference in entryDifferences {
                print(
                    "DIFFERS  \(difference.programmeId) \(difference.definitionId) \(difference.state) entered on day "
                        + "\(difference.day): counters \(difference.counted), rows \(difference.recounted) (instances)")
            }
            print("state entry counters: \(entryDifferences.count) difference(s)")
            if !differences.isEmpty || !entryDifferences.isEmpty { throw ExitCode(1) }
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the dashboard's and the state-entry counters with a recount of the rows.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let rows = try await services.store.facts.rebuildDashboardCounts()
            let entryRows = try await services.store.facts.rebuildStateEntryCounts()
            await services.store.shutdown()
            print("dashboard counters rebuilt: \(rows) row(s); state entry counters: \(entryRows) row(s)")
        }
    }
}
