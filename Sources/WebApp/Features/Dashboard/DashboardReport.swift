import Foundation
import PilotDomain
import PilotStore

/// The monthly report for the leadership meeting (`/dashboard/report?month=YYYY-MM`): the
/// dashboard's model, plus each target's change over the month read from the weekly snapshots.
struct DashboardReport {
    /// A calendar month, Asia/Shanghai.
    struct Month: Sendable, Hashable, Comparable {
        var year: Int
        var month: Int

        /// "2026-11"; nil unless four digits, a dash and a month 01–12.
        init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 2000
            else { return nil }
            self.year = year
            self.month = month
        }

        init(containing date: Date) {
            let parts = Shanghai.calendar.dateComponents([.year, .month], from: date)
            year = parts.year ?? 2000
            month = parts.month ?? 1
        }

        var text: String { String(format: "%04d-%02d", year, month) }
        /// The first day, YYYY-MM-DD.
        var firstDay: String { text + "-01" }
        /// The Monday of the month's first week. A week counts in the month its Sunday falls in:
        /// a snapshot is the figure at the end of its week, so the weeks of a month are those from
        /// this Monday up to (not including) the next month's `firstWeek`.
        var firstWeek: String { Shanghai.parseDate(firstDay).map(TargetTrend.week(of:)) ?? firstDay }
        var next: Month {
            var next = self
            if month == 12 {
                next.year += 1
                next.month = 1
            } else {
                next.month += 1
            }
            return next
        }
        var label: LocalizedText {
            LocalizedText(zh: "\(year)年\(month)月", en: text)
        }

        static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
    }

    /// One target's change over the month.
    struct Change: Sendable {
        /// The last snapshot before the month: its week and value.
        var start: (week: String, value: Int)?
        /// The month's end: today's figure for the current month (`week` nil), else the last
        /// snapshot of a week ending in the month.
        var end: (week: String?, value: Int)?
        var delta: Int? {
            guard let start, let end else { return nil }
            return end.value - start.value
        }
    }

    var model: DashboardModel
    var month: Month
    /// Whether `month` is the month of `model.asOf` (its end is then today's figure).
    var isCurrent: Bool
    var programmeName: LocalizedText
    /// Per target key.
    var changes: [String: Change]

    init(
        model: DashboardModel, month: Month, programmeName: LocalizedText,
        snapshots: [(week: String, values: [String: Int?])]
    ) {
        self.model = model
        self.month = month
        self.programmeName = programmeName
        isCurrent = month == Month(containing: model.asOf)
        var changes: [String: Change] = [:]
        for result in model.targets {
            changes[result.target.key] = Self.change(
                result.target.key, current: result.current, month: month, isCurrent: isCurrent, snapshots: snapshots)
        }
        self.changes = changes
    }

    /// The start is the last snapshot of a week ending before the month; the end is today's figure
    /// for the current month, else the last snapshot of a week ending in it (see `Month.firstWeek`).
    static func change(
        _ key: String, current: Int?, month: Month, isCurrent: Bool, snapshots: [(week: String, values: [String: Int?])]
    ) -> Change {
        func last(before day: String) -> (week: String, value: Int)? {
            for snapshot in snapshots.reversed() where snapshot.week < day {
                if let value = snapshot.values[key] ?? nil { return (snapshot.week, value) }
            }
            return nil
        }
        let start = last(before: month.firstWeek)
        var end: (week: String?, value: Int)?
        if isCurrent {
            end = current.map { (week: nil, value: $0) }
        } else if let last = last(before: month.next.firstWeek), last.week >= month.firstWeek {
            end = (week: last.week, value: last.value)
        }
        return Change(start: start, end: end)
    }

    /// Rows of the overdue list the report prints; the dashboard and its export have the rest.
    static let overdueShown = 10
}
