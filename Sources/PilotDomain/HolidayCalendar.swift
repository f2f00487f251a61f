import Foundation

/// China's official working-day calendar: public holidays and the make-up working weekends (调休)
/// announced each year by the State Council. Kept as data (`Workflows/calendar/*.yaml`).
/// Years it does not cover fall back to Monday–Friday, and `covers(year:)` lets pages warn.
public struct HolidayCalendar: Sendable, Hashable {
    /// "YYYY-MM-DD" days off that would otherwise be working days.
    public var holidays: Set<String>
    /// "YYYY-MM-DD" weekend days that are working days (调休).
    public var makeUpWorkdays: Set<String>
    public var coveredYears: Set<Int>

    public init(holidays: Set<String> = [], makeUpWorkdays: Set<String> = [], coveredYears: Set<Int> = []) {
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.coveredYears = coveredYears
    }

    public func covers(year: Int) -> Bool { coveredYears.contains(year) }

    public func isWorkingDay(_ day: Date) -> Bool {
        let key = Shanghai.dateText(day)
        if makeUpWorkdays.contains(key) { return true }
        if holidays.contains(key) { return false }
        let weekday = Shanghai.calendar.component(.weekday, from: day)
        return weekday != 1 && weekday != 7
    }

    /// The end of a period of `days` counted from the day after `start` (期间开始的当日不计入):
    /// midnight, Shanghai time, after the last counted day.
    public func periodEnd(startingAfter start: Date, days: Int, workingDaysOnly: Bool) -> Date {
        let calendar = Shanghai.calendar
        var day = calendar.startOfDay(for: start)
        var counted = 0
        while counted < days {
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
            if !workingDaysOnly || isWorkingDay(day) { counted += 1 }
        }
        return calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
    }
}
