import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The calls page: each call with its dates, requirements and state; the bureau's form to open
/// one; for a provider, the form to apply to an open call (or the link to its application).
struct CallsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var calls: [PoolCall]
        var today: String
        var canOpen = false
        var canApply = false
        var divisions: [Division] = []
        /// Call id → the provider's application instance.
        var applied: [String: String] = [:]
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let cards = model.calls.map { call in card(call, model) }.joined()
        let body: HTML = """
            <h1>\(t(AdmissionText.callsTitle))</h1><p class="muted">\(t(AdmissionText.callsIntro))</p>
            \(model.canOpen ? openForm(model) : .empty)
            \(model.calls.isEmpty ? "<p class=\"card muted\">\(t(AdmissionText.noCalls))</p>" as HTML : cards)
            """
        return layout.page(title: t(AdmissionText.callsTitle), flash: flash, body)
    }

    func card(_ call: PoolCall, _ model: Model) -> HTML {
        let state: LocalizedText =
            call.isOpen(on: model.today)
            ? AdmissionText.open : (model.today < call.opensOn ? AdmissionText.upcoming : AdmissionText.closed)
        var action: HTML = .empty
        if let instance = model.applied[call.id] {
            action = "<p><a href=\"\(AppPath.instance(instance).url)\">\(t(AdmissionText.yourApplication))</a></p>"
        } else if model.canApply && call.isOpen(on: model.today) {
            action = applyForm(call, model)
        }
        return """
            <article class="card" id="call-\(call.id)"><h2>\(call.title)</h2>
            <p class="muted">\(t(AdmissionText.year))：\(call.year) · \(t(AdmissionText.period))：\(call.opensOn) — \(call.closesOn) · \
            <span class="badge">\(t(state))</span></p>
            <p class="pre">\(call.requirements)</p>\(action)</article>
            """
    }

    func applyForm(_ call: PoolCall, _ model: Model) -> HTML {
        let options = model.divisions.map { division -> HTML in
            let selected = HTML.attribute(" selected", if: model.typed["division"] == division.code.value)
            return "<option value=\"\(division.code.value)\"\(selected)>\(division.name.text(language))</option>"
        }.joined()
        return """
            <form method="post" action="\(AppPath.poolApplications.url)" class="inline" id="apply-\(call.id)">\(layout.csrfField)\
            <input type="hidden" name="call" value="\(call.id)">\
            <label for="apply-\(call.id)-division">\(t(AdmissionText.registeredDistrict))</label>\
            <select id="apply-\(call.id)-division" name="division"><option value="">—</option>\(options)</select>\
            \(error(model, "division"))\(error(model, "call"))<button type="submit">\(t(AdmissionText.apply))</button></form>
            """
    }

    func openForm(_ model: Model) -> HTML {
        func input(_ name: String, _ label: LocalizedText, type: String = "text", max: Int = 200) -> HTML {
            """
            <div class="field"><label for="f-call-\(name)">\(t(label))</label><input type="\(type)" id="f-call-\(name)" \
            name="\(name)" maxlength="\(max)" value="\(model.typed[name] ?? "")">\(error(model, name))</div>
            """
        }
        return """
            <details class="card"\(HTML.attribute(" open", if: !model.errors.isEmpty))><summary>\(t(AdmissionText.openCall))</summary>
            <form method="post" action="\(AppPath.poolCalls.url)" id="open-call">\(layout.csrfField)\
            \(input("year", AdmissionText.year, max: 4))\(input("title", AdmissionText.callTitle))\
            \(input("opens_on", AdmissionText.opensOn, type: "date", max: 10))\(input("closes_on", AdmissionText.closesOn, type: "date", max: 10))\
            <div class="field"><label for="f-call-requirements">\(t(AdmissionText.requirements))</label><textarea \
            id="f-call-requirements" name="requirements" maxlength="8000">\(model.typed["requirements"] ?? "")</textarea>\
            \(error(model, "requirements"))</div><button type="submit">\(t(AdmissionText.publish))</button></form></details>
            """
    }

    func error(_ model: Model, _ field: String) -> HTML {
        guard let error = model.errors.first(where: { $0.field == field }) else { return .empty }
        return "<div class=\"field-error\">\(t(error.message))</div>"
    }
}
