import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The accounts page: a one-time password just issued (once), the accounts with their roles and
/// scopes and what may be done to each, enterprises nobody can sign in for, the form for a new
/// account, and the latest changes.
struct UserAdminView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Issued {
        var username: String
        var password: String
        var reset: Bool
    }

    struct Model {
        var accounts: [UserAccount]
        var matching: Int
        var total: Int
        /// Every account's user name by id (the change log names accounts the filter hides).
        var usernames: [String: String]
        var organisationNames: [String: String]
        /// Organisations other than enterprises, for the form.
        var organisations: [Organisation]
        var subIndustries: [String: LocalizedText]
        var zones: [Division]
        var areaNames: [String: LocalizedText]
        var withoutAccount: (first: [Organisation], count: Int)
        var log: [AccountLogEntry]
        var query: String
        var role: Role?
        var selfId: String
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
        var issued: Issued?
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let body: HTML = """
            <h1>\(t(UserAdminText.title))</h1>
            \(model.issued.map(issued) ?? .empty)
            <div class="grid"><div>\(createForm(model))</div><div>\(withoutAccount(model))\(log(model))</div></div>
            <section id="account-list"><h2>\(t(UserAdminText.list))</h2>
            \(filter(model))
            <table id="accounts"><thead><tr><th>\(t(UserAdminText.username))</th><th>\(t(UserAdminText.displayName))</th>\
            <th>\(t(UserAdminText.organisation))</th><th>\(t(UserAdminText.roles))</th><th>\(t(UserAdminText.status))</th>\
            <th>\(t(UserAdminText.actions))</th></tr></thead>
            <tbody>\(model.accounts.map { row($0, model) }.joined())</tbody></table>
            <p class="muted">\(t(UserAdminText.counted(shown: model.accounts.count, matching: model.matching, total: model.total)))</p>
            </section>
            """
        return layout.page(title: t(UserAdminText.title), flash: flash, body)
    }

    func issued(_ issued: Issued) -> HTML {
        """
        <div class="card" id="one-time-password" role="status">
        <h2>\(t(issued.reset ? UserAdminText.resetDone : UserAdminText.created))：\(issued.username)</h2>
        <p>\(t(UserAdminText.oneTimePassword))：<strong class="secret" id="issued-password">\(issued.password)</strong></p>
        <p class="muted">\(t(UserAdminText.handOver))</p></div>
        """
    }

    func filter(_ model: Model) -> HTML {
        let roles = AccountRoles.grantable.map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(HTML.attribute(" selected", if: model.role == role))>\(t(role.label))</option>"
        }.joined()
        return """
            <form method="get" action="\(AppPath.users.url)" class="filters" id="account-filter">
            <label for="f-q">\(t(UserAdminText.search))</label><input type="search" id="f-q" name="q" value="\(model.query)" maxlength="60">
            <label for="f-role-filter">\(t(UserAdminText.roles))</label><select id="f-role-filter" name="role_filter"><option value="">\(t(UserAdminText.anyRole))</option>\(roles)</select>
            <button type="submit">\(t(UserAdminText.filter))</button></form>
            """
    }

    func scopeText(_ grant: RoleGrant, _ model: Model) -> String {
        switch grant.scope {
        case .programme: t(UserAdminText.wholeProgramme)
        case .subIndustry(let id): model.subIndustries[id].map(t) ?? id
        case .division(let id): model.areaNames[id].map(t) ?? id
        case .organisation(let id): model.organisationNames[id] ?? id
        case .user: t(UserAdminText.ownPanels)
        }
    }

    func row(_ account: UserAccount, _ model: Model) -> HTML {
        let roles = account.grants.map { "\(t($0.role.label))（\(scopeText($0, model))）" as HTML }.joined(separator: "<br>")
        var status = t(account.active ? UserAdminText.active : UserAdminText.inactive)
        if account.active && account.mustChangePassword { status += " · " + t(UserAdminText.awaitingChange) }
        let actions: HTML
        if account.id == model.selfId {
            actions = "<a href=\"\(AppPath.accountPassword.url)\">\(t(AccountText.title))</a>"
        } else {
            let path = AppPath.users.url + "/" + AppPath.encode(account.id)
            actions = """
                <form method="post" action="\(path)/password" class="inline">\(layout.csrfField)<button type="submit" class="secondary">\(t(UserAdminText.reset))</button></form>
                <form method="post" action="\(path)/active" class="inline">\(layout.csrfField)<input type="hidden" name="active" value="\(account.active ? "0" : "1")"><button type="submit" class="secondary">\(t(account.active ? UserAdminText.deactivate : UserAdminText.reactivate))</button></form>
                """
        }
        return """
            <tr data-username="\(account.username)"\(HTML.attribute(" class=\"muted\"", if: !account.active))><td>\(account.username)</td><td>\(account.displayName)</td>\
            <td>\(account.organisationId.flatMap { model.organisationNames[$0] } ?? "—")</td><td>\(account.grants.isEmpty ? "—" : roles)</td>\
            <td>\(status)</td><td>\(actions)</td></tr>
            """
    }

    func error(_ model: Model, _ key: String) -> HTML {
        model.errors.first { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" } ?? .empty
    }

    func typed(_ model: Model, _ key: String) -> String { model.typed[key] ?? "" }

    func createForm(_ model: Model) -> HTML {
        let roles = AccountRoles.grantable.map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(HTML.attribute(" selected", if: typed(model, "role") == role.rawValue))>\(t(role.label))</option>"
        }.joined()
        let organisations = model.organisations.map { organisation -> HTML in
            let selected = HTML.attribute(" selected", if: typed(model, "organisation") == organisation.id)
            return
                "<option value=\"\(organisation.id)\"\(selected)>\(organisation.name)（\(t(UserAdminText.kind(organisation.kind)))）</option>"
        }.joined()
        let zones = model.zones.map { zone -> HTML in
            let code = zone.code.value
            return
                "<option value=\"\(code)\"\(HTML.attribute(" selected", if: typed(model, "zone") == code))>\(t(zone.name))</option>"
        }.joined()
        return """
            <form method="post" action="\(AppPath.users.url)" class="card" id="create-account"><h2>\(t(UserAdminText.create))</h2>\(layout.csrfField)
            <div class="field"><label for="f-username">\(t(UserAdminText.username))</label><input type="text" id="f-username" name="username" maxlength="32" autocomplete="off" value="\(typed(model, "username"))">\(error(model, "username"))</div>
            <div class="field"><label for="f-display_name">\(t(UserAdminText.displayName))</label><input type="text" id="f-display_name" name="display_name" maxlength="60" value="\(typed(model, "display_name"))">\(error(model, "display_name"))</div>
            <div class="field"><label for="f-role">\(t(UserAdminText.role))</label><select id="f-role" name="role"><option value="">—</option>\(roles)</select>\(error(model, "role"))</div>
            <div class="field"><label for="f-uscc">\(t(UserAdminText.uscc))</label><input type="text" id="f-uscc" name="uscc" maxlength="18" value="\(typed(model, "uscc"))"><div class="muted">\(t(UserAdminText.usccHint))</div>\(error(model, "uscc"))</div>
            <div class="field"><label for="f-organisation">\(t(UserAdminText.organisation))</label><select id="f-organisation" name="organisation"><option value="">—</option>\(organisations)</select><div class="muted">\(t(UserAdminText.organisationHint))</div>\(error(model, "organisation"))</div>
            <div class="field"><label for="f-zone">\(t(UserAdminText.zone))</label><select id="f-zone" name="zone"><option value="">—</option>\(zones)</select><div class="muted">\(t(UserAdminText.zoneHint))</div>\(error(model, "zone"))</div>
            <p class="muted">\(t(UserAdminText.createHint))</p>
            <button type="submit">\(t(UserAdminText.create))</button></form>
            """
    }

    func withoutAccount(_ model: Model) -> HTML {
        guard model.withoutAccount.count > 0 else {
            return
                "<section class=\"card\" id=\"without-account\"><h2>\(t(UserAdminText.withoutAccount))</h2><p>\(t(UserAdminText.everyEnterprise))</p></section>"
        }
        let items = model.withoutAccount.first.map { organisation -> HTML in
            let link =
                AppPath.users.url + "?role=enterprise&uscc=" + AppPath.encode(organisation.uscc ?? "") + "&display_name="
                + AppPath.encode(organisation.name + " 联系人") + "#create-account"
            return "<li><a href=\"\(link)\">\(organisation.name)</a> <span class=\"muted\">\(organisation.uscc ?? "")</span></li>"
        }.joined()
        return """
            <section class="card" id="without-account"><h2>\(t(UserAdminText.withoutAccount))（\(model.withoutAccount.count)）</h2>
            <p class="muted">\(t(UserAdminText.withoutAccountHint))</p><ul>\(items)</ul></section>
            """
    }

    func log(_ model: Model) -> HTML {
        guard !model.log.isEmpty else { return .empty }
        let names = model.usernames
        let rows = model.log.map { entry -> HTML in
            """
            <tr><td>\(Shanghai.dateTimeText(entry.at))</td><td>\(names[entry.userId] ?? entry.userId)</td>\
            <td>\(t(UserAdminText.action(entry.action)))</td><td>\(entry.actorName)</td></tr>
            """
        }.joined()
        return """
            <section class="card" id="account-log"><h2>\(t(UserAdminText.log))</h2>
            <table><thead><tr><th>\(t(UserAdminText.when))</th><th>\(t(UserAdminText.username))</th><th>\(t(UserAdminText.what))</th><th>\(t(UserAdminText.by))</th></tr></thead>
            <tbody>\(rows)</tbody></table></section>
            """
    }
}
