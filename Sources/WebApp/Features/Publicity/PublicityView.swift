import Foundation
import PilotDomain
import WorkflowEngine

/// The public publicity page (公示): no sign-in. Lists the plans in publicity with what the public
/// needs to judge them and an objection form each; plans under an objection show as suspended.
struct PublicityView {
    var layout: Layout
    var board = PublicityBoard.plans
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Item {
        var instance: InstanceSnapshot
        var programmeName: String
        /// The last day of the period (the timer fires at the midnight after it).
        var lastDay: Date?
    }

    func render(
        _ items: [Item], token: String, typed: [String: String] = [:], errorFor: String? = nil, errors: [FieldError] = [],
        flash: Flash? = nil
    ) -> HTML {
        let cards = items.map { item -> HTML in
            let data = item.instance.data
            let suspended = item.instance.state == "suspended"
            let subsidy = data["approved_subsidy"]?.intValue.map { Fen($0).wanYuanText + " " + t(PublicText.wan) } ?? "—"
            let period: HTML =
                suspended
                ? "<span class=\"badge\">\(t(PublicText.suspended))</span>"
                : "\(t(PublicText.until))\(item.lastDay.map { Shanghai.dateText($0) } ?? "—")"
            let form: HTML =
                suspended
                ? .empty
                : objectionForm(
                    item.instance.id, version: item.instance.version, token: token,
                    typed: errorFor == item.instance.id ? typed : [:], errors: errorFor == item.instance.id ? errors : [])
            if board == .poolApplicants { return applicantCard(item, period: period, form: form) }
            return """
                <article class="card publicity" id="notice-\(item.instance.id)">
                <h2>\(data["notice_title"]?.stringValue ?? data["enterprise_name"]?.stringValue ?? "")</h2>
                <p class="muted">\(item.programmeName) · \(period)</p>
                <dl class="data"><dt>\(t(ProjectText.enterprise))</dt><dd>\(data["enterprise_name"]?.stringValue ?? "")</dd>
                <dt>\(t(ProjectText.provider))</dt><dd>\(data["digital_provider_name"]?.stringValue ?? "—")</dd>
                <dt>\(t(PublicText.content))</dt><dd>\(data["deliverables"]?.stringValue ?? "—")</dd>
                <dt>\(t(PublicText.subsidy))</dt><dd>\(subsidy)</dd></dl>
                <p>\(data["notice_text"]?.stringValue ?? "")</p>
                \(form)
                </article>
                """
        }.joined()
        let (intro, none) =
            board == .plans ? (PublicText.intro, PublicText.none) : (AdmissionText.publicityIntro, AdmissionText.publicityNone)
        let body: HTML = """
            <h1>\(t(board.title))</h1>
            <p class="muted">\(t(intro))</p>
            \(items.isEmpty ? "<p class=\"card muted\">\(t(none))</p>" as HTML : cards)
            """
        return layout.page(title: t(board.title), flash: flash, body)
    }

    func objectionForm(_ id: String, version: Int, token: String, typed: [String: String], errors: [FieldError]) -> HTML {
        func field(_ name: String, _ label: LocalizedText, long: Bool = false) -> HTML {
            let error = errors.first { $0.field == name }
            let invalid = HTML.attribute(" class=\"invalid\" aria-invalid=\"true\"", if: error != nil)
            let value = typed[name] ?? ""
            let control: HTML =
                long
                ? "<textarea id=\"\(id)-\(name)\" name=\"\(name)\" maxlength=\"4000\" required\(invalid)>\(value)</textarea>"
                : "<input type=\"text\" id=\"\(id)-\(name)\" name=\"\(name)\" maxlength=\"100\" value=\"\(value)\" required\(invalid)>"
            let message: HTML = error.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
            return "<div class=\"field\"><label for=\"\(id)-\(name)\">\(t(label))</label>\(control)\(message)</div>"
        }
        return """
            <details class="objection"\(HTML.attribute(" open", if: !errors.isEmpty))><summary>\(t(board == .plans ? PublicText.object : AdmissionText.objectTo))</summary>
            <form method="post" action="\(board.objectionPath(id).url)" class="objection-form" id="objection-\(id)">
            <input type="hidden" name="csrf_token" value="\(token)"><input type="hidden" name="version" value="\(version)">
            <div class="hp" aria-hidden="true"><label for="\(id)-website">Website</label><input type="text" id="\(id)-website" name="website" tabindex="-1" autocomplete="off"></div>
            \(field("objector_name", PublicText.name))\(field("objector_contact", PublicText.contact))\(field("objection", PublicText.reason, long: true))
            <button type="submit">\(t(PublicText.submit))</button></form></details>
            """
    }
}

enum PublicText {
    static let title = LocalizedText(zh: "试点项目公示", en: "Pilot projects in publicity")
    static let intro = LocalizedText(
        zh: "以下数字化改造方案已经审批，现予公示。公示期内，任何单位和个人如有异议，可实名提出；异议受理后该项目暂停公示，待主管部门核实处理。",
        en: "These approved transformation plans are published for public notice. During the period anyone may object under "
            + "their own name; an objection suspends the plan until the district has looked into it.")
    static let none = LocalizedText(zh: "目前没有正在公示的项目", en: "No plans are in publicity at the moment")
    static let until = LocalizedText(zh: "公示截止：", en: "Publicity ends: ")
    static let suspended = LocalizedText(zh: "异议核实中，公示暂停", en: "Suspended: an objection is being looked into")
    static let content = LocalizedText(zh: "建设内容", en: "Work")
    static let subsidy = LocalizedText(zh: "核定补助", en: "Approved subsidy")
    static let wan = LocalizedText(zh: "万元", en: "×10k yuan")
    static let object = LocalizedText(zh: "提出异议", en: "Object to this plan")
    static let name = LocalizedText(zh: "姓名或单位名称", en: "Your name or organisation")
    static let contact = LocalizedText(zh: "联系方式", en: "How to reach you")
    static let reason = LocalizedText(zh: "异议内容及理由", en: "Your objection and reasons")
    static let submit = LocalizedText(zh: "提交异议", en: "Submit the objection")
    static let received = LocalizedText(
        zh: "异议已受理，该项目公示暂停，主管部门将核实处理。", en: "Your objection was received; the plan is suspended while the district looks into it."
    )
    static let tooMany = LocalizedText(
        zh: "提交过于频繁，请一小时后再试", en: "Too many submissions from your connection; try again in an hour")
    static let tooFast = LocalizedText(zh: "提交过快，请阅读公示内容后再提交", en: "That was too fast; read the notice, then submit")
    static let closed = LocalizedText(zh: "该项目已不在公示期内，无法提出异议", en: "This plan is no longer in publicity")
    static let ticketRequired = LocalizedText(
        zh: "请先读取公示列表（GET /api/v1/publicity），并在 X-Objection-Ticket 请求头中附上其返回的凭证（两小时内有效）",
        en: "Read the notices first (GET /api/v1/publicity) and send the ticket it returns in the X-Objection-Ticket header "
            + "(valid for two hours)")
    static let suspendedForObjection = LocalizedText(
        zh: "本公示已暂停，正在处理异议，暂不接收新的异议；公示恢复后可再提出",
        en: "This notice is suspended while an objection is looked into; new objections can be filed once it resumes")
}
