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
        <link rel="stylesheet" href="\(AppPath.stylesheet.url)"><script src="\(AppPath.printScript.url)" defer></script></head>
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

    /// A navigation link and the feature action its page is for: the link appears exactly when
    /// `AccessPolicy` lets the person take that action, the same answer the page's route group gives.
    struct NavLink {
        var href: String
        var title: LocalizedText
        var action: FeatureAction
        /// Shown only in a diagnosis campaign (true), only outside one (false), or in any programme (nil):
        /// a campaign has no projects or funds, a pilot no coverage.
        var campaign: Bool? = nil
    }

    static let links: [NavLink] = [
        NavLink(href: AppPath.tasks.url, title: UIText.myTasks, action: .tasksRead, campaign: false),
        NavLink(href: AppPath.projects.url, title: ListText.title, action: .projectsList, campaign: false),
        NavLink(href: "/providers", title: ProviderText.title, action: .providersRead),
        NavLink(href: "/catalogue", title: CatalogueText.title, action: .catalogueRead),
        NavLink(
            href: AppPath.poolApplications.url, title: AdmissionText.applicationsTitle, action: .admissionList, campaign: false),
        NavLink(href: "/centres", title: CentreText.title, action: .centresRead, campaign: false),
        NavLink(href: "/training", title: TrainingText.title, action: .trainingRead, campaign: false),
        NavLink(href: "/mobilisation", title: MobilisationText.title, action: .mobilisationRead, campaign: false),
        NavLink(href: "/programme", title: DossierPageText.programmeTitle, action: .programmeRead, campaign: false),
        NavLink(href: "/policies", title: PolicyText.title, action: .policiesRead, campaign: false),
        NavLink(href: "/supply-demand", title: HallText.title, action: .hallRead, campaign: false),
        NavLink(href: "/contracts", title: ContractText.title, action: .contractsRead, campaign: false),
        NavLink(href: "/funds/windows", title: ContractText.windowsTitle, action: .windowsRead, campaign: false),
        NavLink(href: "/diagnosis", title: CampaignText.title, action: .diagnosisFill, campaign: true),
        NavLink(href: "/diagnosis/coverage", title: SupervisionText.coverageTitle, action: .diagnosisSupervise, campaign: true),
        NavLink(href: "/diagnosis/offline", title: SupervisionText.offlineTitle, action: .diagnosisAssignOffline, campaign: true),
        NavLink(href: "/diagnosis/liaison", title: LiaisonText.title, action: .diagnosisLiaison, campaign: true),
        NavLink(href: "/finance", title: FinanceText.title, action: .financeRead, campaign: false),
        NavLink(href: AppPath.enterpriseImport.url, title: ImportText.title, action: .enterprisesImport, campaign: false),
        NavLink(href: AppPath.contractors.url, title: ContractorText.title, action: .contractorsRead, campaign: false),
        NavLink(href: AppPath.contractorCalls.url, title: ContractorRoundText.calls, action: .contractorsApply, campaign: false),
        NavLink(href: AppPath.programmeRules.url, title: RulesText.title, action: .rulesRead, campaign: false),
        NavLink(href: "/cases", title: CaseText.title, action: .casesRead, campaign: false),
        NavLink(href: "/selections", title: SelectionText.title, action: .selectionsRead, campaign: false),
        NavLink(href: "/dashboard", title: DashboardText.title, action: .dashboardRead, campaign: false),
        NavLink(href: "/dashboard/national", title: NationalRollupText.title, action: .dashboardNational, campaign: false),
        NavLink(href: AppPath.workflows.url, title: UIText.workflows, action: .workflowsRead),
        NavLink(href: AppPath.sync.url, title: SyncText.title, action: .syncMonitor),
        NavLink(href: AppPath.users.url, title: UserAdminText.title, action: .usersAdminister),
        NavLink(href: "/delegations", title: DelegationText.title, action: .delegationsManage),
        NavLink(href: "/bulk", title: BulkText.title, action: .bulkManage),
    ]

    var navigation: HTML {
        guard let identity else { return "<nav></nav>" }
        let campaign = identity.actsInCampaign
        let shown = Self.links.filter { link in
            AccessPolicy.allows(identity, link.action) && (link.campaign.map { $0 == campaign } ?? true)
        }
        return "<nav>\(shown.map { "<a href=\"\($0.href)\">\(t($0.title))</a>" as HTML })</nav>"
    }

    /// The programme the person acts in; with grants in several, a switch (issue #12: one
    /// deployment, many programmes, one at a time).
    var programmeSwitch: HTML {
        guard let identity, let current = identity.programmes.first(where: { $0.id == identity.programmeId }) else {
            return .empty
        }
        guard identity.programmes.count > 1, identity.sessionToken != nil else {
            return "<span class=\"programme\">\(t(current.name))</span>"
        }
        let options = identity.programmes.map { choice -> HTML in
            let selected = HTML.attribute(" selected", if: choice.id == current.id)
            return "<option value=\"\(choice.code)\"\(selected)>\(t(choice.name))</option>"
        }.joined()
        return """
            <form method="post" action="\(AppPath.programmeSwitch.url)" class="programme-switch">\(csrfField)\
            <label for="programme-choice">\(t(UIText.programme))</label><select id="programme-choice" name="programme">\(options)</select>\
            <button type="submit" class="link">\(t(UIText.switchProgramme))</button></form>
            """
    }

    var account: HTML {
        guard let identity else { return .empty }
        let roles = identity.account.grants.map { $0.role.label.text(language) }
        return """
            \(programmeSwitch)<span>\(t(UIText.signedInAs))：\(identity.actingName)（\(Array(Set(roles)).sorted().joined(separator: "、"))）</span>\(actingForStop)
            \(inboxLink)<a href="\(AppPath.accountPassword.url)">\(t(AccountText.link))</a>
            <form method="post" action="\(AppPath.logout.url)">\(csrfField)<button class="link" type="submit">\(t(UIText.signOut))</button></form>
            """
    }

    /// Acting for a principal (issue #17): a button back to one's own grants.
    var actingForStop: HTML {
        guard identity?.delegation != nil else { return .empty }
        return """
            <form method="post" action="/delegations/stop" id="acting-for">\(csrfField)\
            <button class="link" type="submit">\(t(DelegationText.stopActing))</button></form>
            """
    }

    /// The inbox with the count of unread notices (issue #17).
    var inboxLink: HTML {
        guard let identity, identity.sessionToken != nil else { return .empty }
        let badge: HTML =
            identity.unreadNotices > 0
            ? "<span class=\"badge unread\" id=\"unread-count\">\(identity.unreadNotices)</span>" : .empty
        return "<a href=\"/inbox\" id=\"inbox-link\">\(t(NotificationText.title))\(badge)</a>"
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
