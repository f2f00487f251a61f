import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Main contractors per sub-industry (domain.md §2.1): the current one, every earlier term with
/// who ended it, when and why, and the enterprises' ratings, which the district reads when it
/// decides on a replacement.
struct ContractorsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var subIndustries: [SubIndustry]
        var assignments: [ContractorAssignment]
        var ratings: [ContractorRating]
        var candidates: [Organisation]
        var canChange: Bool
        /// Selection rounds (policy 004 §四(五)), open ones first.
        var rounds: [ContractorRound] = []
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let rows = model.subIndustries.map { sub -> HTML in
            let terms = model.assignments.filter { $0.subIndustryId == sub.id }
            let current = terms.first { $0.endedAt == nil }
            let ratings = current.map { term in model.ratings.filter { $0.contractorOrgId == term.organisationId } } ?? []
            let average =
                ratings.isEmpty
                ? "—"
                : String(format: "%.1f（%d）", Double(ratings.map(\.score).reduce(0, +)) / Double(ratings.count), ratings.count)
            let history = terms.filter { $0.endedAt != nil }.map { term -> HTML in
                "<li>\(term.organisationName) · \(Shanghai.dateText(term.startedAt))–\(term.endedAt.map { Shanghai.dateText($0) } ?? "") · \(term.endReason ?? "")</li>"
            }.joined()
            return """
                <tr><td>\(t(sub.name))</td><td>\(current?.organisationName ?? "—")</td><td>\(current?.taskBookNo ?? "")</td>
                <td>\(current.map { Shanghai.dateText($0.startedAt) } ?? "")</td><td class="num">\(average)</td>
                <td>\(history.text.isEmpty ? "—" as HTML : "<ul>\(history)</ul>")</td></tr>
                """
        }.joined()
        let comments = model.ratings.prefix(20).map { rating -> HTML in
            "<li><strong>\(rating.score)/5</strong> \(rating.comment) <span class=\"muted\">\(rating.enterpriseName) · \(Shanghai.dateText(rating.ratedAt))</span></li>"
        }.joined()
        let body: HTML = """
            <h1>\(t(ContractorText.title))</h1>
            <table id="contractors"><thead><tr><th>\(t(ListText.subIndustry))</th><th>\(t(ContractorText.current))</th><th>\(t(ContractorText.taskBook))</th><th>\(t(ContractorText.since))</th><th class="num">\(t(ContractorText.rating))</th><th>\(t(ContractorText.history))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(roundList(model))
            \(model.canChange ? form(model) : .empty)
            <section class="card"><h2>\(t(ContractorText.feedback))</h2>\(comments.text.isEmpty ? "<p class=\"muted\">—</p>" as HTML : "<ul>\(comments)</ul>")</section>
            """
        return layout.page(title: t(ContractorText.title), flash: flash, body)
    }

    func form(_ model: Model) -> HTML {
        func error(_ key: String) -> HTML {
            model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" }
                ?? .empty
        }
        let subs = model.subIndustries.map {
            "<option value=\"\($0.id)\"\(HTML.attribute(" selected", if: model.typed["sub_industry"] == $0.id))>\(t($0.name))</option>"
                as HTML
        }.joined()
        let orgs = model.candidates.map {
            "<option value=\"\($0.id)\"\(HTML.attribute(" selected", if: model.typed["organisation"] == $0.id))>\($0.name)</option>"
                as HTML
        }.joined()
        return """
            <form method="post" action="\(AppPath.contractors.url)" class="card" id="assign-contractor">
            <h2>\(t(ContractorText.assign))</h2>\(layout.csrfField)
            <div class="field"><label for="f-sub_industry">\(t(ListText.subIndustry))</label><select id="f-sub_industry" name="sub_industry"><option value=""></option>\(subs)</select>\(error("sub_industry"))</div>
            <div class="field"><label for="f-organisation">\(t(ContractorText.organisation))</label><select id="f-organisation" name="organisation"><option value=""></option>\(orgs)</select>\(error("organisation"))</div>
            <div class="field"><label for="f-task_book_no">\(t(ContractorText.taskBook))</label><input type="text" id="f-task_book_no" name="task_book_no" value="\(model.typed["task_book_no"] ?? "")" maxlength="50">\(error("task_book_no"))</div>
            <div class="field"><label for="f-reason">\(t(ContractorText.reason))</label><textarea id="f-reason" name="reason" maxlength="2000">\(model.typed["reason"] ?? "")</textarea>\(error("reason"))</div>
            <p class="muted">\(t(ContractorText.handOver))</p>
            <button type="submit">\(t(ContractorText.assign))</button></form>
            """
    }
}

enum ContractorText {
    static let title = LocalizedText(zh: "主承包服务商", en: "Main contractors")
    static let current = LocalizedText(zh: "现任主承包服务商", en: "Current main contractor")
    static let taskBook = LocalizedText(zh: "承包任务书编号", en: "Contracting task book")
    static let since = LocalizedText(zh: "起始日期", en: "Since")
    static let rating = LocalizedText(zh: "企业评价（均分/份数）", en: "Enterprise rating (avg/count)")
    static let history = LocalizedText(zh: "历任及更换原因", en: "Earlier terms and why they ended")
    static let feedback = LocalizedText(zh: "企业评价意见", en: "Enterprises' feedback")
    static let assign = LocalizedText(zh: "确定或更换主承包服务商", en: "Appoint or replace a main contractor")
    static let organisation = LocalizedText(zh: "服务商", en: "Provider")
    static let reason = LocalizedText(zh: "更换原因（更换时必填）", en: "Why (required when replacing)")
    static let handOver = LocalizedText(
        zh: "更换后，该细分行业所有在办项目即移交新主承包服务商办理，原服务商不再可见。",
        en: "On replacement every open project of the sub-industry passes to the successor; the predecessor no longer sees them.")
    static let done = LocalizedText(zh: "主承包服务商已确定", en: "The main contractor is appointed")
    static let rateTitle = LocalizedText(zh: "评价主承包服务商", en: "Rate your main contractor")
    static let score = LocalizedText(zh: "评分（1–5）", en: "Score (1–5)")
    static let comment = LocalizedText(zh: "评价意见", en: "Comments")
    static let rated = LocalizedText(zh: "感谢您的评价", en: "Thank you for your rating")
}
