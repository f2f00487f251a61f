import PilotDomain

struct LoginView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(username: String = "", returnTo: String = "/", error: String? = nil, notice: String? = nil) -> HTML {
        let body: HTML = """
            <div class="login card">
            <h1>\(t(UIText.signIn))</h1>
            <form method="post" action="\(AppPath.login.url)">
            \(layout.csrfField)<input type="hidden" name="return_to" value="\(returnTo)">
            <label for="username">\(t(UIText.username))</label>
            <input type="text" id="username" name="username" value="\(username)" autocomplete="username" required autofocus>
            <label for="password">\(t(UIText.password))</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <button type="submit">\(t(UIText.signIn))</button>
            </form>
            <p class="muted"><a href="\(AppPath.register.url)">\(t(RegistrationText.title))</a> · <a href="\(AppPath.publicity.url)">\(t(PublicText.title))</a></p></div>
            """
        return layout.page(
            title: t(UIText.signIn),
            flash: error.map { Flash(kind: .error, text: $0) } ?? notice.map { Flash(kind: .ok, text: $0) }, body)
    }
}
