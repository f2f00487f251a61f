import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Programme rules: the form (administrator) or the values, and the version history with what
/// changed in each.
struct RulesView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        current: [String: JSONValue], versions: [RuleVersion], editable: Bool, typed: [String: String]?, errors: [FieldError],
        flash: Flash?
    ) -> HTML {
        let fields = ProgrammeRuleFields.all.map { field -> HTML in
            let value = typed?[field.key] ?? ProgrammeRuleFields.text(field, current[field.key])
            let error: HTML =
                errors.first { $0.field == field.key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" }
                ?? .empty
            let disabled = HTML.attribute(" disabled", if: !editable)
            let control: HTML
            switch field.kind {
            case .choice(let options):
                let items = options.map {
                    "<option value=\"\($0.value)\"\(HTML.attribute(" selected", if: $0.value == value))>\(t($0.label))</option>"
                        as HTML
                }.joined()
                control = "<select id=\"f-\(field.key)\" name=\"\(field.key)\"\(disabled)>\(items)</select>"
            case .date:
                control = "<input type=\"date\" id=\"f-\(field.key)\" name=\"\(field.key)\" value=\"\(value)\"\(disabled)>"
            case .integer, .money:
                control = "<input type=\"text\" id=\"f-\(field.key)\" name=\"\(field.key)\" value=\"\(value)\"\(disabled)>"
            }
            return "<div class=\"field\"><label for=\"f-\(field.key)\">\(t(field.label))</label>\(control)\(error)</div>"
        }.joined()
        let reasonError: HTML =
            errors.first { $0.field == "reason" }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" }
            ?? .empty
        let form: HTML =
            editable
            ? """
            <form method="post" action="\(AppPath.programmeRules.url)" class="card" id="rules-form">\(layout.csrfField)
            <input type="hidden" name="based_on" value="\(typed?["based_on"] ?? String(versions.first?.version ?? 0))">
            \(fields)
            <div class="field"><label for="f-reason">\(t(RulesText.reason))</label><textarea id="f-reason" name="reason" maxlength="2000">\(typed?["reason"] ?? "")</textarea>\(reasonError)</div>
            <button type="submit">\(t(RulesText.save))</button></form>
            """
            : "<section class=\"card\">\(fields)</section>"
        let history = versions.enumerated().map { index, version -> HTML in
            let previous = index + 1 < versions.count ? versions[index + 1].rules : [:]
            let changes = TextDiff.fields(
                old: previous.mapValues { JSONValue.canonicalText(["v": $0]) },
                new: version.rules.mapValues { JSONValue.canonicalText(["v": $0]) }
            ).map { "<code>\($0.key)</code>" as HTML }.joined()
            return
                "<tr><td>v\(version.version)</td><td>\(Shanghai.dateTimeText(version.changedAt))</td><td>\(version.reason)</td><td>\(changes)</td></tr>"
        }.joined()
        let body: HTML = """
            <h1>\(t(RulesText.title))</h1>
            <p class="muted">\(t(RulesText.intro))</p>
            \(form)
            <section class="card"><h2>\(t(RulesText.versions))</h2>
            <table id="rule-versions"><thead><tr><th>\(t(UIText.version))</th><th>\(t(RulesText.when))</th><th>\(t(RulesText.reason))</th><th>\(t(RulesText.changed))</th></tr></thead><tbody>\(history)</tbody></table></section>
            """
        return layout.page(title: t(RulesText.title), flash: flash, body)
    }
}

enum RulesText {
    static let title = LocalizedText(zh: "试点规则设置", en: "Programme rules")
    static let intro = LocalizedText(
        zh: "规则按版本保存；每项审批决定都记录当时适用的规则值。", en: "Rules are saved as versions; every decision records the values it applied.")
    static let reason = LocalizedText(zh: "修改原因", en: "Why")
    static let save = LocalizedText(zh: "保存为新版本", en: "Save as a new version")
    static let versions = LocalizedText(zh: "历史版本", en: "Versions")
    static let when = LocalizedText(zh: "时间", en: "When")
    static let changed = LocalizedText(zh: "变更项", en: "Changed")
    static let saved = LocalizedText(zh: "规则已保存为新版本", en: "The rules were saved as a new version")
}
