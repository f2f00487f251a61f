import PilotDomain
import WorkflowEngine

/// The form to change one's own password.
struct AccountView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(mustChange: Bool, errors: [FieldError], flash: Flash?) -> HTML {
        func field(_ name: String, _ label: LocalizedText, _ autocomplete: String) -> HTML {
            let error = errors.first { $0.field == name }
            return """
                <div class="field"><label for="f-\(name)">\(t(label))</label>
                <input type="password" id="f-\(name)" name="\(name)" autocomplete="\(autocomplete)" maxlength="200" required\(HTML.attribute(" aria-invalid=\"true\"", if: error != nil))>\
                \(error.map { "<div class=\"field-error\">\(t($0.message))</div>" as HTML } ?? .empty)</div>
                """
        }
        let body: HTML = """
            <div class="card narrow" id="change-password">
            <h1>\(t(AccountText.title))</h1>
            \(mustChange ? "<p class=\"flash error\" role=\"alert\">\(t(AccountText.mustChange))</p>" as HTML : .empty)
            <form method="post" action="\(AppPath.accountPassword.url)">\(layout.csrfField)
            \(field("current_password", mustChange ? AccountText.oneTimePassword : AccountText.current, "current-password"))
            \(field("new_password", AccountText.new, "new-password"))
            \(field("repeat_password", AccountText.repeatNew, "new-password"))
            <p class="muted">\(t(AccountText.rule))</p>
            <button type="submit">\(t(AccountText.save))</button></form></div>
            """
        return layout.page(title: t(AccountText.title), flash: flash, body)
    }
}

enum AccountText {
    static let title = LocalizedText(zh: "修改密码", en: "Change password")
    static let mustChange = LocalizedText(
        zh: "您正在使用管理员设置的一次性密码，请先设置自己的密码。", en: "You signed in with a one-time password: choose your own first.")
    static let current = LocalizedText(zh: "当前密码", en: "Current password")
    static let oneTimePassword = LocalizedText(zh: "一次性密码", en: "One-time password")
    static let new = LocalizedText(zh: "新密码", en: "New password")
    static let repeatNew = LocalizedText(zh: "再次输入新密码", en: "New password again")
    static let rule = LocalizedText(
        zh: "至少 10 位，须同时包含字母和数字，不能包含用户名。修改后，您在其他设备上的登录将失效。",
        en: "At least 10 characters with letters and digits, not containing the user name. Other sign-ins end when you change it."
    )
    static let save = LocalizedText(zh: "保存新密码", en: "Save the new password")
    static let changed = LocalizedText(zh: "密码已修改", en: "The password is changed")
    static let wrongCurrent = LocalizedText(zh: "当前密码不正确", en: "The current password is wrong")
    static let sameAsCurrent = LocalizedText(zh: "新密码不能与当前密码相同", en: "Choose a password other than the current one")
    static let mismatch = LocalizedText(zh: "两次输入的新密码不一致", en: "The two new passwords differ")
    static let link = LocalizedText(zh: "修改密码", en: "Password")
}
