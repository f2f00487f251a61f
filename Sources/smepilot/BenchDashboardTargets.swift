import Foundation
import PilotDomain
import PilotStore
import SQLKit
import WebApp

/// The targets of the benchmark's programmes: goals sized for their number of enterprises (the
/// policy's figures are for a city of a few hundred), a deadline a year ahead so trends project,
/// and 26 weekly snapshots rising to today's figures, as six months of the Monday job would have left.
enum DashboardBenchTargets {
    /// The stored version (`TargetSettings.stored` format): a mix of met, nearly met and missed goals.
    static func stored(enterprises: Int, now: Date) -> [String: JSONValue] {
        let year = Shanghai.calendar.component(.year, from: now) + 1
        let goals: [String: Int] = [
            "participation": 90, "level2_share": 100, "level3": enterprises / 10, "level4": enterprises / 50,
            "cloud": enterprises * 32 / 100, "transformations": enterprises * 65 / 100, "typical_cases": 10, "benchmarks": 20,
            "providers": 30, "solutions": 50, "chain_led": enterprises * 12 / 1000, "distinctive_practices": 5,
        ]
        return TargetSettings(deadline: "\(year)-12-31", goals: goals, recorded: ["distinctive_practices": 3]).stored
    }

    /// Today's figures come from the dashboard's own computation (`DashboardService.targets`), so
    /// the trend ends where the page starts; week k back holds (27 − k)/27 of today's value.
    static func seedSnapshots(_ seeder: DashboardBenchSeeder, services: AppServices) async throws -> Int {
        let weeks = (1...26).map { back in
            (back: back, week: TargetTrend.week(of: seeder.now.addingTimeInterval(-Double(back) * 7 * 86_400)))
        }
        let taken = seeder.millis
        let counts = try await seeder.inChunks(of: 1) { programme, _ -> Int in
            let programmeId = DashboardBenchSeeder.programmeId(programme)
            let results = try await DashboardService(services: services).targets(programmeId)
            let rows = weeks.flatMap { week in
                results.map { result -> SQLQueryString in
                    let value = result.current.map { $0 * (27 - week.back) / 27 }
                    return """
                        (\(literal: programmeId), \(literal: week.week), \(literal: result.target.key),
                        \(DashboardBenchSeeder.literal(value)), \(literal: taken))
                        """
                }
            }
            try await seeder.run(
                """
                INSERT INTO target_snapshots (programme_id, week, target_key, value, taken_at)
                VALUES \(rows.joined(separator: ", "))
                """)
            return rows.count
        }
        return counts.reduce(0, +)
    }
}
