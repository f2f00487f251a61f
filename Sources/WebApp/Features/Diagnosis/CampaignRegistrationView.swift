import PilotDomain
import PilotStore
import WorkflowEngine

/// The registration form of a roster firm (no sign-in).
struct CampaignRegistrationView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(campaigns: [Programme], typed: [String: String], errors: [FieldError], flash: Flash?) -> HTML {
        func error(_ key: String) -> HTML {
            errors.first { $0.field == key }.map {
                "<div class=\"field-error\" id=\"f-\(key)-error\">\($0.message.text(language))</div>"
            } ?? .empty
        }
        func invalid(_ key: String) -> HTML {
            HTML.attribute(" class=\"invalid\" aria-invalid=\"true\"", if: errors.contains { $0.field == key })
        }
        func text(_ key: String, _ label: LocalizedText, type: String = "text") -> HTML {
            """
            <div class="field"><label for="f-\(key)">\(t(label))</label><input type="\(type)" id="f-\(key)" name="\(key)" \
            value="\(type == "password" ? "" : typed[key] ?? "")"\(invalid(key))>\(error(key))</div>
            """
        }
        let options = campaigns.map { campaign -> HTML in
            let selected = HTML.attribute(" selected", if: typed["programme"] == campaign.code)
            return "<option value=\"\(campaign.code)\"\(selected)>\(t(campaign.name))</option>"
        }.joined()
        let body: HTML = """
            <h1>\(t(CampaignText.registerTitle))</h1>
            <p class="muted">\(t(CampaignText.registerIntro))</p>
            <form method="post" action="/diagnosis/register" class="card narrow" id="diagnosis-register-form">
            \(layout.csrfField)
            <div class="field"><label for="f-programme">\(t(CampaignText.campaign))</label>\
            <select id="f-programme" name="programme"\(invalid("programme"))><option value=""></option>\(options)</select>\(error("programme"))</div>
            \(text("uscc", CampaignText.uscc))\(text("name", CampaignText.firmName))
            \(text("contact_name", CampaignText.contactName))\(text("contact_phone", CampaignText.contactPhone, type: "tel"))
            \(text("username", CampaignText.username))\(text("password", CampaignText.password, type: "password"))
            <div class="hp" aria-hidden="true"><label for="f-website">Website</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
            <p class="muted">\(t(CampaignText.passwordRule))</p>
            \(error(""))
            <button type="submit">\(t(CampaignText.registerButton))</button>
            </form>
            """
        return layout.page(title: t(CampaignText.registerTitle), flash: flash, body)
    }
}
