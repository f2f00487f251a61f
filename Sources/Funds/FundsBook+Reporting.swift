import Foundation
import PilotDomain

extension FundsBook {
    /// The project's reporting calendar from its task book's dates: for each period of the
    /// programme's length (a quarter by default) a progress and a financial report, due the
    /// programme's grace days (30 by default) after the period ends. Refused when it has one.
    @discardableResult
    public mutating func scheduleReports(project id: String, start: String, end: String) throws(FundsRefusal) -> [FundsEvent] {
        _ = try openProject(id)
        guard let from = ReportingCalendar.day(start) else { throw .afterAward(.dateInvalid(start)) }
        guard let to = ReportingCalendar.day(end) else { throw .afterAward(.dateInvalid(end)) }
        guard from <= to else { throw .afterAward(.endBeforeStart(start: start, end: end)) }
        guard !reports.contains(where: { $0.projectId == id }) else { throw .afterAward(.calendarExists(id)) }
        let added = addReports(project: id, from: from, to: to, keeping: [])
        return [.reportsScheduled(project: id, count: added)]
    }

    /// The reporting person hands in a report with a summary (and an uploaded file, if any).
    @discardableResult
    public mutating func submitReport(
        _ number: Int, by officer: Officer, name: String, summary: String, attachment: String? = nil, at: Date
    ) throws(FundsRefusal) -> [FundsEvent] {
        guard number >= 1, number <= reports.count else { throw .afterAward(.unknownReport(number)) }
        var report = reports[number - 1]
        guard report.state == .due else { throw .afterAward(.reportNotDue(number)) }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw .afterAward(.summaryMissing) }
        report.state = .submitted
        report.submission = ReportSubmission(by: officer, byName: name, at: at, summary: summary, attachment: attachment)
        reports[number - 1] = report
        return [.reportSubmitted(report: number)]
    }

    /// The first overdue report of a project: it holds the project's next tranche.
    public func overdueReport(project id: String, at now: Date) -> ReportDue? {
        reports.first { $0.projectId == id && $0.isOverdue(at: now) }
    }

    /// Every overdue report, for the risk lists.
    public func overdueReports(at now: Date) -> [ReportDue] { reports.filter { $0.isOverdue(at: now) } }

    /// Why the project's next tranche waits (a large amendment unsigned, a report overdue), in words
    /// for the finance page; nil when nothing of the kind holds it.
    public func outstandingReason(project id: String, at now: Date) -> LocalizedText? {
        do {
            try requireNothingOutstanding([TrancheID(project: id, number: 1)], at: now)
            return nil
        } catch {
            return error.message
        }
    }

    /// A tranche of these projects may not be released while a report is overdue or a large
    /// amendment waits for its signatures.
    func requireNothingOutstanding(_ ids: [TrancheID], at: Date) throws(FundsRefusal) {
        for project in Set(ids.map(\.project)).sorted() {
            if let amendment = amendmentBlocking(project: project) {
                throw .afterAward(.amendmentPending(project: project, amendment: amendment.number))
            }
            if let report = overdueReport(project: project, at: at) {
                throw .afterAward(
                    .reportOverdue(project: project, kind: report.kind, periodEnd: report.periodEnd, dueDay: report.dueDay))
            }
        }
    }

    /// An amendment moved the end date: reports still owed are replaced by the calendar to the new
    /// end; those handed in stay.
    mutating func rescheduleReports(project id: String, endDate: String) {
        let mine = reports.filter { $0.projectId == id && $0.state != .cancelled }
        guard let start = mine.map(\.periodStart).min(), let from = ReportingCalendar.day(start),
            let to = ReportingCalendar.day(endDate)
        else { return }
        for report in mine where report.state == .due { reports[report.number - 1].state = .cancelled }
        let kept = Set(mine.filter { $0.state == .submitted }.map { "\($0.kind.rawValue)/\($0.periodStart)" })
        addReports(project: id, from: from, to: to, keeping: kept)
    }

    @discardableResult
    private mutating func addReports(project id: String, from: Date, to: Date, keeping kept: Set<String>) -> Int {
        var added = 0
        for period in ReportingCalendar.periods(from: from, to: to, months: rules.reportPeriodMonths) {
            let due = ReportingCalendar.calendar.date(byAdding: .day, value: rules.reportGraceDays, to: period.end) ?? period.end
            for kind in ReportKind.allCases where !kept.contains("\(kind.rawValue)/\(ReportingCalendar.format(period.start))") {
                reports.append(
                    ReportDue(
                        number: reports.count + 1, projectId: id, kind: kind, periodStart: ReportingCalendar.format(period.start),
                        periodEnd: ReportingCalendar.format(period.end), dueDay: ReportingCalendar.format(due), state: .due,
                        submission: nil))
                added += 1
            }
        }
        return added
    }
}
