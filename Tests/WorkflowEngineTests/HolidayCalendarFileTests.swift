import Foundation
import PilotDomain
import Testing
import WorkflowEngine

@Suite("The shipped holiday calendar gives the known working-day answers")
struct HolidayCalendarFileTests {
    let calendar: HolidayCalendar

    init() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Workflows").appendingPathComponent(HolidayCalendarFile.relativePath).path
        calendar = try HolidayCalendarFile.load(path: path)
    }

    func end(_ start: String, workingDays: Int) throws -> String {
        let begin = try #require(Shanghai.parseDate(start)).addingTimeInterval(10 * 3600)
        return Shanghai.dateText(calendar.periodEnd(startingAfter: begin, days: workingDays, workingDaysOnly: true))
    }

    @Test("5 working days across Spring Festival 2024 count the make-up Sunday 02-18")
    func springFestival2024() throws {
        // 02-09 Fri, 02-18 Sun (调休), 02-19, 02-20, 02-21 → the period ends at midnight into 02-22.
        #expect(try end("2024-02-08", workingDays: 5) == "2024-02-22")
    }

    @Test("5 working days across Spring Festival 2025 count the make-up Sunday 01-26 and skip 01-28..02-04")
    func springFestival2025() throws {
        // 01-26 Sun (调休), 01-27 Mon, then 02-05, 02-06, 02-07 → ends at midnight into 02-08.
        #expect(try end("2025-01-24", workingDays: 5) == "2025-02-08")
    }

    @Test("National Day 2024: the make-up Saturday 10-12 counts")
    func nationalDay2024() throws {
        // 09-30 Mon, then 10-08, 10-09, 10-10, 10-11 → 5th working day 10-11 → ends 10-12.
        #expect(try end("2024-09-29", workingDays: 5) == "2024-10-12")
        #expect(calendar.isWorkingDay(try #require(Shanghai.parseDate("2024-10-12"))))
        #expect(!calendar.isWorkingDay(try #require(Shanghai.parseDate("2024-10-07"))))
    }

    @Test("covered years are 2024–2026; others fall back to weekdays")
    func coverage() {
        #expect(calendar.coveredYears == [2024, 2025, 2026])
        #expect(!calendar.covers(year: 2027))
    }

    @Test("a malformed entry is reported with its line")
    func malformed() {
        let yaml = "years:\n  2024:\n    holidays: [2024-02-30]\n    workdays: []\n"
        #expect {
            try HolidayCalendarFile.parse(yaml, file: "h.yaml")
        } throws: { error in
            (error as? DefinitionErrors)?.problems.first?.line == 3
        }
    }
}
