import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// What the records page shows of one project.
struct RecordsPageModel {
    var instance: InstanceSnapshot
    var contracts: [ServiceContract]
    var payments: [ContractPayment]
    var investment: [InvestmentItem]
    var documents: [SlotDocument]
    /// The acceptance check's problems; nil when the programme does not check.
    var problems: [LocalizedText]?
    var window: FundWindow?
    var names: [String: String]
    var budget: [PlanLines.BudgetLine]
    var providerUSCC: String
    var canEdit: Bool
    /// The side the person uploads for (nil: they cannot upload).
    var side: String?
    var slotsRequired: Bool
    /// The workflow's names of the transitions slots are required for.
    var transitionLabels: [String: LocalizedText] = [:]
}

/// `/instances/:instance/records`.
struct RecordsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ model: RecordsPageModel, flash: Flash?) -> HTML {
        let title = model.instance.subjectName ?? model.instance.id
        let window: HTML =
            if let window = model.window {
                "<p>\(window.name)（\(window.opensOn) – \(window.closesOn)）</p>"
            } else {
                "<p class=\"muted\">\(t(ContractText.notFiled))</p>"
            }
        let body: HTML = """
            <p><a href="/instances/\(AppPath.encode(model.instance.id))">\(t(ContractText.back))</a></p>
            <h1>\(t(ContractText.records))：\(title)</h1><p class="muted">\(t(ContractText.recordsIntro))</p>
            \(check(model))
            <section class="card" id="window"><h2>\(t(ContractText.window))</h2>\(window)</section>
            \(slots(model))
            \(contracts(model))
            \(investment(model))
            """
        return layout.page(title: t(ContractText.records), flash: flash, body)
    }

    func check(_ model: RecordsPageModel) -> HTML {
        guard let problems = model.problems else {
            return
                "<section class=\"card\" id=\"records-check\"><h2>\(t(ContractText.check))</h2><p class=\"muted\">\(t(ContractText.checkOff))</p></section>"
        }
        let content: HTML =
            problems.isEmpty
            ? "<p class=\"ok\" id=\"check-passes\">\(t(ContractText.checkPasses))</p>"
            : "<ul id=\"check-problems\">\(problems.map { "<li>\(t($0))</li>" as HTML })</ul>"
        return "<section class=\"card\" id=\"records-check\"><h2>\(t(ContractText.check))</h2>\(content)</section>"
    }

    func slots(_ model: RecordsPageModel) -> HTML {
        let base = "/instances/\(AppPath.encode(model.instance.id))"
        let rows = RecordSlot.all.map { slot -> HTML in
            let versions = model.documents.filter { $0.slot == slot.id }
            let status: LocalizedText =
                versions.contains { $0.status == .final }
                ? ContractText.final
                : versions.isEmpty ? ContractText.missing : ContractText.draft
            let list = versions.reversed().map { document -> HTML in
                let finalForm: HTML =
                    document.status == .draft && (model.side == "district" || model.side == document.side)
                    ? """
                    <form method="post" action="\(base)/slots/\(slot.id)/\(AppPath.encode(document.id))/final" class="inline" id="slot-final-\(slot.id)-\(document.version)">\(layout.csrfField)<button type="submit">\(t(ContractText.markFinal))</button></form>
                    """ : .empty
                return """
                    <li>\(t(ContractText.version)) \(document.version) · <a href="\(base)/records/files/\(AppPath.encode(document.fileId))">\(document.fileName)</a> · \(t(ContractText.statusLabel(document.status))) · \(document.uploadedBy) \(Shanghai.dateTimeText(document.uploadedAt))\(finalForm)</li>
                    """
            }.joined()
            let uploadForm: HTML =
                model.side != nil
                ? """
                <form method="post" enctype="multipart/form-data" action="\(base)/slots/\(slot.id)" class="inline" id="slot-upload-\(slot.id)">\(layout.csrfField)<input type="file" name="file" id="s-file-\(slot.id)" required> <button type="submit">\(t(ContractText.upload))</button></form>
                """ : .empty
            let required = slot.requiredFor.map { model.transitionLabels[$0].map(t) ?? $0 }.joined(separator: "、")
            return """
                <tr id="slot-\(slot.id)"><td>\(t(slot.stage))</td><td>\(t(slot.name))</td><td class="slot-status">\(t(status))</td>
                <td>\(model.slotsRequired ? required : "")</td><td><ul class="documents">\(list)</ul>\(uploadForm)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="slots"><h2>\(t(ContractText.slots))</h2>
            <table><thead><tr><th>\(t(ContractText.stage))</th><th>\(t(ContractText.slot))</th><th>\(t(ContractText.status))</th>
            <th>\(t(ContractText.requiredBefore))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func contracts(_ model: RecordsPageModel) -> HTML {
        let rows = model.contracts.map { contract -> HTML in
            let mine = model.payments.filter { $0.contractId == contract.id }
            func sum(_ kind: ContractPayment.Kind) -> String {
                mine.filter { $0.kind == kind }.reduce(Fen.zero) { $0 + $1.amount }.yuanText
            }
            return """
                <tr><td><a href="/contracts/\(AppPath.encode(contract.id))">\(contract.contractNo)</a></td>
                <td>\(model.names[contract.providerOrganisationId] ?? "")</td><td class="num">\(contract.amount.yuanText)</td>
                <td class="num">\(sum(.invoice))</td><td class="num">\(sum(.voucher))</td>
                <td>\(t(contract.isEffective ? ContractText.effective : ContractText.awaitingScan))</td></tr>
                """
        }.joined()
        let table: HTML =
            model.contracts.isEmpty
            ? "<p class=\"muted\">\(t(ContractText.none))</p>"
            : """
            <table id="project-contracts"><thead><tr><th>\(t(ContractText.contractNo))</th><th>\(t(ContractText.provider))</th>
            <th>\(t(ContractText.amount))</th><th>\(t(ContractText.invoiced))</th><th>\(t(ContractText.paid))</th>
            <th>\(t(ContractText.status))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let form: HTML =
            model.canEdit && !model.budget.isEmpty
            ? ContractForm(layout: layout).render(
                action: "/contracts", values: ["provider_uscc": model.providerUSCC], budget: model.budget, covered: [],
                hidden: "<input type=\"hidden\" name=\"instance\" value=\"\(model.instance.id)\">",
                heading: ContractText.register,
                id: "contract-form")
            : .empty
        return "<section class=\"card\" id=\"contracts\"><h2>\(t(ContractText.title))</h2>\(table)\(form)</section>"
    }

    func investment(_ model: RecordsPageModel) -> HTML {
        let base = "/instances/\(AppPath.encode(model.instance.id))"
        let numbers = Dictionary(model.contracts.map { ($0.id, $0.contractNo) }, uniquingKeysWith: { first, _ in first })
        let rows = model.investment.map { item -> HTML in
            let remove: HTML =
                model.canEdit
                ? "<form method=\"post\" action=\"\(base)/investment/\(AppPath.encode(item.id))/delete\" class=\"inline\">\(layout.csrfField)<button type=\"submit\">\(t(ContractText.remove))</button></form>"
                : .empty
            return """
                <tr><td>\(item.item)</td><td>\(t(item.category.label))</td><td class="num">\(item.amount.yuanText)</td>
                <td>\(item.contractId.flatMap { numbers[$0] } ?? "")</td><td>\(remove)</td></tr>
                """
        }.joined()
        let total = model.investment.reduce(Fen.zero) { $0 + $1.amount }
        let table: HTML =
            model.investment.isEmpty
            ? "<p class=\"muted\">\(t(ContractText.noInvestment))</p>"
            : """
            <table id="investment-table"><thead><tr><th>\(t(ContractText.item))</th><th>\(t(ContractText.category))</th>
            <th>\(t(ContractText.paymentAmount))</th><th>\(t(ContractText.contract))</th><th></th></tr></thead><tbody>\(rows)
            <tr><th colspan="2">\(t(ContractText.total))</th><th class="num">\(total.yuanText)</th><td></td><td></td></tr></tbody></table>
            """
        let categories = InvestmentItem.Category.allCases.map {
            "<option value=\"\($0.rawValue)\">\(t($0.label))</option>" as HTML
        }
        .joined()
        let contracts =
            ["<option value=\"\">\(t(ContractText.noContract))</option>" as HTML]
            + model.contracts.map { "<option value=\"\($0.id)\">\($0.contractNo)</option>" as HTML }
        let form: HTML =
            model.canEdit
            ? """
            <form method="post" action="\(base)/investment" id="investment-form">\(layout.csrfField)<h3>\(t(ContractText.addItem))</h3>
            <div class="field"><label for="i-item">\(t(ContractText.item))</label><input id="i-item" name="item" maxlength="200" required></div>
            <div class="field"><label for="i-category">\(t(ContractText.category))</label><select id="i-category" name="category">\(categories)</select></div>
            <div class="field"><label for="i-amount">\(t(ContractText.paymentAmount))</label><input id="i-amount" name="amount" maxlength="20" required></div>
            <div class="field"><label for="i-contract">\(t(ContractText.contract))</label><select id="i-contract" name="contract">\(contracts)</select></div>
            <button type="submit">\(t(ContractText.addItem))</button></form>
            """ : .empty
        return "<section class=\"card\" id=\"investment\"><h2>\(t(ContractText.investment))</h2>\(table)\(form)</section>"
    }
}

