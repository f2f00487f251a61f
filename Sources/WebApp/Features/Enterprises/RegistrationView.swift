import PilotDomain
import PilotStore
import WorkflowEngine

/// The enterprise self-registration form (no sign-in): the enterprise's record and its first
/// account. Also draws the same fields for the district's single-enterprise entry.
struct RegistrationView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    /// `programmes`: those open for registration; `chosen` (with its `reference`) when the visitor
    /// picked one or there is only one; otherwise the page asks for the programme first.
    func render(
        programmes: [Programme], chosen: Programme?, reference: EnterpriseRecord.Reference?, typed: [String: String],
        errors: [FieldError], flash: Flash?
    ) -> HTML {
        var typed = typed
        if let chosen { typed["programme"] = chosen.code }
        func error(_ key: String) -> HTML {
            errors.first { $0.field == key }.map {
                "<div class=\"field-error\" id=\"f-\(key)-error\">\($0.message.text(language))</div>"
            }
                ?? .empty
        }
        func invalid(_ key: String) -> HTML {
            HTML.attribute(" class=\"invalid\" aria-invalid=\"true\"", if: errors.contains { $0.field == key })
        }
        func text(_ key: String, _ label: LocalizedText, type: String = "text") -> HTML {
            """
            <div class="field"><label for="f-\(key)">\(t(label))</label><input type="\(type)" id="f-\(key)" name="\(key)" value="\(type == "password" ? "" : typed[key] ?? "")"\(invalid(key))>\(error(key))</div>
            """
        }
        func select(_ key: String, _ label: LocalizedText, _ options: [(String, String)], blank: Bool = true) -> HTML {
            let items = options.map {
                "<option value=\"\($0.0)\"\(HTML.attribute(" selected", if: typed[key] == $0.0))>\($0.1)</option>" as HTML
            }
            .joined()
            let empty: HTML = blank ? "<option value=\"\"></option>" : .empty
            return
                "<div class=\"field\"><label for=\"f-\(key)\">\(t(label))</label><select id=\"f-\(key)\" name=\"\(key)\"\(invalid(key))>\(empty)\(items)</select>\(error(key))</div>"
        }
        func check(_ key: String, _ label: LocalizedText) -> HTML {
            "<div class=\"checkbox\"><input type=\"checkbox\" id=\"f-\(key)\" name=\"\(key)\" value=\"是\"\(HTML.attribute(" checked", if: typed[key] != nil))><label for=\"f-\(key)\">\(t(label))</label>\(error(key))</div>"
        }
        let programmeField = select(
            "programme", RegistrationText.programme, programmes.map { ($0.code, t($0.name)) }, blank: chosen == nil)
        guard let chosen, let reference else {
            // Several programmes and none chosen yet: the programme decides the sub-industries and areas.
            let body: HTML = """
                <h1>\(t(RegistrationText.title))</h1>
                <p class="muted">\(t(RegistrationText.intro))</p>
                <form method="get" action="\(AppPath.register.url)" class="card" id="programme-form">
                \(programmeField)
                <button type="submit">\(t(RegistrationText.next))</button>
                </form>
                """
            return layout.page(title: t(RegistrationText.title), flash: flash, body)
        }
        let label = Dictionary(EnterpriseRecord.columns.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        let body: HTML = """
            <h1>\(t(RegistrationText.title))</h1>
            <p class="muted">\(t(chosen.name)) · \(t(RegistrationText.intro))</p>
            <form method="post" action="\(AppPath.register.url)" class="card" id="register-form">
            \(layout.csrfField)
            \(programmeField)
            \(text("name", label["name"]!))\(text("uscc", label["uscc"]!))
            \(select("sub_industry", label["sub_industry"]!, reference.subIndustries.map { ($0.code, t($0.name)) }))
            \(select("zone", label["zone"]!, reference.areas.map { ($0.code.value, t($0.name)) }))
            \(select("street", label["street"]!, reference.areas.map { ($0.code.value, t($0.name)) }))
            \(check("above_scale", label["above_scale"]!))\(check("specialised", label["specialised"]!))\(check("cloud", label["cloud"]!))
            \(text("contact_name", label["contact_name"]!))\(text("contact_phone", label["contact_phone"]!, type: "tel"))
            <h2>\(t(RegistrationText.account))</h2>
            \(text("username", RegistrationText.username))\(text("password", RegistrationText.password, type: "password"))
            <p class="muted">\(t(RegistrationText.passwordRule))</p>
            <button type="submit">\(t(RegistrationText.submit))</button>
            </form>
            """
        return layout.page(title: t(RegistrationText.title), flash: flash, body)
    }
}

enum RegistrationText {
    static let title = LocalizedText(zh: "试点企业注册", en: "Register your enterprise")
    static let intro = LocalizedText(
        zh: "注册后由区工信局或平台运营方认证，认证通过即进入咨询诊断环节。", en: "After you register, the district certifies you and diagnosis begins.")
    static let account = LocalizedText(zh: "登录账号", en: "Your account")
    static let username = LocalizedText(zh: "用户名", en: "User name")
    static let password = LocalizedText(zh: "密码", en: "Password")
    static let passwordRule = LocalizedText(zh: "密码至少 10 位，须同时包含字母和数字", en: "At least 10 characters, with letters and digits")
    static let submit = LocalizedText(zh: "提交注册", en: "Register")
    static let done = LocalizedText(zh: "注册成功，请登录并等待认证", en: "Registered. Sign in; the district will certify you")
    static let badUsername = LocalizedText(
        zh: "用户名为 3–32 位小写字母、数字或下划线", en: "User names are 3–32 lower-case letters, digits or underscores")
    static let usernameTaken = LocalizedText(zh: "该用户名已被使用", en: "This user name is taken")
    static let weakPassword = LocalizedText(
        zh: "密码至少 10 位，须同时包含字母和数字", en: "The password needs at least 10 characters, with letters and digits")
    static let noProgramme = LocalizedText(zh: "尚未设立试点项目", en: "No programme has been set up")
    static let programme = LocalizedText(zh: "申报的试点项目", en: "Programme")
    static let chooseProgramme = LocalizedText(zh: "请选择申报的试点项目", en: "Choose the programme you register for")
    static let next = LocalizedText(zh: "下一步", en: "Next")
    static let tooMany = LocalizedText(
        zh: "该网络注册提交过于频繁，请一小时后再试", en: "Too many registrations from your connection; try again in an hour")
}
