import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// One selection round (policy 004 §四(五)): the requirements, each application with its proposal and
/// the applicant's pool grade beside its scores, the bureau's scoring and selection forms while open;
/// once closed, the winner, the contracting task book's signatures and the periodic review (the
/// enterprises' ratings of the contractor).
struct ContractorRoundView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var round: ContractorRound
        var subIndustry: SubIndustry?
        var applications: [ContractorApplication]
        var members: [String: PoolMember]
        var criteria: ContractorCriteria?
        var ratings: [ContractorRating]
        /// The term the selection began.
        var assignment: ContractorAssignment?
        /// The sub-industry's contractor now.
        var current: ContractorAssignment?
        var signatures: [ContractorSignature]
        var canChange: Bool
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func error(_ model: Model, _ key: String) -> HTML {
        model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let round = model.round
        let subName = model.subIndustry.map { t($0.name) } ?? ""
        let status: HTML =
            round.isOpen
            ? "<span class=\"badge\">\(t(ContractorRoundText.open))</span>"
            : "<span class=\"badge\">\(t(ContractorRoundText.closed))</span>"
        let body: HTML = """
            <p><a href="\(AppPath.contractors.url)">← \(t(ContractorText.title))</a></p>
            <h1>\(t(ContractorRoundText.rounds))：\(subName) \(status)</h1>
            <section class="card" id="round-summary"><table>
            <tr><th>\(t(ContractorRoundText.window))</th><td>\(round.applicationsFrom) – \(round.applicationsUntil)</td></tr>
            <tr><th>\(t(ContractorRoundText.termUntil))</th><td>\(round.termUntil)</td></tr>
            <tr><th>\(t(ContractorRoundText.requirements))</th><td>\(round.requirements)</td></tr>
            <tr><th>\(t(ContractorRoundText.criteria))</th><td>\(criteriaList(model))</td></tr></table></section>
            \(applications(model))
            \(round.isOpen && model.canChange ? selection(model) : .empty)
            \(round.isOpen ? .empty : outcome(model))
            """
        return layout.page(title: t(ContractorRoundText.rounds), flash: flash, body)
    }

    func criteriaList(_ model: Model) -> HTML {
        guard let criteria = model.criteria else { return "\(t(ContractorRoundText.criteriaMissing))" }
        return criteria.criteria.map { criterion -> HTML in
            "\(t(criterion.name))（\(criterion.weight)%\(criterion.fromPoolGrade == nil ? "" : "，" + t(ContractorRoundText.fromGrade))）"
        }.joined(separator: "；")
    }

    func grade(_ model: Model, _ organisationId: String) -> String {
        guard let latest = model.members[organisationId]?.latestGrade else { return t(ContractorRoundText.ungraded) }
        return "\(latest.year)：\(t(latest.grade.label))"
    }

    func applications(_ model: Model) -> HTML {
        guard !model.applications.isEmpty else {
            return
                "<section class=\"card\"><h2>\(t(ContractorRoundText.applications))</h2><p class=\"muted\">\(t(ContractorRoundText.noApplications))</p></section>"
        }
        let criteria = model.criteria?.criteria ?? []
        let heads = criteria.map { "<th class=\"num\">\(t($0.name))</th>" as HTML }.joined()
        let best = model.applications.compactMap(\.total).max()
        let rows = model.applications.map { application -> HTML in
            let cells = criteria.map { criterion -> HTML in
                let value = application.scores[criterion.key].flatMap { EvaluationScore(hundredths: $0) }
                return "<td class=\"num\">\(value.map(\.description) ?? "—")</td>"
            }.joined()
            let chosen = model.round.selectedApplicationId == application.id
            let total: HTML =
                application.total.map { total -> HTML in
                    "<strong>\(total.description)</strong>\(total == best && model.round.isOpen ? " ★" as HTML : .empty)"
                } ?? "<span class=\"muted\">\(t(ContractorRoundText.notScored))</span>"
            return """
                <tr id="application-\(application.id)"><td>\(application.organisationName)\(chosen ? " ✔ " as HTML : .empty)\(chosen ? t(ContractorRoundText.winner) : "")<br><span class="muted">\(application.uscc ?? "")</span></td>
                <td>\(grade(model, application.organisationId))</td>
                <td><details><summary>\(String(application.proposal.servicePlan.prefix(30)))</summary>
                <p><strong>\(t(ContractorRoundText.servicePlan))</strong>：\(application.proposal.servicePlan)</p>
                <p><strong>\(t(ContractorRoundText.team))</strong>：\(application.proposal.team)</p>
                <p><strong>\(t(ContractorRoundText.cases))</strong>：\(application.proposal.cases)</p>
                <p><strong>\(t(ContractorRoundText.price))</strong>：\(application.proposal.priceCommitment)</p></details></td>
                <td class="num">\(application.proposal.committedEnterprises)</td>\(cells)<td class="num">\(total)</td></tr>
                \(model.round.isOpen && model.canChange ? scoring(model, application) : .empty)
                """
        }.joined()
        return """
            <section class="card"><h2>\(t(ContractorRoundText.applications))</h2>
            <table id="applications" class="report"><thead><tr><th>\(t(ContractorRoundText.applicant))</th><th>\(t(ContractorRoundText.poolGrade))</th><th>\(t(ContractorRoundText.servicePlan))</th><th class="num">\(t(ContractorRoundText.committed))</th>\(heads)<th class="num">\(t(ContractorRoundText.total))</th></tr></thead>
            <tbody>\(rows)</tbody></table></section>
            """
    }

    /// The scoring form of one application: a field per typed criterion (0–100, two decimals).
    func scoring(_ model: Model, _ application: ContractorApplication) -> HTML {
        guard let criteria = model.criteria else { return .empty }
        let mine = model.typed["application"] == application.id
        let fields = criteria.typed.map { criterion -> HTML in
            let key = "score_\(criterion.key)"
            let value =
                mine
                ? model.typed[key] ?? ""
                : application.scores[criterion.key].flatMap { EvaluationScore(hundredths: $0) }?.description ?? ""
            return """
                <label>\(t(criterion.name))（\(criterion.weight)%）<input type="text" inputmode="decimal" name="\(key)" value="\(value)" size="6" maxlength="6"></label>\(mine ? error(model, key) : .empty)
                """
        }.joined(separator: " ")
        return """
            <tr class="no-print"><td colspan="\(4 + criteria.criteria.count + 1)">
            <form method="post" action="\(AppPath.contractorScores(model.round.id).url)" class="inline" id="score-\(application.id)">\(layout.csrfField)
            <input type="hidden" name="application" value="\(application.id)">\(fields)
            <button type="submit">\(t(ContractorRoundText.saveScores))</button>\(mine ? error(model, "application") : .empty)</form></td></tr>
            """
    }

    func selection(_ model: Model) -> HTML {
        guard !model.applications.isEmpty else { return .empty }
        let options = model.applications.map { application -> HTML in
            let selected = HTML.attribute(" selected", if: model.typed["selected_application"] == application.id)
            return
                "<option value=\"\(application.id)\"\(selected)>\(application.organisationName)（\(application.total?.description ?? t(ContractorRoundText.notScored))）</option>"
        }.joined()
        let suggested = "BH-CB-\(model.round.termUntil.prefix(4))-\(model.subIndustry?.code ?? "")"
        return """
            <form method="post" action="\(AppPath.contractorSelection(model.round.id).url)" class="card" id="select-contractor">
            <h2>\(t(ContractorRoundText.select))</h2>\(layout.csrfField)
            <p class="muted">\(t(ContractorRoundText.selectHint))</p>
            <div class="field"><label for="f-selected_application">\(t(ContractorRoundText.applicant))</label><select id="f-selected_application" name="selected_application"><option value=""></option>\(options)</select>\(error(model, "selected_application"))</div>
            <div class="field"><label for="f-selection_reason">\(t(ContractorRoundText.reason))</label><textarea id="f-selection_reason" name="selection_reason" maxlength="2000">\(model.typed["selection_reason"] ?? "")</textarea>\(error(model, "selection_reason"))</div>
            <div class="field"><label for="f-task_book_no">\(t(ContractorRoundText.taskBookNo))</label><input type="text" id="f-task_book_no" name="task_book_no" value="\(model.typed["task_book_no"] ?? suggested)" maxlength="50">\(error(model, "task_book_no"))</div>
            <button type="submit">\(t(ContractorRoundText.select))</button></form>
            """
    }

    /// A closed round: who was selected (and why, when not the best), the task book's signatures, and
    /// the periodic review of the contractor by its enterprises.
    func outcome(_ model: Model) -> HTML {
        let winner = model.applications.first { $0.id == model.round.selectedApplicationId }
        let signed = Set(model.signatures.map(\.party))
        let complete = signed.count == ContractorSignature.Party.allCases.count
        let reason: HTML =
            (model.round.selectionReason ?? "").isEmpty
            ? .empty : "<p>\(t(ContractorRoundText.reasonShown(model.round.selectionReason ?? "")))</p>"
        let ratings = winner.map { winner in model.ratings.filter { $0.contractorOrgId == winner.organisationId } } ?? []
        let average =
            ratings.isEmpty
            ? "—"
            : String(format: "%.1f（%d）", Double(ratings.map(\.score).reduce(0, +)) / Double(ratings.count), ratings.count)
        let comments = ratings.prefix(20).map { rating -> HTML in
            "<li><strong>\(rating.score)/5</strong> \(rating.comment) <span class=\"muted\">\(rating.enterpriseName) · \(Shanghai.dateText(rating.ratedAt))</span></li>"
        }.joined()
        let stillCurrent = winner != nil && model.current?.organisationId == winner?.organisationId
        return """
            <section class="card" id="round-outcome"><h2>\(t(ContractorRoundText.winner))：\(winner?.organisationName ?? "—")</h2>\(reason)
            <p>\(t(ContractorRoundText.taskBookNo))：\(model.assignment?.taskBookNo ?? "—") ·
            <span id="task-book-status">\(complete ? t(ContractorRoundText.signedBoth) : t(ContractorRoundText.unsigned))</span> ·
            <a href="\(AppPath.contractorTaskBook(model.round.id).url)">\(t(ContractorRoundText.taskBook))</a></p></section>
            <section class="card" id="periodic-review"><h2>\(t(ContractorRoundText.review))</h2>
            <p>\(t(ContractorText.rating))：<strong>\(average)</strong>\(stillCurrent ? "" : t(ContractorRoundText.replaced))</p>
            \(comments.text.isEmpty ? "<p class=\"muted\">\(t(ContractorRoundText.noRatings))</p>" as HTML : "<ul>\(comments)</ul>")
            <p class="muted">\(t(ContractorRoundText.reviewHint))</p></section>
            """
    }
}