/// `/funds/windows`.
struct WindowsView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(_ windows: [FundWindow], today: String, required: Bool, canOpen: Bool, flash: Flash?) -> HTML {
        let rows = windows.map { window -> HTML in
            let state =
                window.contains(today)
                ? ContractText.openState : window.opensOn > today ? ContractText.upcoming : ContractText.closed
            let cap = window.planCap.map { "\(window.filed) / \($0)" } ?? "\(window.filed)"
            return """
                <tr><td>\(window.name)</td><td>\(window.opensOn)</td><td>\(window.closesOn)</td><td>\(t(state))</td>
                <td class="num">\(cap)</td></tr>
                """
        }.joined()
        let table: HTML =
            windows.isEmpty
            ? "<p class=\"muted\">\(t(ContractText.noWindows))</p>"
            : """
            <table id="windows"><thead><tr><th>\(t(ContractText.windowName))</th><th>\(t(ContractText.opensOn))</th>
            <th>\(t(ContractText.closesOn))</th><th>\(t(ContractText.status))</th><th>\(t(ContractText.filed))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let form: HTML =
            canOpen
            ? """
            <section class="card"><form method="post" action="/funds/windows" id="window-form">\(layout.csrfField)<h2>\(t(ContractText.openWindow))</h2>
            <div class="field"><label for="w-name">\(t(ContractText.windowName))</label><input id="w-name" name="name" maxlength="100" required></div>
            <div class="field"><label for="w-opens">\(t(ContractText.opensOn))</label><input id="w-opens" name="opens_on" type="date" required></div>
            <div class="field"><label for="w-closes">\(t(ContractText.closesOn))</label><input id="w-closes" name="closes_on" type="date" required></div>
            <div class="field"><label for="w-cap">\(t(ContractText.planCap))</label><input id="w-cap" name="plan_cap" inputmode="numeric" maxlength="6"></div>
            <button type="submit">\(t(ContractText.openWindow))</button></form></section>
            """ : .empty
        let body: HTML = """
            <h1>\(t(ContractText.windowsTitle))</h1><p class="muted">\(t(ContractText.windowsIntro))</p>
            <section class="card">\(table)</section>\(form)
            """
        return layout.page(title: t(ContractText.windowsTitle), flash: flash, body)
    }
}
