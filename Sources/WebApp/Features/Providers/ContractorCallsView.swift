import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// What a pool member sees of main-contractor selection: the rounds taking applications, its own
/// standing in the pool, the application form (its proposal) and its applications so far.
struct ContractorCallsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var open: [ContractorRound]
        var own: [(round: ContractorRound, application: ContractorApplication)]
        var subIndustries: [SubIndustry]
        /// The viewer's organisation's pool record (nil: not a member).
        var member: PoolMember?
        var today: String
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func error(_ model: Model, _ key: String) -> HTML {
        model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
    }

    func subName(_ model: Model, _ id: String) -> String { model.subIndustries.first { $0.id == id }.map { t($0.name) } ?? "" }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let rounds = model.open.map { round -> HTML in
            """
            <tr id="round-\(round.id)"><td>\(subName(model, round.subIndustryId))</td><td>\(round.applicationsFrom) – \(round.applicationsUntil)</td>
            <td>\(round.termUntil)</td><td>\(round.requirements)</td></tr>
            """
        }.joined()
        let standing: String =
            switch model.member?.standing {
            case nil: t(ContractorRoundText.notMember)
            case .admitted?: t(PoolText.inPool) + (model.member?.latestGrade.map { "（\($0.year)：\(t($0.grade.label))）" } ?? "")
            case .removed(let reason)?: t(PoolText.removed) + "（" + t(PoolText.reason(reason)) + "）"
            }
        let own = model.own.map { entry -> HTML in
            let outcome: String =
                entry.round.isOpen
                ? (entry.application.total == nil ? t(ContractorRoundText.notScored) : t(ContractorRoundText.scoredShort))
                : entry.round.selectedApplicationId == entry.application.id
                    ? t(ContractorRoundText.winner) : t(ContractorRoundText.notSelected)
            let link: HTML =
                !entry.round.isOpen && entry.round.selectedApplicationId == entry.application.id
                ? "<a href=\"\(AppPath.contractorTaskBook(entry.round.id).url)\">\(t(ContractorRoundText.taskBook))</a>" : .empty
            return """
                <tr><td>\(subName(model, entry.round.subIndustryId))</td><td>\(Shanghai.dateText(entry.application.appliedAt))</td>
                <td>\(entry.application.proposal.committedEnterprises)</td><td>\(outcome)</td><td>\(link)</td></tr>
                """
        }.joined()
        let body: HTML = """
            <h1>\(t(ContractorRoundText.calls))</h1>
            <p class="muted">\(t(ContractorRoundText.callsIntro))</p>
            <p>\(t(PoolText.standing))：<strong id="pool-standing">\(standing)</strong></p>
            <section class="card"><h2>\(t(ContractorRoundText.rounds))</h2>
            \(model.open.isEmpty ? "<p class=\"muted\">\(t(ContractorRoundText.noOpenRounds))</p>" as HTML : "<table id=\"open-rounds\"><thead><tr><th>\(t(ListText.subIndustry))</th><th>\(t(ContractorRoundText.window))</th><th>\(t(ContractorRoundText.termUntil))</th><th>\(t(ContractorRoundText.requirements))</th></tr></thead><tbody>\(rounds)</tbody></table>")
            </section>
            \(model.open.isEmpty ? .empty : form(model))
            <section class="card"><h2>\(t(ContractorRoundText.myApplications))</h2>
            \(own.text.isEmpty ? "<p class=\"muted\">—</p>" as HTML : "<table id=\"my-applications\"><thead><tr><th>\(t(ListText.subIndustry))</th><th>\(t(PoolText.date))</th><th>\(t(ContractorRoundText.committed))</th><th>\(t(ContractorRoundText.status))</th><th></th></tr></thead><tbody>\(own)</tbody></table>")
            </section>
            """
        return layout.page(title: t(ContractorRoundText.calls), flash: flash, body)
    }

    func form(_ model: Model) -> HTML {
        let options = model.open.map { round -> HTML in
            let selected = HTML.attribute(" selected", if: model.typed["round"] == round.id)
            return
                "<option value=\"\(round.id)\"\(selected)>\(subName(model, round.subIndustryId))（\(round.applicationsFrom) – \(round.applicationsUntil)）</option>"
        }.joined()
        func area(_ key: String, _ label: LocalizedText) -> HTML {
            """
            <div class="field"><label for="f-\(key)">\(t(label))</label><textarea id="f-\(key)" name="\(key)" maxlength="2000">\(model.typed[key] ?? "")</textarea>\(error(model, key))</div>
            """
        }
        return """
            <form method="post" action="\(AppPath.contractorApplications.url)" class="card" id="apply-contractor">
            <h2>\(t(ContractorRoundText.apply))</h2>\(layout.csrfField)
            <div class="field"><label for="f-round">\(t(ContractorRoundText.round))</label><select id="f-round" name="round"><option value=""></option>\(options)</select>\(error(model, "round"))</div>
            \(area("service_plan", ContractorRoundText.servicePlan))\(area("team", ContractorRoundText.team))
            <div class="field"><label for="f-committed_enterprises">\(t(ContractorRoundText.committed))</label><input type="text" inputmode="numeric" id="f-committed_enterprises" name="committed_enterprises" value="\(model.typed["committed_enterprises"] ?? "")" maxlength="5">\(error(model, "committed_enterprises"))</div>
            \(area("cases", ContractorRoundText.cases))\(area("price_commitment", ContractorRoundText.price))
            <button type="submit">\(t(ContractorRoundText.apply))</button></form>
            """
    }
}
