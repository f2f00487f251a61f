import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// On the pool page: each member's standing, and for the bureau the three supervision forms.
extension ProvidersView {
    func standing(_ member: PoolMember?) -> HTML {
        guard let member else { return "—" }
        switch member.standing {
        case .admitted:
            let latest = member.grades.max { $0.key < $1.key }
            return "\(t(PoolText.inPool))\(latest.map { "（\($0.key)：\(t($0.value.label))）" } ?? "")"
        case .removed(let reason):
            return
                "<span class=\"status-bad\">\(t(PoolText.removed))</span><br><span class=\"muted\">\(t(PoolText.reason(reason)))</span>"
        }
    }

    /// A removed provider's projects still open, linked, for the district to decide on.
    func openWork(_ projects: [InstanceSnapshot]?) -> HTML {
        guard let projects, !projects.isEmpty else { return .empty }
        let links = projects.map { project -> HTML in
            "<li><a href=\"\(AppPath.instance(project.id).url)\">\(project.data["enterprise_name"]?.stringValue ?? project.id)</a></li>"
        }.joined()
        return "<div class=\"open-projects\"><strong>\(t(PoolText.openProjects(projects.count)))</strong><ul>\(links)</ul></div>"
    }

    /// The complaint form of an enterprise or a provider: any member in good standing but its own.
    func complaintForm(_ model: Model) -> HTML {
        let own = layout.identity?.account.organisationId
        let options = model.providers.filter {
            $0.organisation.id != own && model.members[$0.organisation.id]?.isInGoodStanding == true
        }.map { provider -> HTML in
            let selected = HTML.attribute(" selected", if: model.typed["provider"] == provider.organisation.id)
            return "<option value=\"\(provider.organisation.id)\"\(selected)>\(provider.organisation.name)</option>"
        }.joined()
        return """
            <form method="post" action="/providers/complaints/filed" class="card" id="file-complaint"><h2>\(t(PoolText.fileTitle))</h2>\
            \(layout.csrfField)<p class="muted">\(t(PoolText.fileHint))</p>\
            <div class="field"><label for="f-complaint-provider">\(t(PoolText.provider))</label><select id="f-complaint-provider" \
            name="provider"><option value="">—</option>\(options)</select>\(error(model, "provider"))</div>\
            <div class="field"><label for="f-complaint-summary">\(t(PoolText.complaintSummary))</label><textarea \
            id="f-complaint-summary" name="summary" maxlength="500">\(model.typed["summary"] ?? "")</textarea>\(error(model, "summary"))</div>\
            <button type="submit">\(t(PoolText.file))</button></form>
            """
    }

    /// The complaints waiting for the bureau's finding, each with its own small form.
    func openComplaintList(_ model: Model) -> HTML {
        guard !model.openComplaints.isEmpty else { return .empty }
        let rows = model.openComplaints.map { item -> HTML in
            """
            <tr data-complaint="\(item.complaintId)"><td>\(item.event.organisationName)</td><td>\(item.event.detail)\
            \(item.event.evidence.isEmpty ? HTML.empty : "<br><span class=\"muted\">\(item.event.evidence)</span>")</td>\
            <td>\(Shanghai.dateText(item.event.at))</td><td><form method="post" action="/providers/complaints" class="inline">\
            \(layout.csrfField)<input type="hidden" name="provider" value="\(item.event.organisationId)">\
            <input type="hidden" name="complaint" value="\(item.complaintId)">\
            <select name="finding" aria-label="\(t(PoolText.finding))"><option value="">—</option>\
            <option value="verified">\(t(PoolText.verified))</option><option value="not_verified">\(t(PoolText.notVerified))</option></select>\
            <input type="text" name="evidence" maxlength="500" aria-label="\(t(PoolText.evidence))" placeholder="\(t(PoolText.evidence))">\
            <button type="submit">\(t(PoolText.decide))</button></form></td></tr>
            """
        }.joined()
        return """
            <section class="card" id="open-complaints"><h2>\(t(PoolText.openComplaints))</h2><table><thead><tr>\
            <th>\(t(PoolText.provider))</th><th>\(t(PoolText.complaintSummary))</th><th>\(t(PoolText.date))</th><th></th></tr></thead>\
            <tbody>\(rows)</tbody></table></section>
            """
    }

