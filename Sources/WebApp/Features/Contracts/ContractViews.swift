import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The contracts register (`/contracts`).
struct ContractListView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        _ contracts: [ServiceContract], total: Int, page: Int, pageSize: Int, names: [String: String],
        subIndustries: [SubIndustry], typed: [String: String], taskBooks: [ContractorRound] = []
    ) -> HTML {
        func option(_ value: String, _ label: String, _ field: String) -> HTML {
            "<option value=\"\(value)\"\(HTML.attribute(" selected", if: typed[field] == value))>\(label)</option>"
        }
        let kinds = [
            option("", t(ContractText.all), "kind"), option("service", t(ContractText.serviceKind), "kind"),
            option("contractor_task_book", t(ContractText.taskBookKind), "kind"),
        ].joined()
        let statuses = [
            option("", t(ContractText.all), "status"), option("effective", t(ContractText.effective), "status"),
            option("awaiting", t(ContractText.awaitingScan), "status"),
        ].joined()
        let industries =
            ([option("", t(ContractText.all), "sub_industry")]
            + subIndustries.map { option($0.id, t($0.name), "sub_industry") }).joined()
        let rows = contracts.map { contract -> HTML in
            """
            <tr><td><a href="/contracts/\(AppPath.encode(contract.id))">\(contract.contractNo)</a></td>
            <td>\(t(contract.kind == .service ? ContractText.serviceKind : ContractText.taskBookKind))</td>
            <td>\(names[contract.clientOrganisationId] ?? "")</td><td>\(names[contract.providerOrganisationId] ?? "")</td>
            <td class="num">\(contract.amount.yuanText)</td><td>\(contract.signedOn)</td>
            <td>\(t(contract.isEffective ? ContractText.effective : ContractText.awaitingScan))</td></tr>
            """
        }.joined()
        let table: HTML =
            contracts.isEmpty
            ? "<p class=\"muted\" id=\"no-contracts\">\(t(ContractText.none))</p>"
            : """
            <table id="contracts"><thead><tr><th>\(t(ContractText.contractNo))</th><th>\(t(ContractText.kind))</th>
            <th>\(t(ContractText.client))</th><th>\(t(ContractText.provider))</th><th>\(t(ContractText.amount))</th>
            <th>\(t(ContractText.signedOn))</th><th>\(t(ContractText.status))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        var query = typed
        query["page"] = nil
        let base = query.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        .joined(separator: "&")
        let pages = max(1, (total + pageSize - 1) / pageSize)
        let previous: HTML = page > 1 ? "<a href=\"/contracts?\(base)&page=\(page - 1)\">‹</a>" : .empty
        let next: HTML = page < pages ? "<a href=\"/contracts?\(base)&page=\(page + 1)\">›</a>" : .empty
        let body: HTML = """
            <h1>\(t(ContractText.title))</h1><p class="muted">\(t(ContractText.intro))</p>
            <form method="get" action="/contracts" class="filters">
            <label>\(t(ContractText.kind)) <select name="kind">\(kinds)</select></label>
            <label>\(t(ContractText.status)) <select name="status">\(statuses)</select></label>
            <label>\(t(ContractText.subIndustry)) <select name="sub_industry">\(industries)</select></label>
            <label>\(t(ContractText.contractNo)) <input name="number" maxlength="50" value="\(typed["number"] ?? "")"></label>
            <button type="submit">\(t(ContractText.filter))</button>
            <a href="/contracts/export.xlsx?\(base)">\(t(ContractText.export))</a></form>
            <section class="card">\(table)<p class="pager">\(previous) \(page) / \(pages) \(next) · \(total)</p></section>
            \(taskBookForm(taskBooks))
            """
        return layout.page(title: t(ContractText.title), body)
    }
}

extension ContractListView {
    /// A main contractor registers the signed scan of its contracting task book, once both parties signed.
    func taskBookForm(_ rounds: [ContractorRound]) -> HTML {
        guard !rounds.isEmpty else { return .empty }
        let options = rounds.map {
            "<option value=\"\($0.id)\">\($0.requirements.prefix(40).description)（\($0.termUntil)）</option>" as HTML
        }
        .joined()
        return """
            <section class="card"><form method="post" enctype="multipart/form-data" action="/contracts/task-books" id="task-book-form">\(layout.csrfField)
            <h2>\(t(ContractText.registerTaskBook))</h2>
            <div class="field"><label for="t-round">\(t(ContractText.taskBookKind))</label><select id="t-round" name="round">\(options)</select></div>
            <div class="field"><label for="t-no">\(t(ContractText.contractNo))</label><input id="t-no" name="contract_no" maxlength="50" required></div>
            <div class="field"><label for="t-date">\(t(ContractText.signedOn))</label><input id="t-date" name="signed_on" type="date" required></div>
            <div class="field"><label for="t-scan">\(t(ContractText.scan))</label><input id="t-scan" type="file" name="scan" required></div>
            <button type="submit">\(t(ContractText.registerTaskBook))</button></form></section>
            """
    }
}

/// The form that registers or changes a service contract.
struct ContractForm {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        action: String, values: [String: String], budget: [PlanLines.BudgetLine], covered: Set<String>, hidden: HTML,
        heading: LocalizedText, id: StaticString
    ) -> HTML {
        func field(_ name: String, _ label: LocalizedText, type: StaticString = "text", max: Int = 50) -> HTML {
            """
            <div class="field"><label for="c-\(name)">\(t(label))</label>
            <input id="c-\(name)" name="\(name)" type="\(HTML(raw: type))" maxlength="\(max)" value="\(values[name] ?? "")" required></div>
            """
        }
        let lines = budget.enumerated().map { index, line -> HTML in
            """
            <label><input type="checkbox" name="plan_line_\(index + 1)"\(HTML.attribute(" checked", if: covered.contains(line.item)))> \(line.item)（\(line.amount.yuanText)）</label>
            """
        }.joined()
        return """
            <form method="post" enctype="multipart/form-data" action="\(action)" class="contract-form" id="\(HTML(raw: id))">\(layout.csrfField)\(hidden)
            <h3>\(t(heading))</h3>
            \(field("contract_no", ContractText.contractNo))
            \(field("provider_uscc", ContractText.providerUSCC, max: 18))
            \(field("amount", ContractText.amount, max: 20))
            \(field("signed_on", ContractText.signedOn, type: "date", max: 10))
            \(field("starts_on", ContractText.startsOn, type: "date", max: 10))
            \(field("ends_on", ContractText.endsOn, type: "date", max: 10))
            <div class="field"><label for="c-scope">\(t(ContractText.scope))</label>
            <textarea id="c-scope" name="scope" maxlength="2000" required>\(values["scope"] ?? "")</textarea></div>
            <fieldset><legend>\(t(ContractText.planLines))</legend>\(lines)</fieldset>
            <div class="field"><label for="c-scan">\(t(ContractText.scan))</label><input id="c-scan" type="file" name="scan">
            <p class="muted">\(t(ContractText.scanHint))</p></div>
            <button type="submit">\(t(ContractText.save))</button></form>
            """
    }
}

/// One contract (`/contracts/:contract`): its terms, scan, invoices and vouchers.
struct ContractPageView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        _ contract: ServiceContract, payments: [ContractPayment], names: [String: String], instance: InstanceSnapshot?,
        providerUSCC: String, canEdit: Bool, flash: Flash?
    ) -> HTML {
        let base = "/contracts/\(AppPath.encode(contract.id))"
        let scan: HTML =
            contract.scanFileId.map { id -> HTML in
                "<a href=\"\(base)/files/\(AppPath.encode(id))\">\(t(ContractText.download))</a>"
            }
            ?? "<span class=\"muted\">\(t(ContractText.awaitingScan))</span>"
        let project: HTML =
            instance.map { instance -> HTML in
                "<dt>\(t(ContractText.project))</dt><dd><a href=\"/instances/\(AppPath.encode(instance.id))/records\">\(instance.subjectName ?? instance.id)</a></dd>"
            } ?? .empty
        let details: HTML = """
            <dl class="data">\(project)
            <dt>\(t(ContractText.kind))</dt><dd>\(t(contract.kind == .service ? ContractText.serviceKind : ContractText.taskBookKind))</dd>
            <dt>\(t(ContractText.client))</dt><dd>\(names[contract.clientOrganisationId] ?? "")</dd>
            <dt>\(t(ContractText.provider))</dt><dd>\(names[contract.providerOrganisationId] ?? "")</dd>
            <dt>\(t(ContractText.amount))</dt><dd>\(contract.amount.yuanText)</dd>
            <dt>\(t(ContractText.signedOn))</dt><dd>\(contract.signedOn)</dd>
            <dt>\(t(ContractText.startsOn))</dt><dd>\(contract.startsOn)</dd><dt>\(t(ContractText.endsOn))</dt><dd>\(contract.endsOn)</dd>
            <dt>\(t(ContractText.scope))</dt><dd>\(contract.scope)</dd>
            <dt>\(t(ContractText.planLines))</dt><dd>\(contract.planLines.joined(separator: "；"))</dd>
            <dt>\(t(ContractText.status))</dt><dd id="contract-status">\(t(contract.isEffective ? ContractText.effective : ContractText.awaitingScan))</dd>
            <dt>\(t(ContractText.scan))</dt><dd>\(scan)</dd></dl>
            """
        let rows = payments.map { payment -> HTML in
            """
            <tr><td>\(t(payment.kind.label))</td><td>\(payment.number)</td><td>\(payment.issuedOn)</td>
            <td class="num">\(payment.amount.yuanText)</td>
            <td><a href="\(base)/files/\(AppPath.encode(payment.fileId))">\(t(ContractText.download))</a></td></tr>
            """
        }.joined()
        func sum(_ kind: ContractPayment.Kind) -> String {
            payments.filter { $0.kind == kind }.reduce(Fen.zero) { $0 + $1.amount }.yuanText
        }
        let table: HTML =
            payments.isEmpty
            ? "<p class=\"muted\">\(t(ContractText.noPayments))</p>"
            : """
            <table id="payments-table"><thead><tr><th>\(t(ContractText.paymentKind))</th><th>\(t(ContractText.paymentNo))</th>
            <th>\(t(ContractText.issuedOn))</th><th>\(t(ContractText.paymentAmount))</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
            """
        let totals: HTML =
            "<p>\(t(ContractText.invoiced))：\(sum(.invoice)) · \(t(ContractText.paid))：\(sum(.voucher)) · \(t(ContractText.amount))：\(contract.amount.yuanText)</p>"
        let kinds = ContractPayment.Kind.allCases.map { "<option value=\"\($0.rawValue)\">\(t($0.label))</option>" as HTML }
            .joined()
        let paymentForm: HTML =
            canEdit
            ? """
            <form method="post" enctype="multipart/form-data" action="\(base)/payments" id="payment-form">\(layout.csrfField)
            <h3>\(t(ContractText.addPayment))</h3>
            <div class="field"><label for="p-kind">\(t(ContractText.paymentKind))</label><select id="p-kind" name="kind" required>\(kinds)</select></div>
            <div class="field"><label for="p-number">\(t(ContractText.paymentNo))</label><input id="p-number" name="number" maxlength="50" required></div>
            <div class="field"><label for="p-date">\(t(ContractText.issuedOn))</label><input id="p-date" name="issued_on" type="date" required></div>
            <div class="field"><label for="p-amount">\(t(ContractText.paymentAmount))</label><input id="p-amount" name="amount" maxlength="20" required></div>
            <div class="field"><label for="p-scan">\(t(ContractText.paymentScan))</label><input id="p-scan" type="file" name="scan" required></div>
            <button type="submit">\(t(ContractText.addPayment))</button></form>
            """ : .empty
        var budget: [PlanLines.BudgetLine] = []
        if let text = instance?.data["budget_lines"]?.stringValue, case .success(let lines) = PlanLines.budget(text) {
            budget = lines
        }
        let editForm: HTML =
            canEdit
            ? ContractForm(layout: layout).render(
                action: base,
                values: [
                    "contract_no": contract.contractNo, "amount": contract.amount.yuanText, "signed_on": contract.signedOn,
                    "starts_on": contract.startsOn, "ends_on": contract.endsOn, "scope": contract.scope,
                    "provider_uscc": providerUSCC,
                ], budget: budget, covered: Set(contract.planLines),
                hidden: "<input type=\"hidden\" name=\"version\" value=\"\(contract.version)\">", heading: ContractText.edit,
                id: "contract-edit-form")
            : .empty
        let body: HTML = """
            <p><a href="/contracts">\(t(ContractText.title))</a></p>
            <h1>\(contract.contractNo)</h1>
            <div class="grid"><div><section class="card">\(details)</section>
            <section class="card" id="payments"><h2>\(t(ContractText.payments))</h2>\(totals)\(table)\(paymentForm)</section></div>
            <div>\(canEdit ? "<section class=\"card\">\(editForm)</section>" as HTML : .empty)</div></div>
            """
        return layout.page(title: contract.contractNo, flash: flash, body)
    }
}
