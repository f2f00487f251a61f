import Foundation
import PilotDomain
import WorkflowEngine

/// Draws a transition's input form from its schema (Workflows/README.md), with the values the
/// user typed and the errors beside each field after a refused submit.
struct FormView {
    var language: UILanguage
    var csrfField: HTML
    /// Fields whose choices come from the database, drawn as a checkbox group (e.g. the experts
    /// for `reviewer_ids`); the group posts `name[]`, which `FormBody` joins with commas.
    var pickLists: [String: [(value: String, label: String)]] = [:]

    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// `qualified`: field names an earlier form on the same page already uses; their element ids
    /// carry the transition (`f-{transition}-{name}`) so ids stay unique and labels point right.
    func form(
        instance: InstanceSnapshot, transition: TransitionDefinition, values: [String: String] = [:], errors: [FieldError] = [],
        qualified: Set<String> = [], draftSavedAt: Date? = nil
    ) -> HTML {
        let fields = transition.input.map { input in
            field(
                input, value: values[input.name], error: errors.first { $0.field == input.name },
                id: qualified.contains(input.name) ? "f-\(transition.id)-\(input.name)" : "f-\(input.name)")
        }
        return """
            <form class="action" method="post" action="\(AppPath.command(instance: instance.id, transition: transition.id).url)" id="form-\(transition.id)">
            <h3>\(t(transition.label))</h3>
            \(csrfField)<input type="hidden" name="expected_version" value="\(instance.version)">
            <input type="hidden" name="idempotency_key" value="\(SecretTokenShort.make())">
            \(fields)
            <button type="submit" name="submit" value="\(transition.id)">\(t(transition.label))</button>
            \(draftControls(instance, transition, savedAt: draftSavedAt))
            </form>
            """
    }

    /// Long forms (a plan) can be saved as a draft without being submitted.
    func draftControls(_ instance: InstanceSnapshot, _ transition: TransitionDefinition, savedAt: Date?) -> HTML {
        guard transition.input.count >= 5 else { return .empty }
        let note: HTML =
            savedAt.map { "<span class=\"muted\">\(t(ProjectText.draftFrom)) \(Shanghai.dateTimeText($0))</span>" } ?? .empty
        return """
            <button type="submit" class="secondary" formnovalidate formaction="/instances/\(AppPath.encode(instance.id))/drafts/\(AppPath.encode(transition.id))">\(t(ProjectText.saveDraft))</button> \(note)
            """
    }

    func field(_ field: InputField, value: String?, error: FieldError?, id: String) -> HTML {
        let invalid = HTML.attribute(" class=\"invalid\" aria-invalid=\"true\"", if: error != nil)
        let required = HTML.attribute(" required", if: field.required)
        let marker: HTML = field.required ? "<span class=\"req\">\(t(UIText.required))</span>" : .empty
        let errorHTML: HTML =
            error.map { "<div class=\"field-error\" id=\"\(id)-error\">\($0.message.text(language))</div>" } ?? .empty
        let value = value ?? ""
        let label: HTML = "<label for=\"\(id)\">\(t(field.label))\(marker)</label>"
        if let choices = pickLists[field.name] {
            let chosen = Set(value.split(separator: ",").map(String.init))
            let boxes = choices.enumerated().map { index, choice -> HTML in
                let checked = HTML.attribute(" checked", if: chosen.contains(choice.value))
                return """
                    <div class="checkbox"><input type="checkbox" id="\(id)-\(index)" name="\(field.name)[]" value="\(choice.value)"\(checked)>
                    <label for="\(id)-\(index)">\(choice.label)</label></div>
                    """
            }
            return
                "<fieldset class=\"field\" id=\"\(id)\"><legend>\(t(field.label))\(marker)</legend>\(boxes)\(errorHTML)</fieldset>"
        }
        let control: HTML
        switch field.kind {
        case .text:
            control =
                "<input type=\"text\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(value)\" maxlength=\"\(field.maxLength ?? 200)\"\(invalid)\(required)>"
        case .longtext:
            control =
                "<textarea id=\"\(id)\" name=\"\(field.name)\" maxlength=\"\(field.maxLength ?? 5000)\"\(invalid)\(required)>\(value)</textarea>"
        case .integer, .score, .level:
            let (low, high) = InputValidation.bounds(field)
            let range: HTML =
                "\(low.map { minimum -> HTML in " min=\"\(String(minimum))\"" })\(high.map { maximum -> HTML in " max=\"\(String(maximum))\"" })"
            control =
                "<input type=\"number\" step=\"1\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(value)\"\(range)\(invalid)\(required)>"
        case .money:
            // Text, not number: browsers would accept "1e9" and drop the user's formatting.
            control =
                "<input type=\"text\" inputmode=\"decimal\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(value)\" placeholder=\"0.00 \(t(UIText.yuan))\"\(invalid)\(required)>"
        case .date:
            control =
                "<input type=\"date\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(value)\"\(invalid)\(required)>"
        case .boolean:
            let checked = HTML.attribute(" checked", if: ["on", "true", "1"].contains(value))
            return """
                <div class="checkbox"><input type="checkbox" id="\(id)" name="\(field.name)" value="true"\(checked)\(invalid)>
                <label for="\(id)">\(t(field.label))\(marker)</label>\(errorHTML)</div>
                """
        case .choice:
            let options = field.options.map { option -> HTML in
                "<option value=\"\(option.value)\"\(HTML.attribute(" selected", if: option.value == value))>\(t(option.label))</option>"
            }
            control =
                "<select id=\"\(id)\" name=\"\(field.name)\"\(invalid)\(required)><option value=\"\"></option>\(options)</select>"
        }
        return "<div class=\"field\">\(label)\(control)\(errorHTML)</div>"
    }
}

/// A random key per rendered form: a double submit of the same form is applied once.
enum SecretTokenShort {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.joined()
    }
}
