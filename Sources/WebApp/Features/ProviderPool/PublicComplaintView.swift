import Foundation
import PilotDomain

/// The public complaint form: which member, who complains and how to reach them, what happened.
struct PublicComplaintView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ model: PublicComplaintHandlers.Model, token: String, flash: Flash?) -> HTML {
        func error(_ field: String) -> HTML {
            guard let error = model.errors.first(where: { $0.field == field }) else { return .empty }
            return "<div class=\"field-error\">\(t(error.message))</div>"
        }
        let options = model.members.map { member -> HTML in
            let selected = HTML.attribute(" selected", if: model.typed["provider"] == member.id)
            return "<option value=\"\(member.id)\"\(selected)>\(member.name)</option>"
        }.joined()
        let programmes: HTML =
            model.programmes.count > 1
            ? """
            <p>\(model.programmes.map { "<a href=\"/providers/complaints/public?programme=\($0.code)\">\(t($0.name))</a>" as HTML }
                .joined(separator: " · "))</p>
            """ : .empty
        let body: HTML = """
            <h1>\(t(PoolText.publicComplaintTitle))</h1>\(programmes)
            <p class="muted">\(t(model.programme.name)) · \(t(PoolText.publicComplaintIntro))</p>
            <form method="post" action="/providers/complaints/public" class="card" id="public-complaint">
            <input type="hidden" name="csrf_token" value="\(token)"><input type="hidden" name="programme" value="\(model.programme.code)">
            <div class="hp" aria-hidden="true"><label for="pc-website">Website</label><input type="text" id="pc-website" name="website" tabindex="-1" autocomplete="off"></div>
            <div class="field"><label for="pc-provider">\(t(PoolText.provider))</label><select id="pc-provider" name="provider">\
            <option value="">—</option>\(options)</select>\(error("provider"))</div>
            <div class="field"><label for="pc-name">\(t(PublicText.name))</label><input type="text" id="pc-name" name="name" maxlength="100" \
            value="\(model.typed["name"] ?? "")">\(error("name"))</div>
            <div class="field"><label for="pc-contact">\(t(PublicText.contact))</label><input type="text" id="pc-contact" name="contact" \
            maxlength="100" value="\(model.typed["contact"] ?? "")">\(error("contact"))</div>
            <div class="field"><label for="pc-summary">\(t(PoolText.complaintSummary))</label><textarea id="pc-summary" name="summary" \
            maxlength="500">\(model.typed["summary"] ?? "")</textarea>\(error("summary"))</div>
            <button type="submit">\(t(PoolText.file))</button></form>
            """
        return layout.page(title: t(PoolText.publicComplaintTitle), flash: flash, body)
    }
}
