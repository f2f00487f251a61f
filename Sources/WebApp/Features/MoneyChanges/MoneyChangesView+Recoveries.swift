import Foundation
import Funds
import PilotDomain

extension MoneyChangesView {
    func recoveries(_ model: Model) -> HTML {
        let book = model.book
        let rows = book.recoveryDemands.reversed().map { demand -> HTML in
            let base = "/finance/demands/\(demand.number)"
            var actions: [HTML] = []
            if model.canCorrect, demand.state == .prepared, !model.mine(demand.preparer) {
                actions.append(button("\(base)/approve", MoneyChangesText.approve, id: "approve-demand-\(demand.number)"))
                actions.append(withReason("\(base)/reject", MoneyChangesText.reject, id: "reject-demand-\(demand.number)"))
            }
            let pending = demand.settlements.first(where: \.isPending)
            if model.canCorrect, let pending, !model.mine(pending.preparer) {
                actions.append(
                    button(
                        "\(base)/settlements/approve", MoneyChangesText.approveSettlement,
                        id: "approve-settlement-\(demand.number)"))
            }
            if model.canCorrect, demand.state == .open, pending == nil {
                let tranches = (book.projects[demand.projectId]?.tranches ?? []).filter { $0.status == .due }.map {
                    "<option value=\"\($0.id.description)\">#\($0.number) \($0.amount.yuanText)</option>" as HTML
                }.joined()
                let sources = book.sources.values.sorted { $0.id < $1.id }
                    .map { "<option value=\"\($0.id)\">\(t($0.name))</option>" as HTML }.joined()
                actions.append(
                    """
                    <form method="post" action="\(base)/settlements" class="inline">\(layout.csrfField)\
                    <label><input type="radio" name="kind" value="offset"> \(t(MoneyChangesText.offset))</label> \
                    <select name="tranche"><option value=""></option>\(tranches)</select> \
                    <label><input type="radio" name="kind" value="repayment" checked> \(t(MoneyChangesText.repayment))</label> \
                    <input name="amount" inputmode="decimal" placeholder="\(t(MoneyChangesText.amount))"> \
                    <select name="source">\(sources)</select> \
                    <button type="submit" id="settle-\(demand.number)">\(t(MoneyChangesText.settle))</button></form>
                    """)
            }
            let settlements = demand.settlements.map { settlement -> HTML in
                let what: String =
                    switch settlement.kind {
                    case .offset(let tranche): "\(t(MoneyChangesText.offset)) \(tranche)"
                    case .repayment(let amount, let source): "\(t(MoneyChangesText.repayment)) \(amount.yuanText) → \(source)"
                    }
                let state =
                    settlement.isPending ? t(MoneyChangesText.pendingSettlement) : settlement.posting.map { "#\($0)" } ?? ""
                return "<div>\(what)（\(state)）</div>"
            }.joined()
            let overdue: HTML =
                demand.isOverdue(at: model.now) ? " <span class=\"badge overdue\">\(t(MoneyChangesText.overdue))</span>" : .empty
            return """
                <tr data-demand="\(demand.number)"><td>\(demand.number)</td><td>\(name(model, demand.projectId))</td>
                <td class="num">\(money(demand.amount))</td><td>\(Shanghai.dateText(demand.due))\(overdue)</td>
                <td class="num">\(money(demand.outstanding))</td><td>\(demand.state.rawValue)</td><td>\(demand.reason)\(settlements)</td>
                <td>\(name(model, demand.preparer.userId))</td><td>\(actions.joined())</td></tr>
                """
        }
        let projects = book.projects.values.filter {
            book.ledger.paid(project: $0.id, share: .central) + book.ledger.paid(project: $0.id, share: .local) > .zero
        }.sorted { $0.id < $1.id }
        let form: HTML =
            model.canCorrect
            ? """
            <form method="post" action="/finance/demands" id="new-demand">\(layout.csrfField)
            <h3>\(t(MoneyChangesText.newDemand))</h3>
            <label for="demand-project">\(t(MoneyChangesText.project))</label>
            <select id="demand-project" name="project">\(projectOptions(model, projects))</select>
            <label for="demand-amount">\(t(MoneyChangesText.amount))</label><input id="demand-amount" name="amount" inputmode="decimal" required>
            <label for="demand-due">\(t(MoneyChangesText.due))</label><input id="demand-due" name="due" type="date">
            <label for="demand-reason">\(t(MoneyChangesText.reason))</label><input id="demand-reason" name="reason" required>
            <button type="submit">\(t(MoneyChangesText.save))</button></form>
            """ : .empty
        return """
            <section class="card" id="recoveries"><h2>\(t(MoneyChangesText.recoveries))</h2>
            <p class="muted">\(t(MoneyChangesText.recoveryHelp))</p>
            \(table("demand-list", [LocalizedText(zh: "编号", en: "No."), MoneyChangesText.project, MoneyChangesText.amount, MoneyChangesText.due, MoneyChangesText.outstanding, MoneyChangesText.status, MoneyChangesText.reason, MoneyChangesText.preparedBy, MoneyChangesText.actions], rows))
            \(form)</section>
            """
    }

