import Foundation
import Funds
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// A project's reporting calendar on its own page (issue #17): the quarterly progress and financial
/// reports it owes, and — for the enterprise itself (`reports.submit`, its organisation's scope) or
/// the finance officers and district bureau who keep the reports (`reports.manage`) — handing one in
/// with a summary and, where the reader may upload project documents, the report's file.
struct ProjectReports {
    let services: AppServices

    var funds: FundsService { FundsService(services: services) }

    /// Longest summary kept (a paragraph; the file carries the report itself).
    static let maxSummary = 2_000

    /// The project's reports, and whether `actor` may hand them in; none for readers of neither.
    func owed(_ instance: InstanceSnapshot, actor: Actor) async throws -> ([ReportDue], Bool) {
        let canReport = Self.mayReport(actor, instance)
        guard canReport || AccessPolicy.allows(actor, .financeRead, on: instance) else { return ([], false) }
        guard try await services.store.funds.fundsBook(programmeId: instance.programmeId) != nil else { return ([], false) }
        let book = try await funds.settled(instance.programmeId)
        return (book.reports.filter { $0.projectId == instance.id }, canReport)
    }

    /// The enterprise of the project, or an officer who keeps the programme's reports.
    static func mayReport(_ actor: Actor, _ instance: InstanceSnapshot) -> Bool {
        AccessPolicy.allows(actor, .reportsSubmit, on: instance) || AccessPolicy.allows(actor, .reportsManage, on: instance)
    }

    /// `POST /instances/:instance/reports/:number`: the summary and the file (multipart, or a plain
    /// form without a file). A report of another project is not found; what the book would refuse —
    /// one no longer due, no summary — is refused before the file is stored, so a refusal stores nothing.
    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let instance = try services.authorizer.requireView(
            identity.actor, try await services.store.instances.instance(try context.parameters.require("instance")))
        guard Self.mayReport(identity.actor, instance) else { throw AppError.forbidden }
        guard let number = Int(context.parameters.get("number") ?? ""), number >= 1, number <= 100_000 else {
            throw AppError.notFound(ProjectReportsText.report)
        }
        let book = try await funds.settled(instance.programmeId)
        guard number <= book.reports.count, book.reports[number - 1].projectId == instance.id else {
            throw AppError.notFound(ProjectReportsText.report)
        }
        let summary = form["summary"]
        guard summary.count <= Self.maxSummary else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: ProjectReportsText.summaryTooLong,
                fields: [FieldError(field: "summary", message: ProjectReportsText.summaryTooLong)])
        }
        let officer = funds.officer(identity.actor)
        let (name, now) = (identity.actingName, services.store.clock.now())
        // The book's own rule (due, a summary), tried on a copy before the file is stored, so a
        // refusal stores nothing; the change below decides again on the current book.
        var trial = book
        do throws(FundsRefusal) {
            _ = try trial.submitReport(number, by: officer, name: name, summary: summary, at: now)
        } catch {
            throw AppError(error.status, code: "funds_refused", message: error.message)
        }
        var attachment: String?
        if let file = form.files["file"], !file.fileName.isEmpty {
            attachment = try await AttachmentHandlers(services: services).store(
                identity, instance, purpose: Self.purpose, fileName: file.fileName, data: file.data
            ).id
        }
        let result = try await funds.change(instance.programmeId, "submit_report", "#\(number)", by: identity.actor) {
            [attachment] book throws(FundsRefusal) in
            try book.submitReport(number, by: officer, name: name, summary: summary, attachment: attachment, at: now)
        }
        if case .failure(let refusal) = result { throw AppError(refusal.status, code: "funds_refused", message: refusal.message) }
        return .redirect(AppPath.instance(instance.id).url + "?reported=\(number)#reports")
    }

    /// The attachment purpose a report's file is filed under among the project's documents.
    static let purpose = "quarterly_report"

}

enum ProjectReportsText {
    static let report = LocalizedText(zh: "该报告", en: "The report")
    static let title = LocalizedText(zh: "季度报告", en: "Quarterly reports")
    static let help = LocalizedText(
        zh: "每季度一份进度报告和一份财务报告，季度结束后 30 天内提交；逾期未交的，下一期补助资金暂停拨付。",
        en: "A progress and a financial report each quarter, due 30 days after it ends; an overdue report holds the next tranche."
    )
    static let submitted = LocalizedText(zh: "报告已提交", en: "The report was handed in")
    static let summaryTooLong = LocalizedText(zh: "报告摘要不得超过 2000 字", en: "The summary may have at most 2,000 characters")
    static let submit = LocalizedText(zh: "提交报告", en: "Hand in")
    static let file = LocalizedText(zh: "报告文件（PDF、Word、Excel 或图片）", en: "The report's file (PDF, Word, Excel or an image)")
    static let overdue = LocalizedText(zh: "已逾期", en: "Overdue")
    static let due = LocalizedText(zh: "截止", en: "Due")
    static let handedIn = LocalizedText(zh: "已提交", en: "Handed in")
    static let cancelled = LocalizedText(zh: "已取消", en: "Cancelled")
    static let none = LocalizedText(zh: "尚无报告日历", en: "No reporting calendar yet")
}
