import Foundation
import PilotDomain
import TestSupport
import Testing
import WorkflowEngine

/// When a publicity period ends, as the shipped workflow computes it from the programme's rules
/// (`publicity_days`, `publicity_counting`) on the official calendar. Known answers worked out by
/// hand from the State Council's 2025 and 2024 holiday notices.
@Suite("Publicity end dates follow the programme rule and the official calendar")
struct PublicityPeriodTests {
    func due(publishedOn day: String, rules: [String: JSONValue]) throws -> (end: String, consulted: [String: JSONValue]) {
        let catalog = try TestWorkflows.shipped()
        let definition = try #require(catalog.latest("enterprise-project"))
        let calendar = try HolidayCalendarFile.load(
            path: TestWorkflows.shippedDirectory + "/" + HolidayCalendarFile.relativePath)
        let engine = Engine(calendar: calendar)
        // Published at 15:00 Shanghai time on `day`.
        let published = try #require(Shanghai.parseDate(day)).addingTimeInterval(15 * 3600)
        let book = RuleBook(rules)
        let timers = engine.startTimers(entering: "publicity", definition, published, book)
        let timer = try #require(timers.first { $0.transitionId == "close_publicity" })
        // The timer fires at the midnight after the last day: report the last day.
        return (Shanghai.dateText(timer.dueAt.addingTimeInterval(-1)), book.consultedValues)
    }

    @Test("default: 7 calendar days, starting the day after publication")
    func calendarDefault() throws {
        #expect(try due(publishedOn: "2024-07-10", rules: [:]).end == "2024-07-17")
    }

    @Test("5 working days across the 2025 Spring Festival count the make-up Sunday and skip the holiday")
    func springFestival2025() throws {
        // Published Fri 24 Jan 2025. Sat 25 no; Sun 26 make-up workday (1); Mon 27 (2);
        // 28 Jan–4 Feb holiday; Wed 5 (3), Thu 6 (4), Fri 7 Feb (5).
        let result = try due(publishedOn: "2025-01-24", rules: ["publicity_days": 5, "publicity_counting": "working"])
        #expect(result.end == "2025-02-07")
        #expect(result.consulted["publicity_counting"] == .string("working"))
        #expect(result.consulted["publicity_days"] == .int(5))
        // The same period in calendar days ends a week earlier, inside the holiday.
        #expect(try due(publishedOn: "2025-01-24", rules: ["publicity_days": 5]).end == "2025-01-29")
    }

    @Test("5 working days across the 2024 Spring Festival and its make-up Sunday 18 Feb")
    func springFestival2024() throws {
        // Published Thu 8 Feb 2024 (10–17 Feb holiday; Sun 18 Feb a make-up working day).
        // Fri 9 (1); Sat 10–Sat 17 holiday; Sun 18 make-up workday (2); Mon 19 (3), Tue 20 (4), Wed 21 (5).
        #expect(
            try due(publishedOn: "2024-02-08", rules: ["publicity_days": 5, "publicity_counting": "working"]).end == "2024-02-21")
    }

    @Test("an unknown counting value falls back to the workflow's calendar days")
    func unknownCounting() throws {
        #expect(try due(publishedOn: "2024-07-10", rules: ["publicity_counting": "lunar"]).end == "2024-07-17")
    }
}
