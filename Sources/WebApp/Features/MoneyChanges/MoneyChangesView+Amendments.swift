import Foundation
import Funds
import PilotDomain

extension MoneyChangesView {
    func amendments(_ model: Model) -> HTML {
        let rows = model.book.amendments.reversed().map { amendment -> HTML in
            let base = "/finance/amendments/\(amendment.number)"
            let mine = model.mine(amendment.preparer)
            var actions: [HTML] = []
            if model.canPropose, mine, amendment.status == .draft {
                actions.append(button("\(base)/submit", MoneyChangesText.submit, id: "submit-amendment-\(amendment.number)"))
            }
            if model.canPropose, mine, amendment.status == .draft || amendment.status.isPending {
                actions.append(
                    button(
                        "\(base)/withdraw", MoneyChangesText.withdraw, id: "withdraw-amendment-\(amendment.number)",
                        secondary: true))
            }
            if model.canDecide, !mine, amendment.status == .submitted {
                actions.append(button("\(base)/approve", MoneyChangesText.approve, id: "approve-amendment-\(amendment.number)"))
            }
            if model.canDecide, !mine, amendment.status.isPending {
                actions.append(withReason("\(base)/reject", MoneyChangesText.reject, id: "reject-amendment-\(amendment.number)"))
            }
            if model.canDecide, amendment.status == .districtApproved {
                let parties = amendment.missingSignatures.map {
                    "<option value=\"\($0.rawValue)\">\(t($0.label))</option>" as HTML
                }
                actions.append(
                    """
                    <form method="post" action="\(base)/sign" class="inline">\(layout.csrfField)\
                    <select name="party">\(parties.joined())</select> \
                    <input type="text" name="signer" placeholder="\(t(MoneyChangesText.signer))" required> \
                    <button type="submit" id="sign-amendment-\(amendment.number)">\(t(MoneyChangesText.sign))</button></form>
                    """)
            }
            let signed = amendment.signatures.keys.sorted { $0.rawValue < $1.rawValue }.map {
                "\(t($0.label))：\(amendment.signatures[$0] ?? "")"
            }.joined(separator: "；")
            let scale: HTML =
                switch (amendment.status, amendment.largeBecause) {
                case (.draft, _): .empty
                case (_, .some(let why)):
                    "<span class=\"badge\">\(t(MoneyChangesText.large))</span> <span class=\"muted\">\(t(why.label))</span>"
                case (_, nil): "<span class=\"badge\">\(t(MoneyChangesText.small))</span>"
                }
            return """
                <tr data-amendment="\(amendment.number)"><td>\(amendment.number)</td><td>\(name(model, amendment.projectId))</td>
                <td>\(terms(amendment.terms, model))</td><td>\(amendment.reason)</td>
                <td><span class="badge">\(t(amendment.status.label))</span> \(scale)\(amendment.rejection.map { "<div class=\"muted\">\($0)</div>" as HTML })</td>
                <td>\(signed)</td><td>\(name(model, amendment.preparer.userId))</td><td>\(actions.joined())</td></tr>
                """
        }
        let sources = model.book.sources.values.filter(\.kind.isLocal).sorted { $0.id < $1.id }
            .map { "<option value=\"\($0.id)\">\(t($0.name))</option>" as HTML }.joined()
        let form: HTML =
            model.canPropose
            ? """
            <form method="post" action="/finance/amendments" id="new-amendment">\(layout.csrfField)
            <h3>\(t(MoneyChangesText.newAmendment))</h3>
            <label for="amend-project">\(t(MoneyChangesText.project))</label>
            <select id="amend-project" name="project">\(projectOptions(model, model.openProjects))</select>
            <label for="amend-central">\(t(MoneyChangesText.central))</label>
            <input id="amend-central" name="central" inputmode="decimal" placeholder="\(t(MoneyChangesText.unchanged))">
            <label for="amend-local">\(t(MoneyChangesText.local))</label>
            <input id="amend-local" name="local" inputmode="decimal" placeholder="\(t(MoneyChangesText.unchanged))">
            <label for="amend-source">\(t(MoneyChangesText.source))</label>
            <select id="amend-source" name="source"><option value="">\(t(MoneyChangesText.unchanged))</option>\(sources)</select>
            <label for="amend-end">\(t(MoneyChangesText.endDate))</label><input id="amend-end" name="end_date" type="date">
            <label for="amend-scope">\(t(MoneyChangesText.scope))</label><input id="amend-scope" name="scope" maxlength="1000">
            <label for="amend-reason">\(t(MoneyChangesText.reason))</label><input id="amend-reason" name="reason" maxlength="500" required>
            <button type="submit">\(t(MoneyChangesText.save))</button></form>
            """ : .empty
        return """
            <section class="card" id="amendments"><h2>\(t(MoneyChangesText.amendments))</h2>
            <p class="muted">\(t(MoneyChangesText.amendmentHelp))</p>
            \(table("amendment-list", [LocalizedText(zh: "编号", en: "No."), MoneyChangesText.project, MoneyChangesText.terms, MoneyChangesText.reason, MoneyChangesText.status, MoneyChangesText.signatures, MoneyChangesText.preparedBy, MoneyChangesText.actions], rows))
            \(form)</section>
            """
    }

    func terms(_ terms: AmendmentTerms, _ model: Model) -> HTML {
        var parts: [HTML] = []
        if let central = terms.central { parts.append("\(t(MoneyChangesText.central))：\(money(central))") }
        if let local = terms.local { parts.append("\(t(MoneyChangesText.local))：\(money(local))") }
        if let source = terms.localSourceId {
            parts.append("\(t(MoneyChangesText.source))：\(model.book.sources[source].map { t($0.name) } ?? source)")
        }
        if let end = terms.endDate { parts.append("\(t(MoneyChangesText.endDate))：\(end)") }
        if let scope = terms.scope { parts.append("\(t(MoneyChangesText.scope))：\(scope)") }
        return parts.map { "<div>\($0)</div>" as HTML }.joined()
    }
}
