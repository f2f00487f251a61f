import Foundation
import PilotDomain
import Testing

@testable import Funds

@Suite("Reporting calendar: quarterly reports due 30 days after, an overdue one holds the next tranche")
struct ReportingTests {
    let t1 = Fixture.t("p1", 1)

    func day(_ text: String) throws -> Date { try #require(ReportingCalendar.day(text)) }

    @Test("the calendar follows the task book's dates, a progress and a financial report per quarter")
    func calendar() throws {
        var book = Fixture.funded()
        try book.scheduleReports(project: "p1", start: "2026-01-15", end: "2026-12-31")
        #expect(book.reports.count == 8)
        #expect(book.reports.map(\.periodEnd).prefix(3) == ["2026-03-31", "2026-03-31", "2026-06-30"])
        #expect(book.reports[0].periodStart == "2026-01-15")
        #expect(book.reports[0].dueDay == "2026-04-30")
        #expect(book.reports[7].dueDay == "2027-01-30")
        #expect(
            refusal(book) { try $0.scheduleReports(project: "p1", start: "2026-01-15", end: "2026-12-31") }
                == .afterAward(.calendarExists("p1")))
        #expect(
            refusal(Fixture.funded()) { try $0.scheduleReports(project: "p1", start: "2026-13-01", end: "2026-12-31") }
                == .afterAward(.dateInvalid("2026-13-01")))
        #expect(
            refusal(Fixture.funded()) { try $0.scheduleReports(project: "p1", start: "2026-06-01", end: "2026-05-31") }
                == .afterAward(.endBeforeStart(start: "2026-06-01", end: "2026-05-31")))
    }

    @Test("an overdue report holds the tranche; submitting it releases")
    func overdueBlocks() throws {
        var book = Fixture.funded()
        try book.scheduleReports(project: "p1", start: "2026-01-15", end: "2026-12-31")
        try book.milestoneReached(project: "p1", .taskBookSigned)
        // On the due day itself it is not yet overdue.
        #expect(book.overdueReport(project: "p1", at: try day("2026-04-30").addingTimeInterval(3600)) == nil)
        let may = try day("2026-05-01")
        #expect(book.overdueReports(at: may).map(\.number) == [1, 2])
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.alice, at: may) }
                == .afterAward(.reportOverdue(project: "p1", kind: .progress, periodEnd: "2026-03-31", dueDay: "2026-04-30")))
        #expect(
            refusal(book) { try $0.submitReport(1, by: Fixture.insider, name: "企业", summary: "  ", at: may) }
                == .afterAward(.summaryMissing))
        try book.submitReport(1, by: Fixture.insider, name: "企业", summary: "一季度完成需求调研", at: may)
        #expect(
            refusal(book) { try $0.prepareRelease([t1], preparer: Fixture.alice, at: may) }
                == .afterAward(.reportOverdue(project: "p1", kind: .financial, periodEnd: "2026-03-31", dueDay: "2026-04-30")))
        try book.submitReport(2, by: Fixture.insider, name: "企业", summary: "一季度支出 12 万元", at: may)
        #expect(
            refusal(book) { try $0.submitReport(2, by: Fixture.insider, name: "企业", summary: "x", at: may) }
                == .afterAward(.reportNotDue(2)))
        try book.prepareRelease([t1], preparer: Fixture.alice, at: may)
        try book.approveRelease(1, approver: Fixture.bob, at: may)
        #expect(book.check().isEmpty)
    }

    @Test("an amendment moving the end date replaces the reports still owed; those handed in stay")
    func endDateMoves() throws {
        var book = Fixture.funded()
        try book.scheduleReports(project: "p1", start: "2026-01-15", end: "2026-12-31")
        try book.submitReport(1, by: Fixture.insider, name: "企业", summary: "ok", at: Fixture.day)
        try book.proposeAmendment(
            project: "p1", terms: AmendmentTerms(endDate: "2026-06-30"), reason: "提前完成", preparer: Fixture.alice, at: Fixture.day)
        try book.submitAmendment(1, at: Fixture.day)
        try book.approveAmendment(1, by: Fixture.bob, at: Fixture.day)
        let owed = book.reports.filter { $0.state != .cancelled }
        #expect(owed.count == 4)
        #expect(owed.map(\.periodEnd).max() == "2026-06-30")
        #expect(owed.filter { $0.state == .submitted }.map(\.number) == [1])
    }
}