    func reports(_ model: Model) -> HTML {
        let book = model.book
        let soon = model.now.addingTimeInterval(60 * 86_400)
        let shown =
            book.reports.filter { report in
                report.state == .due && (ReportingCalendar.day(report.dueDay).map { $0 <= soon } ?? false)
            } + book.reports.filter { $0.state == .submitted }.suffix(20).reversed()
        let rows = shown.prefix(300).map { report -> HTML in
            let overdue = report.isOverdue(at: model.now)
            let action: HTML =
                model.canReport && report.state == .due
                ? """
                <form method="post" action="/finance/reports/\(report.number)/submit" class="inline">\(layout.csrfField)\
                <input name="summary" placeholder="\(t(MoneyChangesText.summary))" required> \
                <button type="submit" id="submit-report-\(report.number)">\(t(MoneyChangesText.record))</button></form>
                """
                : report.submission.map {
                    "<span class=\"muted\">\($0.byName) \(Shanghai.dateText($0.at))：\($0.summary)</span>" as HTML
                } ?? .empty
            return """
                <tr data-report="\(report.number)"><td>\(name(model, report.projectId))</td><td>\(t(report.kind.label))</td>
                <td>\(report.periodStart) – \(report.periodEnd)</td>
                <td class="\(overdue ? "overdue" : "")">\(report.dueDay)\(overdue ? " \(t(MoneyChangesText.overdue))" : "")</td>
                <td>\(report.state.rawValue)</td><td>\(action)</td></tr>
                """
        }
        let scheduled = Set(book.reports.map(\.projectId))
        let form: HTML =
            model.canReport
            ? """
            <form method="post" action="/finance/reports" class="inline" id="new-calendar">\(layout.csrfField)
            <select name="project">\(projectOptions(model, model.openProjects.filter { !scheduled.contains($0.id) }))</select>
            <label>\(t(MoneyChangesText.start)) <input name="start" type="date" required></label>
            <label>\(t(MoneyChangesText.endDate)) <input name="end" type="date" required></label>
            <button type="submit">\(t(MoneyChangesText.schedule))</button></form>
            """ : .empty
        return """
            <section class="card" id="reports"><h2>\(t(MoneyChangesText.reports))</h2>
            <p class="muted">\(t(MoneyChangesText.reportHelp))</p><p class="muted">\(t(MoneyChangesText.shownReports))</p>
            \(table("report-list", [MoneyChangesText.project, LocalizedText(zh: "类型", en: "Kind"), MoneyChangesText.period, MoneyChangesText.due, MoneyChangesText.status, MoneyChangesText.actions], Array(rows)))
            \(form)</section>
            """
    }
}
