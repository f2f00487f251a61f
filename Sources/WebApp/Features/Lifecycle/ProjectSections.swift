import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The project-specific cards of the instance page: parties, documents, plan revisions.
struct ProjectSections {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func parties(_ model: InstancePageModel) -> HTML {
        guard !model.parties.isEmpty else { return .empty }
        let rows = model.parties.map { party -> HTML in "<dt>\(t(party.label))</dt><dd>\(party.name)</dd>" }.joined()
        return
            "<section class=\"card\" id=\"parties\"><h2>\(t(ProjectText.parties))</h2><dl class=\"data\">\(rows)</dl></section>"
    }

    /// The enterprise rates its main contractor (dynamic management of contractors, 004 §四(五)).
    func rating(_ model: InstancePageModel) -> HTML {
        guard model.canRate else { return .empty }
        let options = (1...5).reversed().map { "<option value=\"\($0)\">\($0)</option>" as HTML }.joined()
        return """
            <section class="card" id="rating"><h2>\(t(ContractorText.rateTitle))</h2>
            <form method="post" action="/instances/\(AppPath.encode(model.instance.id))/rating" id="rating-form">\(layout.csrfField)
            <div class="field"><label for="f-score">\(t(ContractorText.score))</label><select id="f-score" name="score" required>\(options)</select></div>
            <div class="field"><label for="f-comment">\(t(ContractorText.comment))</label><textarea id="f-comment" name="comment" maxlength="2000"></textarea></div>
            <button type="submit">\(t(ContractorText.rateTitle))</button></form></section>
            """
    }

    /// The diagnosis result recomputed from the recorded details (the edition is recorded too).
    func diagnosis(_ model: InstancePageModel) -> HTML {
        guard let text = model.instance.data["assessment"]?.stringValue,
            let assessment = DiagnosisAssessment.decode(text),
            let edition = LevelIndexEdition.named(model.instance.data["index_edition"]?.stringValue ?? "2024")
        else { return .empty }
        return DiagnosisReport(language: language).card(edition.evaluate(assessment), edition: edition)
    }

    func documents(_ model: InstancePageModel) -> HTML {
        let items = model.attachments.map { file -> HTML in
            let purpose =
                AttachmentPolicy.purposes(for: model.instance.definitionId).first { $0.value == file.purpose }.map { t($0.label) }
                ?? file.purpose
            let details =
                "\(purpose) · \(file.size / 1024 + 1) KB · \(file.uploadedBy) · \(Shanghai.dateTimeText(file.uploadedAt))"
            return
                "<li><a href=\"\(AppPath.attachment(file.id).url)\">\(file.fileName)</a> <span class=\"muted\">\(details)</span></li>"
        }.joined()
        let list: HTML =
            model.attachments.isEmpty
            ? "<p class=\"muted\">\(t(ProjectText.noDocuments))</p>" : "<ul class=\"documents\">\(items)</ul>"
        let options = AttachmentPolicy.purposes(for: model.instance.definitionId).map {
            "<option value=\"\($0.value)\">\(t($0.label))</option>" as HTML
        }.joined()
        let form: HTML =
            model.canUpload
            ? """
            <form method="post" enctype="multipart/form-data" action="\(AppPath.attachments(model.instance.id).url)" id="upload-form">
            \(layout.csrfField)
            <div class="field"><label for="f-purpose">\(t(ProjectText.purpose))</label><select id="f-purpose" name="purpose" required><option value=""></option>\(options)</select></div>
            <div class="field"><label for="f-file">\(t(ProjectText.file))</label><input type="file" id="f-file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"></div>
            <p class="muted">\(t(ProjectText.uploadHint))</p>
            <button type="submit">\(t(ProjectText.upload))</button></form>
            """ : .empty
        let print: HTML =
            model.instance.data["approved_subsidy"] != nil
            ? "<p><a href=\"\(AppPath.taskBook(model.instance.id).url)\" id=\"task-book-link\">\(t(ProjectText.printTaskBook))</a></p>"
            : .empty
        return "<section class=\"card\" id=\"documents\"><h2>\(t(ProjectText.documents))</h2>\(print)\(list)\(form)</section>"
    }

    /// Each filing of the plan after the first, as a diff against the one before.
    func revisions(_ model: InstancePageModel) -> HTML {
        guard model.planRevisions.count > 1 else { return .empty }
        var blocks: [HTML] = []
        for index in 1..<model.planRevisions.count {
            let old = JSONValue.parseObject(model.planRevisions[index - 1].inputJSON).mapValues(\.displayText)
            let new = JSONValue.parseObject(model.planRevisions[index].inputJSON).mapValues(\.displayText)
            let labels = model.definition.transition("file_plan")?.input ?? []
            let changes = TextDiff.fields(old: old, new: new)
            let items = changes.map { change -> HTML in
                let lines = change.lines.map { line -> HTML in
                    switch line {
                    case .same(let text): "<div class=\"diff-same\">\(text)</div>"
                    case .added(let text): "<ins class=\"diff-add\">+ \(text)</ins>"
                    case .removed(let text): "<del class=\"diff-del\">− \(text)</del>"
                    }
                }.joined()
                let label = labels.first { $0.name == change.key }.map { t($0.label) } ?? change.key
                return "<li><strong>\(label)</strong>\(lines)</li>"
            }.joined()
            let title = String(format: t(ProjectText.revision), index + 1)
            let when = Shanghai.dateTimeText(model.planRevisions[index].occurredAt)
            blocks.append(
                "<details class=\"revision\"\(HTML.attribute(" open", if: index == model.planRevisions.count - 1))><summary>\(title) · \(when) · \(model.planRevisions[index].actorName)</summary><ul>\(items)</ul></details>"
            )
        }
        return "<section class=\"card\" id=\"revisions\"><h2>\(t(ProjectText.revisions))</h2>\(blocks.joined())</section>"
    }
}
