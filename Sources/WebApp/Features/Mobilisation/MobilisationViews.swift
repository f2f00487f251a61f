import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/mobilisation`: the rate per zone against the goal, and the firms still to mobilise with their
/// latest visit.
struct MobilisationView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func ratesTable(_ overview: MobilisationService.Overview) -> HTML {
        let rows = overview.rates.filter { !$0.zone.isEmpty || overview.wholeProgramme }.map { rate -> HTML in
            let percent = rate.percent.map { "\($0)%" } ?? "—"
            let badge: HTML =
                rate.meets(overview.goal)
                ? "<span class=\"badge green\">\(t(MobilisationText.met))</span>"
                : "<span class=\"badge red\">\(t(MobilisationText.notMet))</span>"
            let name = rate.zone.isEmpty ? t(MobilisationText.city) : overview.zoneName(rate.zone, layout.language)
            return """
                <tr data-zone="\(rate.zone.isEmpty ? "city" : rate.zone)"><td>\(name)</td><td class="num">\(rate.roster)</td>\
                <td class="num">\(rate.registered)</td><td class="num">\(rate.participating)</td>\
                <td class="num">\(percent)</td><td>\(badge)</td></tr>
                """
        }.joined()
        return """
            <table id="mobilisation-rates"><thead><tr><th>\(t(MobilisationText.zone))</th>\
            <th class="num">\(t(MobilisationText.roster))</th><th class="num">\(t(MobilisationText.registered))</th>\
            <th class="num">\(t(MobilisationText.participating))</th><th class="num">\(t(MobilisationText.rate))</th>\
            <th>\(t(MobilisationText.target)) \(overview.goal)%</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    func render(_ overview: MobilisationService.Overview, canImport: Bool) -> HTML {
        let pending = overview.status.toMobilise(overview.firms)
        let rows = pending.map { firm -> HTML in
            let last = overview.visits[firm.uscc]?.last
            let zone =
                overview.zones.zone(of: firm.divisionCode).map { overview.zones.name($0, layout.language) } ?? firm.divisionCode
            return """
                <tr data-firm="\(firm.uscc)"><td><a href="/mobilisation/firms/\(firm.uscc)">\(firm.name)</a></td>\
                <td><code>\(firm.uscc)</code></td><td>\(overview.subIndustryNames[firm.subIndustryId].map(t) ?? firm.subIndustryId)</td>\
                <td>\(zone)</td><td>\(firm.size)</td><td>\(last?.visitedOn ?? "—")</td>\
                <td>\(last.map { t($0.outcome.label) } ?? t(MobilisationText.stateNotRegistered))</td>\
                <td>\(last?.followUpOn ?? "")</td></tr>
                """
        }.joined()
        let importLink: HTML =
            canImport ? "<a href=\"/mobilisation/import\">\(t(MobilisationText.importTitle))</a> · " : .empty
        return layout.page(
            title: t(MobilisationText.title),
            """
            <h1>\(t(MobilisationText.title))</h1><p class="muted">\(t(MobilisationText.intro))</p>
            <p>\(importLink)<a href="/mobilisation/export.xlsx">\(t(MobilisationText.export))</a></p>
            <section class="card"><h2>\(t(MobilisationText.ratesTitle))</h2>\(ratesTable(overview))</section>
            <section class="card"><h2>\(t(MobilisationText.toMobilise)) (\(pending.count))</h2>
            <table id="to-mobilise"><thead><tr><th>\(t(MobilisationText.name))</th><th>\(t(MobilisationText.creditCode))</th>\
            <th>\(t(MobilisationText.subIndustry))</th><th>\(t(MobilisationText.zone))</th><th>\(t(MobilisationText.size))</th>\
            <th>\(t(MobilisationText.lastVisit))</th><th>\(t(MobilisationText.outcome))</th><th>\(t(MobilisationText.followUp))</th>\
            </tr></thead><tbody>\(rows)</tbody></table></section>
            """)
    }

    func firmPage(
        _ firm: MobilisationFirm, state: MobilisationStatus.State, visits: [MobilisationVisit], canVisit: Bool, today: String,
        typed: [String: String] = [:], errors: [FieldError] = [], flash: Flash? = nil
    ) -> HTML {
        let stateText: LocalizedText =
            switch state {
            case .notRegistered: MobilisationText.stateNotRegistered
            case .registered: MobilisationText.registered
            case .participating: MobilisationText.participating
            }
        let rows = visits.reversed().map { visit -> HTML in
            let detail = [visit.reason, visit.followUpOn.map { "\(t(MobilisationText.followUp))：\($0)" } ?? "", visit.notes]
                .filter { !$0.isEmpty }.joined(separator: "；")
            return """
                <tr><td>\(visit.visitedOn)</td><td>\(visit.visitor)</td><td>\(visit.contact)</td><td>\(t(visit.outcome.label))</td>\
                <td>\(detail)</td><td class="muted">\(visit.byName) \(Shanghai.dateTimeText(visit.at))</td></tr>
                """
        }.joined()
        func value(_ name: String) -> String { typed[name] ?? "" }
        func error(_ name: String) -> HTML {
            errors.first { $0.field == name }.map { "<p class=\"field-error\">\(t($0.message))</p>" } ?? .empty
        }
        let outcomes = VisitOutcome.allCases.map {
            "<option value=\"\($0.rawValue)\"\(HTML.attribute(" selected", if: value("outcome") == $0.rawValue))>\(t($0.label))</option>"
                as HTML
        }.joined()
        let form: HTML =
            canVisit
            ? """
            <section class="card" id="new-visit"><h2>\(t(MobilisationText.newVisit))</h2>
            <form method="post" action="/mobilisation/firms/\(firm.uscc)/visits">\(layout.csrfField)
            <div class="field"><label for="v-date">\(t(MobilisationText.visitedOn))</label>\
            <input id="v-date" name="visited_on" type="date" max="\(today)" value="\(value("visited_on"))">\(error("visited_on"))</div>
            <div class="field"><label for="v-visitor">\(t(MobilisationText.visitor))</label>\
            <input id="v-visitor" name="visitor" maxlength="40" value="\(value("visitor"))">\(error("visitor"))</div>
            <div class="field"><label for="v-contact">\(t(MobilisationText.contact))</label>\
            <input id="v-contact" name="contact" maxlength="60" value="\(value("contact"))">\(error("contact"))</div>
            <div class="field"><label for="v-outcome">\(t(MobilisationText.outcome))</label><select id="v-outcome" name="outcome">\
            <option value=""></option>\(outcomes)</select>\(error("outcome"))</div>
            <div class="field"><label for="v-reason">\(t(MobilisationText.reason))</label>\
            <input id="v-reason" name="reason" maxlength="200" value="\(value("reason"))">\(error("reason"))</div>
            <div class="field"><label for="v-follow">\(t(MobilisationText.followUp))</label>\
            <input id="v-follow" name="follow_up_on" type="date" value="\(value("follow_up_on"))">\(error("follow_up_on"))</div>
            <div class="field"><label for="v-notes">\(t(MobilisationText.notes))</label>\
            <textarea id="v-notes" name="notes" maxlength="500">\(value("notes"))</textarea>\(error("notes"))</div>
            <button type="submit">\(t(MobilisationText.save))</button></form></section>
            """
            : .empty
        return layout.page(
            title: firm.name, flash: flash,
            """
            <p><a href="/mobilisation">\(t(MobilisationText.title))</a></p><h1>\(firm.name)</h1>
            <dl class="facts"><dt>\(t(MobilisationText.creditCode))</dt><dd><code>\(firm.uscc)</code></dd>\
            <dt>\(t(MobilisationText.size))</dt><dd>\(firm.size)</dd><dt>\(t(MobilisationText.state))</dt>\
            <dd id="firm-state">\(t(stateText))</dd></dl>
            <section class="card"><h2>\(t(MobilisationText.visits))</h2>
            <table id="visits"><thead><tr><th>\(t(MobilisationText.visitedOn))</th><th>\(t(MobilisationText.visitor))</th>\
            <th>\(t(MobilisationText.contact))</th><th>\(t(MobilisationText.outcome))</th><th>\(t(MobilisationText.notes))</th>\
            <th></th></tr></thead><tbody>\(rows)</tbody></table></section>\(form)
            """)
    }

    func importPage(_ problems: [MobilisationImport.Problem], message: LocalizedText?, ok: Bool) -> HTML {
        let report: HTML =
            problems.isEmpty
            ? .empty
            : """
            <section class="card" id="import-report"><h2>\(t(MobilisationText.report))</h2><table class="report"><thead><tr>\
            <th class="num">\(t(MobilisationText.line))</th><th>\(t(MobilisationText.column))</th><th>\(t(MobilisationText.problem))</th>\
            </tr></thead><tbody>\(problems.prefix(2000).map { "<tr><td class=\"num\">\($0.line)</td><td>\($0.column)</td><td>\(t($0.message))</td></tr>" as HTML })\
            </tbody></table></section>
            """
        return layout.page(
            title: t(MobilisationText.importTitle), flash: message.map { Flash(kind: ok ? .ok : .error, text: t($0)) },
            """
            <p><a href="/mobilisation">\(t(MobilisationText.title))</a></p><h1>\(t(MobilisationText.importTitle))</h1>
            <form method="post" enctype="multipart/form-data" action="/mobilisation/import" class="card">\(layout.csrfField)
            <p class="muted">\(t(MobilisationText.importIntro))</p>
            <p><a href="/mobilisation/import/template.xlsx">\(t(MobilisationText.template))</a></p>
            <div class="field"><label for="m-file">\(t(MobilisationText.file))</label>\
            <input type="file" id="m-file" name="file" accept=".xlsx,.csv" required></div>
            <button type="submit">\(t(MobilisationText.check))</button></form>\(report)
            """)
    }
}
