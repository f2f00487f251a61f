import Foundation
import Logging
import PilotDomain
import PilotStore

/// Takes this week's snapshot of the targets for every programme: the background service does it
/// every hour, `smepilot targets snapshot` once. Each is a cheap upsert per target, so taking it
/// often costs little and a week's figure is simply its latest snapshot.
public struct TargetSnapshots: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// One programme's snapshot as taken.
    public struct Taken: Sendable {
        public var programme: Programme
        /// The week's Monday, YYYY-MM-DD (Asia/Shanghai).
        public var week: String
        public var values: [String: Int?]

        /// The snapshot as the command line prints it: the programme and week, then one line per
        /// target in the order of domain.md §2 ("—" for a target with no figure).
        public var lines: [String] {
            let width = Targets.all.map(\.key.count).max() ?? 0
            return ["\(programme.code)  \(programme.name.zh)  week of \(week) (Asia/Shanghai)"]
                + Targets.all.map { target in
                    let value = (values[target.key] ?? nil).map { target.unit == .percent ? "\($0)%" : "\($0)" } ?? "—"
                    return "  " + target.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
                }
        }
    }

    /// A programme whose snapshot failed, and why.
    public struct Failure: Sendable {
        public var programme: Programme
        public var error: String
    }

    /// Takes the snapshot of every programme; one programme's failure does not stop the others.
    /// Throws only when the programmes cannot be listed.
    public func takeAll() async throws -> (taken: [Taken], failed: [Failure]) {
        var taken: [Taken] = []
        var failed: [Failure] = []
        let dashboard = DashboardService(services: services)
        // The pilot's targets: a diagnosis campaign has its milestones on its coverage page instead.
        for programme in try await services.store.programmes.programmes() where programme.kind == .cityPilot {
            do {
                let (week, values) = try await dashboard.takeSnapshot(programme.id)
                taken.append(Taken(programme: programme, week: week, values: values))
            } catch {
                failed.append(Failure(programme: programme, error: String(reflecting: error)))
            }
        }
        return (taken, failed)
    }

    /// One pass for the background service: takes every snapshot and logs the outcome; never
    /// throws, so a database outage costs this pass only. Returns how many programmes were taken.
    /// A pass cut short by the server stopping is not an error and is not logged as one.
    @discardableResult
    public func pass(logger: Logger) async -> Int {
        do {
            let (taken, failed) = try await takeAll()
            if Task.isCancelled { return taken.count }
            for failure in failed {
                logger.error(
                    "target snapshot failed",
                    metadata: ["programme": "\(failure.programme.code)", "error": "\(failure.error)"])
            }
            if let week = taken.first?.week {
                logger.debug("target snapshots taken", metadata: ["programmes": "\(taken.count)", "week": "\(week)"])
            }
            return taken.count
        } catch {
            if !Task.isCancelled {
                logger.error("target snapshots skipped: cannot list the programmes: \(String(reflecting: error))")
            }
            return 0
        }
    }
}
