import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The targets page: the form (editors) or the figures in force (readers), then every version with
/// who saved it, when, why and what it changed against the version before.
struct TargetsEditView {
    struct Model {
        var current: TargetSettings
        /// Newest first.
        var versions: [TargetVersion]
        /// Display names by user id.
        var names: [String: String]
        var editable: Bool
        /// The posted form, shown again after a refusal; nil shows the settings in force.
        var typed: [String: String]?
        var errors: [FieldError]
    }

    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let inForce: String =
            model.current.version == 0
            ? t(TargetsText.policyDefaults)
            : "\(t(TargetsText.versionName(model.current.version))) · \(t(TargetsText.deadline)) \(model.current.deadline)"
        let body: HTML = """
            \(HTML.style(Self.css))
            <p class="no-print"><a href="/dashboard">← \(t(TargetsText.backToDashboard))</a></p>
            <h1>\(t(TargetsText.title))</h1>
            <p class="muted">\(t(TargetsText.intro))</p>
            <p id="targets-in-force"><strong>\(t(TargetsText.inForce))：</strong>\(inForce)</p>
            \(model.editable ? form(model) : figures(model))
            \(history(model))
            """
        return layout.page(title: t(TargetsText.title), flash: flash, body)
    }

    static let css: StaticString = """
        #targets-goals input[type=text] { max-width:10rem; }
        #target-versions td:first-child { white-space:nowrap; }
        ul.changes { margin:0; padding-left:1.1rem; }
        """

    // MARK: The form

    func form(_ model: Model) -> HTML {
        let values = model.typed ?? TargetsForm.values(model.current)
        let basedOn = values[TargetsForm.basedOnField] ?? String(model.current.version)
        let rows = Targets.all.map { target -> HTML in
            let recorded: HTML =
                TargetsForm.recordedKeys.contains(target.key)
                ? input(TargetsForm.recordedField(target), values, model.errors, label: TargetsText.recordedLabel(target))
                : "<span class=\"muted\">\(t(TargetsText.measured))</span>"
            return """
                <tr data-target="\(target.key)"><td><label for="f-\(TargetsForm.goalField(target))">\(t(target.label))</label>\
                \(note(target))</td><td>\(t(DashboardText.unit(target.unit)))</td>\
                <td>\(input(TargetsForm.goalField(target), values, model.errors, label: nil))</td><td>\(recorded)</td></tr>
                """
        }.joined()
        let reason = TargetsForm.reasonField
        return """
            <form method="post" action="\(TargetsEditHandlers.path)" class="card" id="targets-form" novalidate>\(layout.csrfField)
            <input type="hidden" name="\(TargetsForm.basedOnField)" value="\(basedOn)">
            <div class="field"><label for="f-deadline">\(t(TargetsText.deadline)) <span class="req">\(t(TargetsText.required))</span></label>\
            <input type="date" id="f-deadline" name="\(TargetsForm.deadlineField)" \
            value="\(values[TargetsForm.deadlineField] ?? "")"\(invalid(TargetsForm.deadlineField, model.errors))>\
            <div class="muted">\(t(TargetsText.deadlineHint))</div>\(error(TargetsForm.deadlineField, model.errors))</div>
            <table id="targets-goals"><thead><tr><th>\(t(TargetsText.target))</th><th>\(t(TargetsText.unit))</th>\
            <th>\(t(TargetsText.goal))</th><th>\(t(TargetsText.recorded))</th></tr></thead><tbody>\(rows)</tbody></table>
            <p class="muted">\(t(TargetsText.recordedHint))</p>
            <div class="field"><label for="f-reason">\(t(TargetsText.reason)) <span class="req">\(t(TargetsText.required))</span></label>\
            <textarea id="f-reason" name="\(reason)" maxlength="\(TargetsForm.reasonLimit)"\
            \(invalid(reason, model.errors))>\(model.typed?[reason] ?? "")</textarea>\
            <div class="muted">\(t(TargetsText.reasonHint))</div>\(error(reason, model.errors))</div>
            <button type="submit">\(t(TargetsText.save))</button></form>
            """
    }

    /// A number field: its typed value, marked invalid and described by its error when it has one.
    func input(_ name: String, _ values: [String: String], _ errors: [FieldError], label: LocalizedText?) -> HTML {
        let aria: HTML = label.map { " aria-label=\"\(t($0))\"" } ?? .empty
        return """
            <input type="text" inputmode="numeric" id="f-\(name)" name="\(name)" value="\(values[name] ?? "")"\
            \(aria)\(invalid(name, errors))>\(error(name, errors))
            """
    }

    func invalid(_ field: String, _ errors: [FieldError]) -> HTML {
        errors.contains { $0.field == field }
            ? " class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"e-\(field)\"" : .empty
    }

    func error(_ field: String, _ errors: [FieldError]) -> HTML {
        errors.first { $0.field == field }.map {
            "<div class=\"field-error\" id=\"e-\(field)\">\($0.message.text(language))</div>"
        } ?? .empty
    }

    func note(_ target: Target) -> HTML {
        target.note.map { "<div class=\"muted\">\(t($0))</div>" } ?? .empty
    }

    // MARK: Read-only figures

    func figures(_ model: Model) -> HTML {
        let settings = model.current
        let rows = Targets.all.map { target -> HTML in
            let recorded: String =
                TargetsForm.recordedKeys.contains(target.key)
                ? settings.recorded[target.key].map(String.init) ?? t(TargetsText.notRecorded) : t(TargetsText.measured)
            return """
                <tr data-target="\(target.key)"><td>\(t(target.label))\(note(target))</td>\
                <td>\(t(DashboardText.unit(target.unit)))</td><td class="num">\(settings.goal(target))</td><td>\(recorded)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="targets-figures"><p class="muted">\(t(TargetsText.readOnly))</p>
            <p>\(t(TargetsText.deadline))：\(settings.deadline)</p>
            <table class="report"><thead><tr><th>\(t(TargetsText.target))</th><th>\(t(TargetsText.unit))</th>\
            <th class="num">\(t(TargetsText.goal))</th><th>\(t(TargetsText.recorded))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></section>
            """
    }

    // MARK: History

    func history(_ model: Model) -> HTML {
        guard !model.versions.isEmpty else {
            return """
                <section class="card"><h2>\(t(TargetsText.versions))</h2><p class="muted">\(t(TargetsText.noVersions))</p></section>
                """
        }
        let rows = model.versions.enumerated().map { index, version -> HTML in
            let settings = TargetSettings(version)
            let first = index + 1 == model.versions.count
            let previous = first ? TargetSettings() : TargetSettings(model.versions[index + 1])
            let changes = settings.changes(from: previous)
            let list: HTML =
                changes.isEmpty
                ? "<span class=\"muted\">\(t(first ? TargetsText.sameAsPolicy : TargetsText.noChange))</span>"
                : """
                <ul class="changes">\(changes.map { "<li>\(t($0.label))：\($0.old) → \($0.new)</li>" as HTML })</ul>\
                \(first ? "<div class=\"muted\">\(t(TargetsText.fromPolicy))</div>" as HTML : .empty)
                """
            return """
                <tr data-version="\(version.version)"><td>v\(version.version)</td>\
                <td>\(Shanghai.dateTimeText(version.changedAt))</td><td>\(model.names[version.changedBy] ?? version.changedBy)</td>\
                <td>\(version.reason)</td><td>\(list)</td></tr>
                """
        }.joined()
        return """
            <section class="card"><h2>\(t(TargetsText.versions))</h2>
            <table id="target-versions"><thead><tr><th>\(t(TargetsText.version))</th><th>\(t(TargetsText.when))</th>\
            <th>\(t(TargetsText.who))</th><th>\(t(TargetsText.reason))</th><th>\(t(TargetsText.changes))</th></tr></thead>\
            <tbody>\(rows)</tbody></table></section>
            """
    }
}
