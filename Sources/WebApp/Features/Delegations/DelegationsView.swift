import PilotDomain
import PilotStore

/// `/delegations`: the delegations one gave or received (an administrator: all of the
/// programme's), each with its status and the steps taken under it, and the form for a new one.
struct DelegationsView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    struct Row {
        var delegation: Delegation
        var uses: [DelegationUse]
        var canRevoke: Bool
        var canAct: Bool
    }

    func render(
        _ rows: [Row], colleagues: [UserAccount], principals: [UserAccount], ownId: String, ownRoles: [Role],
        today: String,
        errors: [(field: String, message: LocalizedText)],
        form: [String: String], flash: Flash?
    ) -> HTML {
        let list: HTML
        if rows.isEmpty {
            list = "<p class=\"card muted\">\(t(DelegationText.none))</p>"
        } else {
            list = """
                <table id="delegations"><thead><tr><th>\(t(DelegationText.principal))</th><th>\(t(DelegationText.delegate))</th>\
                <th>\(t(DelegationText.roles))</th><th>\(t(DelegationText.startsOn)) – \(t(DelegationText.endsOn))</th>\
                <th>\(t(DelegationText.reason))</th><th>\(t(DelegationText.status))</th><th>\(t(DelegationText.uses))</th><th></th></tr></thead>
                <tbody>\(rows.map { row(  $0, today: today) })</tbody></table>
                """
        }
        let message = { (field: String) -> HTML in
            errors.first { $0.field == field }.map { "<p class=\"error\">\(t($0.message))</p>" as HTML } ?? .empty
        }
        let options = colleagues.map { account -> HTML in
            let selected = HTML.attribute(" selected", if: form["delegate"] == account.id)
            return "<option value=\"\(account.id)\"\(selected)>\(account.displayName)（\(account.username)）</option>"
        }.joined()
        // Only an administrator is given the principal's field (empty `principals`: oneself).
        let principalField: HTML
        if principals.isEmpty {
            principalField = .empty
        } else {
            let choice = form["principal"] ?? ownId
            let people = principals.map { account -> HTML in
                let selected = HTML.attribute(" selected", if: choice == account.id)
                return "<option value=\"\(account.id)\"\(selected)>\(account.displayName)（\(account.username)）</option>"
            }.joined()
            principalField = """
                <label for="principal">\(t(DelegationText.principal))</label>
                <select id="principal" name="principal">\(people)</select>\(message("principal"))
                """
        }
        let chosen = Set((form["roles"] ?? "").split(separator: ",").map(String.init))
        let boxes = ownRoles.map { role -> HTML in
            let checked = HTML.attribute(" checked", if: chosen.contains(role.rawValue))
            return
                "<label><input type=\"checkbox\" name=\"roles[]\" value=\"\(role.rawValue)\"\(checked)> \(t(role.label))</label>"
        }.joined()
        let body: HTML = """
            <h1>\(t(DelegationText.title))</h1><p class="muted">\(t(DelegationText.help))</p>
            \(list)
            <section class="card" id="new-delegation"><h2>\(t(DelegationText.newTitle))</h2>
            <form method="post" action="/delegations">\(layout.csrfField)\(principalField)
            <label for="delegate">\(t(DelegationText.delegate))</label>
            <select id="delegate" name="delegate"><option value=""></option>\(options)</select>\(message("delegate"))
            <fieldset><legend>\(t(DelegationText.roles))</legend>\(boxes)</fieldset>\(message("roles"))
            <label for="starts_on">\(t(DelegationText.startsOn))</label>
            <input id="starts_on" name="starts_on" type="date" value="\(form["starts_on"] ?? today)">\(message("starts_on"))
            <label for="ends_on">\(t(DelegationText.endsOn))</label>
            <input id="ends_on" name="ends_on" type="date" value="\(form["ends_on"] ?? "")">\(message("ends_on"))
            <label for="reason">\(t(DelegationText.reason))</label>
            <input id="reason" name="reason" maxlength="500" value="\(form["reason"] ?? "")">\(message("reason"))
            <button type="submit">\(t(DelegationText.create))</button></form></section>
            """
        return layout.page(title: t(DelegationText.title), flash: flash, body)
    }

    func row(_ row: Row, today: String) -> HTML {
        let delegation = row.delegation
        let status: LocalizedText =
            delegation.revokedAt != nil
            ? DelegationText.revokedStatus
            : delegation.isActive(on: today)
                ? DelegationText.active : (delegation.startsOn > today ? DelegationText.notYet : DelegationText.ended)
        let uses: HTML =
            row.uses.isEmpty
            ? "<span class=\"muted\">\(t(DelegationText.noUses))</span>"
            : row.uses.map { use -> HTML in
                let step: HTML =
                    if let instance = use.instanceId {
                        "<a href=\"/instances/\(instance)\">\(use.transitionId)</a>"
                    } else {
                        "<a href=\"/finance\">\(use.transitionId)</a> \(use.detail ?? "")"
                    }
                return "\(step) <span class=\"muted\">\(Shanghai.dateTimeText(use.occurredAt))</span>"
            }.joined(separator: "<br>")
        let revoke: HTML =
            row.canRevoke
            ? """
            <form method="post" action="/delegations/\(delegation.id)/revoke" class="inline">\(layout.csrfField)\
            <button type="submit" class="link">\(t(DelegationText.revoke))</button></form>
            """ : .empty
        let act: HTML =
            row.canAct
            ? """
            <form method="post" action="/delegations/\(delegation.id)/act" class="inline">\(layout.csrfField)\
            <button type="submit">\(t(DelegationText.act))</button></form>
            """ : .empty
        return """
            <tr data-delegation="\(delegation.id)"><td>\(delegation.principalName)</td><td>\(delegation.delegateName)</td>
            <td>\(delegation.roles.map { t($0.label) }.joined(separator: "、"))</td><td>\(delegation.startsOn) – \(delegation.endsOn)</td>
            <td>\(delegation.reason)</td><td><span class="badge">\(t(status))</span></td><td>\(uses)</td><td>\(act) \(revoke)</td></tr>
            """
    }
}