    /// One overall score, or one per criterion of the programme's evaluation (weights shown).
    func scoreFields(_ model: Model) -> HTML {
        guard let criteria = model.criteria, !criteria.isEmpty else {
            return """
                <div class="field"><label for="g-score">\(t(PoolText.score))</label><input type="text" id="g-score" name="score" \
                inputmode="decimal" maxlength="6" value="\(model.typed["score"] ?? "")">\(error(model, "score"))</div>
                """
        }
        let fields = criteria.map { criterion -> HTML in
            let name = "item_" + criterion.id
            let hint: HTML = criterion.fromFeedback ? "<div class=\"muted\">\(t(PoolText.feedbackHint))</div>" : .empty
            return """
                <div class="field"><label for="g-\(name)">\(t(criterion.name))（\(criterion.weight)%）</label><input type="text" \
                id="g-\(name)" name="\(name)" inputmode="decimal" maxlength="6" value="\(model.typed[name] ?? "")">\(hint)\
                \(error(model, name))</div>
                """
        }.joined()
        return "<p class=\"muted\">\(t(PoolText.criteriaHint))</p>\(fields)"
    }

    func governForms(_ model: Model) -> HTML {
        let inPool = model.providers.filter { model.members[$0.organisation.id]?.isInGoodStanding == true }
        func providers(_ id: String) -> HTML {
            let options = inPool.map { provider -> HTML in
                let selected = HTML.attribute(" selected", if: model.typed["provider"] == provider.organisation.id)
                return "<option value=\"\(provider.organisation.id)\"\(selected)>\(provider.organisation.name)</option>"
            }.joined()
            return """
                <div class="field"><label for="\(id)-provider">\(t(PoolText.provider))</label><select id="\(id)-provider" name="provider">\
                <option value="">—</option>\(options)</select>\(error(model, "provider"))</div>
                """
        }
        func evidence(_ id: String) -> HTML {
            """
            <div class="field"><label for="\(id)-evidence">\(t(PoolText.evidence))</label><input type="text" id="\(id)-evidence" \
            name="evidence" maxlength="500" value="\(model.typed["evidence"] ?? "")">\(error(model, "evidence"))</div>
            """
        }
        let reasons = RemovalReason.allCases.filter { !$0.isAutomatic }.map { reason -> HTML in
            "<option value=\"\(reason.rawValue)\">\(t(PoolText.reason(reason)))</option>"
        }.joined()
        return """
            <section class="card" id="pool-governance"><h2>\(t(PoolText.govern))</h2><div class="grid">
            <form method="post" action="/providers/grades" id="grade-provider"><h3>\(t(PoolText.gradeTitle))</h3>\(layout.csrfField)\
            \(providers("g"))<div class="field"><label for="g-year">\(t(PoolText.year))</label><input type="text" id="g-year" name="year" \
            inputmode="numeric" maxlength="4" value="\(model.typed["year"] ?? "")">\(error(model, "year"))</div>\
            \(scoreFields(model))\(evidence("g"))\
            <button type="submit">\(t(PoolText.save))</button></form>
            <form method="post" action="/providers/complaints" id="complaint-provider"><h3>\(t(PoolText.complaintTitle))</h3>\(layout.csrfField)\
            \(providers("c"))<div class="field"><label for="c-summary">\(t(PoolText.complaintSummary))</label><textarea id="c-summary" \
            name="summary" maxlength="500">\(model.typed["summary"] ?? "")</textarea>\(error(model, "summary"))</div>\
            <div class="field"><label for="c-finding">\(t(PoolText.finding))</label><select id="c-finding" name="finding"><option value="">—</option>\
            <option value="verified">\(t(PoolText.verified))</option><option value="not_verified">\(t(PoolText.notVerified))</option></select>\
            \(error(model, "finding"))</div>\(evidence("c"))<button type="submit">\(t(PoolText.save))</button></form>
            <form method="post" action="/providers/removals" id="remove-provider"><h3>\(t(PoolText.removeTitle))</h3>\(layout.csrfField)\
            \(providers("r"))<div class="field"><label for="r-reason">\(t(PoolText.reason))</label><select id="r-reason" name="reason">\
            <option value="">—</option>\(reasons)</select>\(error(model, "reason"))</div>\(evidence("r"))\
            <button type="submit">\(t(PoolText.removeTitle))</button></form>
            </div><p><a href="/providers/removals">\(t(PoolText.noticeTitle))</a></p></section>
            """
    }
}
