import Foundation
import PilotDomain

/// A target's weekly values and where the current pace leads by the deadline.
public struct TargetTrend: Sendable {
    public struct Point: Sendable, Hashable {
        /// The week's Monday (Asia/Shanghai), YYYY-MM-DD.
        public var week: String
        public var value: Int
    }

    public var points: [Point]
    /// The value expected at the deadline if the pace of the last `paceWeeks` weeks holds; nil when
    /// there is no earlier week to measure a pace from, or the deadline has passed.
    public var projected: Int?
    /// Whether the projection reaches the goal (nil without a projection).
    public var onTrack: Bool?

    /// How many weeks back the pace is measured: long enough to smooth a quiet week, short enough
    /// to follow a programme that speeds up.
    public static let paceWeeks = 4

    /// The Monday of the week `date` falls in, Asia/Shanghai.
    public static func week(of date: Date) -> String {
        let calendar = Shanghai.calendar
        let weekday = calendar.component(.weekday, from: date)  // 1 = Sunday
        let back = (weekday + 5) % 7
        return Shanghai.dateText(calendar.date(byAdding: .day, value: -back, to: date) ?? date)
    }

    /// The trend of one target from the stored weeks (oldest first) and today's value. Percent
    /// targets are projected no higher than 100.
    public init(
        key: String, snapshots: [(week: String, values: [String: Int?])], current: Int?, goal: Int, unit: TargetUnit, now: Date,
        deadline: Date?
    ) {
        let thisWeek = Self.week(of: now)
        var points = snapshots.compactMap { snapshot -> Point? in
            guard snapshot.week < thisWeek, let value = snapshot.values[key] ?? nil else { return nil }
            return Point(week: snapshot.week, value: value)
        }
        if let current { points.append(Point(week: thisWeek, value: current)) }
        self.points = points
        let first = max(0, points.count - 1 - Self.paceWeeks)
        guard let current, let deadline, deadline > now, points.count >= 2, let start = Shanghai.parseDate(points[first].week)
        else {
            projected = nil
            onTrack = nil
            return
        }
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 0 else {
            projected = nil
            onTrack = nil
            return
        }
        let perSecond = Double(current - points[first].value) / elapsed
        var value = Int((Double(current) + perSecond * deadline.timeIntervalSince(now)).rounded(.down))
        if unit == .percent { value = min(value, 100) }
        value = max(value, 0)
        projected = value
        onTrack = value >= goal
    }
}
