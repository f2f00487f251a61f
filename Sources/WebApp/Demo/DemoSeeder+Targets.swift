import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// How many past weeks of illustrative snapshots the demo carries.
    static let demoSnapshotWeeks = 12

    /// The demo's targets and their history. Version 1 is the programme file's (the policy's
    /// figures for the end of 2025); the leadership then records its count of distinctive practices
    /// and moves the deadline to the end of the current year, so the dashboard still projects.
    ///
    /// ILLUSTRATIVE DEMO DATA: every demo project is created at seeding time, so the programme has no
    /// real history. The 12 past weekly snapshots written here are invented: each target ramps
    /// evenly from a low value up to today's measured value, so the sparklines and projections have
    /// something to show. This week's snapshot is taken for real.
    func seedTargets(programmeId: String, leader: Actor?) async throws {
        let store = services.store
        let by = leader?.userId ?? "setup"
        let dashboard = DashboardService(services: services)
        var settings = try await dashboard.settings(programmeId)
        settings.recorded["distinctive_practices"] = 3
        let now = store.clock.now()
        settings.deadline = "\(Shanghai.calendar.component(.year, from: now))-12-31"
        try await store.targets.updateTargets(
            programmeId: programmeId, targets: settings.stored, basedOn: settings.version, by: by,
            reason: "演示：领导小组办公室录入特色做法和模式；目标期限设为本年末（国家验收安排调整）")

        // Illustrative only (see above): week k before this one holds (weeks + 1 - k) / (weeks + 1)
        // of today's value, so the oldest is about a thirteenth of it.
        let today = try await dashboard.targets(programmeId)
        let weeks = Self.demoSnapshotWeeks
        for back in stride(from: weeks, through: 1, by: -1) {
            guard let day = Shanghai.calendar.date(byAdding: .day, value: -7 * back, to: now) else { continue }
            var values: [String: Int?] = [:]
            for result in today {
                values[result.target.key] = .some(result.current.map { $0 * (weeks + 1 - back) / (weeks + 1) })
            }
            try await store.targets.recordTargetSnapshot(
                programmeId: programmeId, week: TargetTrend.week(of: day), values: values)
        }
        try await dashboard.takeSnapshot(programmeId)
    }
}
