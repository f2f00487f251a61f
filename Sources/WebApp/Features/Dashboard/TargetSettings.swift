import Foundation
import PilotDomain
import PilotStore

/// The programme's goals and deadline for its targets, as stored in a `TargetVersion`. Without a
/// stored version the policy's figures apply (domain.md §2: Binhai targets for the end of 2025).
public struct TargetSettings: Sendable, Hashable {
    /// The last day counted, in Asia/Shanghai.
    public var deadline: String
    /// Goal per target key; a key not present takes the target's policy default.
    public var goals: [String: Int]
    /// Figures the leadership office records by hand, for targets with no data source in the
    /// system (distinctive practices); a measured figure always wins.
    public var recorded: [String: Int]
    /// The stored version these settings come from (0: the policy defaults, never saved).
    public var version: Int

    public static let policyDeadline = "2025-12-31"

    public init(deadline: String = policyDeadline, goals: [String: Int] = [:], recorded: [String: Int] = [:], version: Int = 0) {
        self.deadline = deadline
        self.goals = goals
        self.recorded = recorded
        self.version = version
    }

    public init(_ stored: TargetVersion?) {
        guard let stored else {
            self.init()
            return
        }
        func numbers(_ key: String) -> [String: Int] {
            (stored.targets[key]?.objectValue ?? [:]).compactMapValues { $0.intValue.map(Int.init) }
        }
        self.init(
            deadline: stored.targets["deadline"]?.stringValue ?? Self.policyDeadline, goals: numbers("goals"),
            recorded: numbers("recorded"), version: stored.version)
    }

    /// The document stored as a new version.
    public var stored: [String: JSONValue] {
        [
            "deadline": .string(deadline), "goals": .object(goals.mapValues { .int(Int64($0)) }),
            "recorded": .object(recorded.mapValues { .int(Int64($0)) }),
        ]
    }

    public func goal(_ target: Target) -> Int { goals[target.key] ?? target.defaultGoal }

    /// The deadline's last moment (end of that day in Asia/Shanghai), nil when unreadable.
    public var deadlineEnd: Date? {
        Shanghai.parseDate(deadline).flatMap { Shanghai.calendar.date(byAdding: .day, value: 1, to: $0) }
    }
}
