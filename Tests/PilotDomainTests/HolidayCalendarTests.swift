import Foundation
import PilotDomain
import Testing

@Suite("Periods counted in calendar and working days")
struct HolidayCalendarTests {
    // Spring Festival 2024: 2024-02-10..17 off; 2024-02-04 (Sun) and 2024-02-18 (Sun) worked (调休).
    let calendar = HolidayCalendar(
        holidays: ["2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16"],
        makeUpWorkdays: ["2024-02-04", "2024-02-18"], coveredYears: [2024])

    @Test("calendar days start counting the day after")
    func calendarDays() throws {
        let start = try #require(Shanghai.parseDate("2024-06-03")).addingTimeInterval(10 * 3600)
        let end = calendar.periodEnd(startingAfter: start, days: 7, workingDaysOnly: false)
        #expect(Shanghai.dateTimeText(end) == "2024-06-11 00:00")
    }

    @Test("working days skip the Spring Festival and count the make-up Sunday")
    func springFestival() throws {
        // Published Thursday 2024-02-08: working days are 02-09 (Fri), 02-18 (make-up Sun), 02-19, 02-20, 02-21.
        let start = try #require(Shanghai.parseDate("2024-02-08")).addingTimeInterval(15 * 3600)
        let end = calendar.periodEnd(startingAfter: start, days: 5, workingDaysOnly: true)
        #expect(Shanghai.dateTimeText(end) == "2024-02-22 00:00")
    }
}
