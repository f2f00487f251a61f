import PilotDomain

/// The page chrome: header with navigation, the signed-in user, the language switch and sign-out.
struct Layout {
    var language: UILanguage
    var identity: Identity?
    var csrfToken: String?
    var path: String

    func t(_ text: LocalizedText) -> String { text.text(language) }

    func page(title: String, flash: Flash? = nil, _ body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(t(UIText.appName))</title>
        <link rel="stylesheet" href="\(AppPath.stylesheet.url)"></head>
        <body>
        <header class="top">
        <a class="brand" href="\(AppPath.home.url)">\(t(UIText.appName))</a>
        \(navigation)
        <div class="who">\(account)
        <a href="\(AppPath.language.url)?to=\(language == .zh ? "en" : "zh")&amp;return_to=\(AppPath.encode(path))" lang="\(language == .zh ? "en" : "zh")">\(t(UIText.language))</a>
        </div>
        </header>
        <main>
        \(flash.map { $0.html } ?? .empty)
        \(body)
        </main>
        </body></html>
        """
    }

    var navigation: HTML {
        guard let identity else { return "<nav></nav>" }
        let monitors = identity.account.grants.contains { $0.role == .admin || $0.role == .leadership }
        let sync: HTML = monitors ? "<a href=\"\(AppPath.sync.url)\">\(t(SyncText.title))</a>" : .empty
        let roles = Set(identity.account.grants.map(\.role))
        let oversight = !roles.isDisjoint(with: [.admin, .leadership, .districtOfficial, .managementProvider])
        let money = !roles.isDisjoint(with: [.financeOfficer, .leadership, .districtOfficial, .admin])
        let finance: HTML = money ? "<a href=\"/finance\">\(t(FinanceText.title))</a>" : .empty
        let management: HTML =
            oversight
            ? "<a href=\"\(AppPath.enterpriseImport.url)\">\(t(ImportText.title))</a><a href=\"\(AppPath.contractors.url)\">\(t(ContractorText.title))</a><a href=\"\(AppPath.programmeRules.url)\">\(t(RulesText.title))</a><a href=\"/selections\">\(t(SelectionText.title))</a><a href=\"/dashboard\">\(t(DashboardText.title))</a>"
            : .empty
        return """
            <nav><a href="\(AppPath.tasks.url)">\(t(UIText.myTasks))</a><a href="\(AppPath.projects.url)">\(t(ListText.title))</a><a href="/providers">\(t(ProviderText.title))</a>\(finance)\(management)<a href="\(AppPath.workflows.url)">\(t(UIText.workflows))</a>\(sync)</nav>
            """
    }

    var account: HTML {
        guard let identity else { return .empty }
        let roles = identity.account.grants.map { $0.role.label.text(language) }
        return """
            <span>\(t(UIText.signedInAs))：\(identity.account.displayName)（\(Array(Set(roles)).sorted().joined(separator: "、"))）</span>
            <form method="post" action="\(AppPath.logout.url)">\(csrfField)<button class="link" type="submit">\(t(UIText.signOut))</button></form>
            """
    }

    var csrfField: HTML {
        guard let csrfToken else { return .empty }
        return "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
    }
}

/// A one-line message above the page content.
struct Flash {
    enum Kind: String { case ok, error }
    var kind: Kind
    var text: String

    var html: HTML { "<div class=\"flash \(kind.rawValue)\" role=\"\(kind == .error ? "alert" : "status")\">\(text)</div>" }
}
