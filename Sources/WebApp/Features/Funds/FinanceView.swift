import Foundation
import Funds
import PilotDomain
import WorkflowEngine

/// The finance officer's workspace: the matching status, sources, due tranches to prepare,
/// releases waiting for a second officer with their matching impact, receipts, the ledger, and
/// exports for the finance bureau.
struct FinanceView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var book: FundsBook
        var names: [String: String]
        var canAct: Bool
        var userId: String
        /// Where the next approval checks 1:1 matching.
        var matching: MatchingRule = .programme
        /// The page of due tranches shown (`?page=`), from 1.
        var page = 1
        /// The clock's now: an overdue report holds a tranche from its due day on.
        var now = Date()
    }

    /// Due tranches a page: a national programme has thousands due at once, and a page of all of
    /// them took longer to render and send than the officer can read. A release is prepared from
    /// one page's choices at a time.
    static let pageSize = 100
    /// Project lines of a release's matching impact shown (those short first), and lines of one
    /// posting in the ledger: a release of 5,000 tranches has 5,000 of the one and 10,000 of the other.
    static let linesShown = 20

    func money(_ fen: Fen) -> HTML {
        "<span class=\"money\" title=\"\(fen.yuanText) 元\">\(fen.yuanText)</span> <span class=\"muted\">（\(fen.wanYuanText) 万元）</span>"
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let book = model.book
        let central = book.ledger.paid(share: .central)
        let local = book.ledger.paid(share: .local)
        let matched = local >= central
        // Leadership reads disbursed against planned: every approved subsidy not terminated.
        let planned = book.projects.values.filter { $0.hold != .terminated && $0.hold != .cancelled }.reduce(Fen.zero) {
            $0 + $1.approvedSubsidy
        }
        let sources = book.sources.values.sorted { ($0.kind == .central ? 0 : 1, $0.id) < ($1.kind == .central ? 0 : 1, $1.id) }
        let sourceRows = sources.map { source -> HTML in
            """
            <tr><td>\(t(source.name))</td><td>\(source.kind.isLocal ? t(FinanceText.local) : t(FinanceText.central))</td>
            <td class="num">\(money(source.committed))</td><td class="num">\(money(book.ledger.received(source: source.id)))</td>
            <td class="num">\(money(book.ledger.cash(source: source.id)))</td></tr>
            """
        }.joined()
        // The tranches of open releases once, not a search of every release per tranche.
        let inOpenRelease = Set(book.releases.filter(\.state.isOpen).flatMap(\.tranches))
        let due = book.projects.values.flatMap(\.tranches).filter { $0.status == .due && !inOpenRelease.contains($0.id) }
            .sorted { $0.id < $1.id }
        let pages = max(1, (due.count + Self.pageSize - 1) / Self.pageSize)
        let pageRows = due.dropFirst((min(model.page, pages + 1) - 1) * Self.pageSize).prefix(Self.pageSize)
        let dueRows = pageRows.map { tranche -> HTML in
            let project = book.projects[tranche.projectId]
            // A large amendment unsigned or a report overdue holds it too, with the reason shown.
            let waits = model.book.outstandingReason(project: tranche.projectId, at: model.now)
            let held = project.map { $0.hold != .notHeld } ?? false || waits != nil
            return """
                <tr><td>\(model.canAct && !held ? "<input type=\"checkbox\" name=\"tranche[]\" value=\"\(tranche.id.description)\" id=\"t-\(tranche.id.description)\">" as HTML : .empty)</td>
                <td><a href="\(AppPath.instance(tranche.projectId).url)">\(model.names[tranche.projectId] ?? tranche.projectId)</a></td>
                <td class="num">\(tranche.number)</td><td>\(t(tranche.milestone.label))</td><td class="num">\(money(tranche.amount))</td>
                <td class="num">\(money(tranche.central))</td><td class="num">\(money(tranche.local))</td>
                <td>\(waits.map { t($0) } ?? (held ? project.map { t($0.hold.label) } ?? "" : ""))</td></tr>
                """
        }.joined()
        let prepare: HTML =
            model.canAct && !due.isEmpty
            ? "<button type=\"submit\" id=\"prepare-release\">\(t(FinanceText.prepare))</button>" : .empty
        let open = book.releases.filter(\.state.isOpen).map { release in releaseCard(release, model) }.joined()
        let ledger = LedgerNames(book: book, enterprises: model.names, language: language)
        let postings = book.ledger.postings.suffix(30).reversed().map { posting -> HTML in
            let shown = posting.lines.prefix(Self.linesShown).map { line -> HTML in
                "<div>\(ledger.side(line.side)) \(ledger.account(line.account)) \(line.amount.yuanText)</div>"
            }.joined()
            let lines: HTML = "\(shown)\(more(posting.lines.count - Self.linesShown))"
            return
                "<tr><td class=\"num\">\(posting.number)</td><td>\(ledger.kind(posting.kind))</td><td>\(Shanghai.dateTimeText(posting.at))</td><td class=\"num\">\(money(posting.debits))</td><td class=\"muted\">\(lines)</td></tr>"
        }.joined()
        let sourceOptions = sources.map { "<option value=\"\($0.id)\">\(t($0.name))</option>" as HTML }.joined()
        let body: HTML = """
            <h1>\(t(FinanceText.title))</h1>
            <p><a href="/finance/changes" id="money-changes">\(t(MoneyChangesText.title))</a></p>
            <section class="card" id="matching-panel"><h2>\(t(FinanceText.matching))</h2>
            <p class="\(matched ? "ok-text" : "overdue")" id="matching-status">\(matched ? t(FinanceText.matched) : t(FinanceText.unmatched))</p>
            <p class="muted" id="matching-rule">\(t(model.matching == .programme ? FinanceText.ruleCity : FinanceText.ruleProject))</p>
            <table class="report"><tr><th>\(t(FinanceText.centralPaid))</th><td class="num" id="central-paid">\(money(central))</td></tr>
            <tr><th>\(t(FinanceText.localPaid))</th><td class="num" id="local-paid">\(money(local))</td></tr>
            <tr><th>\(t(FinanceText.planned))</th><td class="num" id="planned">\(money(planned))</td></tr>
            <tr><th>\(t(FinanceText.disbursed))</th><td class="num" id="disbursed">\(money(central + local))</td></tr></table></section>
            <section class="card"><h2>\(t(FinanceText.sources))</h2>
            <table class="report" id="sources"><thead><tr><th>\(t(FinanceText.source))</th><th></th><th class="num">\(t(FinanceText.committed))</th><th class="num">\(t(FinanceText.received))</th><th class="num">\(t(FinanceText.cash))</th></tr></thead><tbody>\(sourceRows)</tbody></table>
            \(model.canAct ? """
            <form method="post" action="/finance/receipts" class="filters" id="receipt-form">\(layout.csrfField)
            <div class="field"><label for="f-source">\(t(FinanceText.source))</label><select id="f-source" name="source">\(sourceOptions)</select></div>
            <div class="field"><label for="f-amount">\(t(FinanceText.amount))</label><input type="text" inputmode="decimal" id="f-amount" name="amount"></div>
            <button type="submit">\(t(FinanceText.receive))</button></form>
            """ as HTML : .empty)</section>
            <section class="card" id="open-releases"><h2>\(t(FinanceText.openReleases))</h2>\(open.text.isEmpty ? "<p class=\"muted\">—</p>" as HTML : open)</section>
            <section class="card"><h2>\(t(FinanceText.due)) <span class="muted">(\(due.count))</span></h2>
            <form method="post" action="/finance/releases" id="due-form">\(layout.csrfField)
            <table class="report" id="due-tranches"><thead><tr><th></th><th>\(t(ProjectText.enterprise))</th><th class="num">\(t(FinanceText.tranche))</th><th>\(t(FinanceText.milestone))</th><th class="num">\(t(FinanceText.amount))</th><th class="num">\(t(FinanceText.central))</th><th class="num">\(t(FinanceText.local))</th><th>\(t(FinanceText.hold))</th></tr></thead><tbody>\(dueRows)</tbody></table>
            \(pager(page: model.page, pages: pages))\(prepare)</form></section>
            \(recoveries(model, sourceOptions: sourceOptions))
            <section class="card"><h2>\(t(FinanceText.exports))</h2><p>
            <a href="/finance/export/tranches.xlsx" id="export-tranches-xlsx">\(t(FinanceText.tranches)) XLSX</a> · <a href="/finance/export/tranches.csv">CSV</a> ·
            <a href="/finance/export/ledger.xlsx" id="export-ledger-xlsx">\(t(FinanceText.ledger)) XLSX</a> · <a href="/finance/export/ledger.csv">CSV</a> ·
            <a href="/finance/export/balances.xlsx">\(t(FinanceText.balances)) XLSX</a> · <a href="/finance/export/balances.csv">CSV</a></p></section>
            <section class="card"><h2>\(t(FinanceText.ledger))</h2>
            <table class="report" id="ledger"><thead><tr><th class="num">#</th><th>\(t(LedgerText.kindHeading))</th><th>\(t(LedgerText.when))</th><th class="num">\(t(FinanceText.amount))</th><th>\(t(LedgerText.lines))</th></tr></thead><tbody>\(postings)</tbody></table></section>
            """
        return layout.page(title: t(FinanceText.title), flash: flash, body)
    }

    /// Links to the neighbouring pages of due tranches, kept with the list (`#due-tranches`).
    func pager(page: Int, pages: Int) -> HTML {
        guard pages > 1 || page > 1 else { return .empty }
        func link(_ target: Int, _ text: String) -> HTML {
            "<a href=\"/finance?page=\(target)#due-tranches\" id=\"due-page-\(target)\">\(text)</a>"
        }
        return """
            <p class="pager" id="due-pager">\(page > 1 ? link(min(page - 1, pages), "‹") : .empty) \
            \(t(FinanceText.page(page, pages))) \(page < pages ? link(page + 1, "›") : .empty)</p>
            """
    }

    /// "… and n more" under a list cut at `linesShown`.
    func more(_ hidden: Int) -> HTML {
        hidden > 0 ? "<div class=\"muted\">\(t(FinanceText.more(hidden)))</div>" : .empty
    }

    /// Terminated projects with money to recover (追回), tracked until settled.
    func recoveries(_ model: Model, sourceOptions: HTML) -> HTML {
        let open = model.book.projects.values.filter { model.book.ledger.recoveryStated(project: $0.id) > .zero }.sorted {
            $0.id < $1.id
        }
        guard !open.isEmpty else { return .empty }
        let rows = open.map { project -> HTML in
            let stated = model.book.ledger.recoveryStated(project: project.id)
            let owed = model.book.ledger.recoveryOwed(project: project.id)
            let form: HTML =
                model.canAct && owed > .zero
                ? """
                <form method="post" action="/finance/recoveries" class="inline">\(layout.csrfField)<input type="hidden" name="project" value="\(project.id)">
                <select name="source">\(sourceOptions)</select> <input type="text" inputmode="decimal" name="amount" placeholder="\(t(FinanceText.amount))"> <button type="submit">\(t(FinanceText.repay))</button></form>
                """ : .empty
            return """
                <tr><td><a href="\(AppPath.instance(project.id).url)">\(model.names[project.id] ?? project.id)</a></td>
                <td class="num">\(money(stated))</td><td class="num">\(money(owed))</td><td>\(form)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="recoveries"><h2>\(t(FinanceText.recoveries))</h2>
            <table class="report"><thead><tr><th>\(t(ProjectText.enterprise))</th><th class="num">\(t(FinanceText.toRecover))</th><th class="num">\(t(FinanceText.owed))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    func releaseCard(_ release: Release, _ model: Model) -> HTML {
        let impact = model.book.impact(of: release.tranches)
        // Projects short of matching first: they are what the approving officer must see.
        let projects = impact.projects.filter { $0.shortfall > .zero } + impact.projects.filter { $0.shortfall == .zero }
        let lines = ([impact.programme] + projects.prefix(Self.linesShown)).map { line -> HTML in
            let scope: String =
                switch line.scope {
                case .programme: t(FinanceText.programme)
                case .project(let id): model.names[id] ?? id
                }
            return """
                <tr><td>\(scope)</td><td class="num">\(money(line.centralBefore)) → \(money(line.centralAfter))</td>
                <td class="num">\(money(line.localBefore)) → \(money(line.localAfter))</td>
                <td class="num \(line.shortfall > .zero ? "overdue" : "")">\(line.shortfall > .zero ? money(line.shortfall) : "—")</td></tr>
                """
        }.joined()
        let cash = impact.cash.map { line -> HTML in
            let name = model.book.sources[line.source].map { t($0.name) } ?? line.source
            return
                "<tr><td>\(name)</td><td class=\"num\">\(money(line.before)) → \(money(line.after))</td><td class=\"num \(line.shortfall > .zero ? "overdue" : "")\">\(line.shortfall > .zero ? money(line.shortfall) : "—")</td></tr>"
        }.joined()
        let total = release.tranches.compactMap { model.book.tranche($0) }.reduce(Fen.zero) { $0 + $1.amount }
        let mine = release.preparer.userId == model.userId
        var status = t(FinanceText.prepared)
        if case .held(_, _, let reason) = release.state {
            status =
                t(FinanceText.held) + "："
                + {
                    switch reason {
                    case .matching(let shortfall, _): t(FinanceText.shortfall) + " " + shortfall.yuanText
                    case .localCash(let source, let shortfall): source + " " + t(FinanceText.shortfall) + " " + shortfall.yuanText
                    }
                }()
        }
        let actions: HTML =
            model.canAct && !mine && release.state == .prepared
            ? """
            <form method="post" action="/finance/releases/\(release.number)/approve" class="inline">\(layout.csrfField)<button type="submit" id="approve-\(release.number)">\(t(FinanceText.approve))</button></form>
            <form method="post" action="/finance/releases/\(release.number)/reject" class="inline">\(layout.csrfField)<input type="text" name="reason" placeholder="\(t(FinanceText.reason))" required> <button type="submit" class="secondary">\(t(FinanceText.reject))</button></form>
            """
            : mine ? "<p class=\"muted\">\(t(FinanceText.needsSecond))</p>" : .empty
        return """
            <article class="release" id="release-\(release.number)"><h3>\(t(FinanceText.release)) #\(release.number) · \(money(total)) · \(status)</h3>
            <p class="muted">\(t(FinanceText.preparedBy)) \(model.names[release.preparer.userId] ?? release.preparer.userId) · \(Shanghai.dateTimeText(release.preparedAt)) · \(release.tranches.count) \(t(FinanceText.tranches))</p>
            <table class="report matching-impact"><thead><tr><th>\(t(FinanceText.scope))</th><th class="num">\(t(FinanceText.centralPaid))</th><th class="num">\(t(FinanceText.localPaid))</th><th class="num">\(t(FinanceText.shortfall))</th></tr></thead><tbody>\(lines)</tbody></table>\(more(projects.count - Self.linesShown))
            <table class="report"><thead><tr><th>\(t(FinanceText.source))</th><th class="num">\(t(FinanceText.cash))</th><th class="num">\(t(FinanceText.shortfall))</th></tr></thead><tbody>\(cash)</tbody></table>
            \(actions)</article>
            """
    }
}

enum FinanceText {
    static let title = LocalizedText(zh: "资金管理", en: "Funds")
    static let matching = LocalizedText(zh: "1:1 配套情况", en: "1:1 matching")
    static let matched = LocalizedText(zh: "地方配套资金累计拨付不低于中央资金：符合要求", en: "Local payments cover central payments: matched")
    static let unmatched = LocalizedText(zh: "地方配套不足！", en: "Local payments fall short of central payments!")
    static let ruleCity = LocalizedText(
        zh: "配套规则：按全市试点整体核算 1:1（政策要求）；单个项目的配套情况仅作提示",
        en: "Rule: 1:1 for the city as a whole (the policy's rule); a project's own matching is shown for information")
    static let ruleProject = LocalizedText(
        zh: "配套规则：每个项目各自 1:1 配套，且全市整体配套（更严格的试点规则）",
        en: "Rule: every project matched 1:1 on its own, and the city as a whole (the stricter programme rule)")
    static let centralPaid = LocalizedText(zh: "中央资金累计拨付", en: "Central paid")
    static let localPaid = LocalizedText(zh: "地方配套累计拨付", en: "Local paid")
    static let sources = LocalizedText(zh: "资金来源", en: "Funding sources")
    static let planned = LocalizedText(zh: "已批准补助总额（计划）", en: "Approved subsidies (planned)")
    static let disbursed = LocalizedText(zh: "已拨付合计", en: "Disbursed")
    static let source = LocalizedText(zh: "资金来源", en: "Source")
    static let central = LocalizedText(zh: "中央", en: "Central")
    static let local = LocalizedText(zh: "地方", en: "Local")
    static let committed = LocalizedText(zh: "承诺额度", en: "Committed")
    static let received = LocalizedText(zh: "已到位", en: "Received")
    static let cash = LocalizedText(zh: "可用余额", en: "Available")
    static let amount = LocalizedText(zh: "金额（元）", en: "Amount (yuan)")
    static let receive = LocalizedText(zh: "登记资金到位", en: "Record a receipt")
    static let openReleases = LocalizedText(zh: "待复核的拨付", en: "Releases awaiting a second officer")
    static let due = LocalizedText(zh: "应拨付的资金", en: "Tranches due")
    static let tranche = LocalizedText(zh: "批次", en: "Tranche")
    static let tranches = LocalizedText(zh: "笔", en: "tranches")
    static let milestone = LocalizedText(zh: "拨付节点", en: "Milestone")
    static let hold = LocalizedText(zh: "暂停原因", en: "On hold")
    static let prepare = LocalizedText(zh: "生成拨付单（提交复核）", en: "Prepare a release (for a second officer)")
    static let exports = LocalizedText(zh: "导出（财政局报送）", en: "Exports for the finance bureau")
    static let ledger = LocalizedText(zh: "分录账", en: "Ledger")
    static let balances = LocalizedText(zh: "余额表", en: "Balances")
    static let programme = LocalizedText(zh: "全市试点合计", en: "Programme")
    static let scope = LocalizedText(zh: "范围", en: "Scope")
    static let shortfall = LocalizedText(zh: "缺口", en: "Shortfall")
    static let prepared = LocalizedText(zh: "待复核", en: "Awaiting approval")
    static let held = LocalizedText(zh: "已批准，待配套到位", en: "Approved, held until matched")
    static let approve = LocalizedText(zh: "复核通过并拨付", en: "Approve and pay")
    static let reject = LocalizedText(zh: "退回", en: "Send back")
    static let reason = LocalizedText(zh: "退回原因", en: "Reason")
    static let needsSecond = LocalizedText(zh: "您是经办人，须由另一名财务人员复核", en: "You prepared it: another officer must approve")
    static let release = LocalizedText(zh: "拨付单", en: "Release")
    static let preparedBy = LocalizedText(zh: "经办人", en: "Prepared by")
    static let preparedDone = LocalizedText(zh: "拨付单已生成，等待另一名财务人员复核", en: "Release prepared; another officer must approve it")
    static let paid = LocalizedText(zh: "已拨付并记账", en: "Paid and posted")
    static let heldDone = LocalizedText(zh: "已批准，因配套不足暂缓拨付", en: "Approved but held until local money arrives")
    static let rejected = LocalizedText(zh: "已退回", en: "Sent back")
    static let recoveries = LocalizedText(zh: "资金追回", en: "Recoveries")
    static let toRecover = LocalizedText(zh: "应追回", en: "To recover")
    static let owed = LocalizedText(zh: "尚未追回", en: "Still owed")
    static let repay = LocalizedText(zh: "登记追回到账", en: "Record a repayment")
    static let repaid = LocalizedText(zh: "追回资金已登记", en: "Repayment recorded")
    static let receivedDone = LocalizedText(zh: "资金到位已登记", en: "Receipt recorded")
    static func page(_ page: Int, _ pages: Int) -> LocalizedText {
        LocalizedText(zh: "第 \(page) / \(pages) 页", en: "Page \(page) of \(pages)")
    }
    static func more(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "……另有 \(count) 行未显示（见导出）", en: "… and \(count) more (see the exports)")
    }
}
