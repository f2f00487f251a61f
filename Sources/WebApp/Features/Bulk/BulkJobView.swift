import PilotDomain
import PilotStore

/// `/bulk/<job>`: a job's progress bar (the page refreshes itself while the job runs), the
/// dry-run table with each instance's result, paged, and the step the job is ready for.
struct BulkJobView {
    var layout: Layout
    static let pageSize = 50
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ job: BulkJob, items: [BulkItem], page: Int, planCounts: (canMove: Int, cannotMove: Int), flash: Flash?
    ) -> HTML {
        func button(_ action: String, _ label: LocalizedText) -> HTML {
            """
            <form method="post" action="/bulk/\(job.id)/\(action)" class="inline">\(layout.csrfField)\
            <button type="submit">\(t(label))</button></form>
            """
        }
        var actions: [HTML] = []
        if job.status == .queued || job.status == .dryRunDone { actions.append(button("dry-run", BulkText.dryRun)) }
        if job.status == .dryRunDone { actions.append(button("run", BulkText.run)) }
        if job.status == .done && job.operation == .migrate { actions.append(button("revert", BulkText.revert)) }
        // While it runs the page reloads itself every 3 s: the progress bar moves without a script.
        let refresh: HTML = job.status == .running ? "<meta http-equiv=\"refresh\" content=\"3\">" : .empty
        let rows = items.map { item -> HTML in
            let plan: LocalizedText =
                switch item.plan {
                case .canMove: BulkText.canMove
                case .cannotMove: BulkText.cannotMove
                case .unplanned: BulkText.pending
                }
            return """
                <tr data-instance="\(item.instanceId)" data-result="\(item.result.rawValue)">\
                <td><a href="/instances/\(item.instanceId)">\(item.instanceId)</a></td><td>\(item.beforeState ?? "")</td>\
                <td>\(t(plan))</td><td>\(t(BulkText.label(item.result)))</td><td>\(item.reason ?? item.changes ?? "")</td></tr>
                """
        }.joined()
        let pager: HTML = """
            \(page > 0 ? "<a href=\"/bulk/\(job.id)?page=\(page - 1)\">\(t(BulkText.previous))</a>" as HTML : .empty) \
            \((page + 1) * Self.pageSize < job.total ? "<a href=\"/bulk/\(job.id)?page=\(page + 1)\">\(t(BulkText.next))</a>" as HTML : .empty)
            """
        let body: HTML = """
            \(refresh)<h1>\(t(BulkText.title)) · \(t(job.operation.label))</h1>
            <p><span class="badge" id="bulk-status">\(t(job.status.label))</span> \(job.createdByName) · \(job.id)</p>
            <p><progress id="bulk-progress" max="\(job.total)" value="\(job.finished)"></progress> \(job.finished)/\(job.total) ·
            \(t(BulkText.moved)) \(job.moved) · \(t(BulkText.skipped)) \(job.skipped) · \(t(BulkText.failed)) \(job.failed)</p>
            <p>\(t(BulkText.plan)): \(t(BulkText.canMove)) \(planCounts.canMove) · \(t(BulkText.cannotMove)) \(planCounts.cannotMove)</p>
            <p>\(actions.joined(separator: " "))</p>
            <table id="bulk-items"><thead><tr><th>\(t(BulkText.instance))</th><th>\(t(BulkText.status))</th><th>\(t(BulkText.plan))</th>\
            <th>\(t(BulkText.result))</th><th>\(t(BulkText.detail))</th></tr></thead><tbody>\(rows)</tbody></table>
            <p>\(pager)</p>
            """
        return layout.page(title: t(BulkText.title), flash: flash, body)
    }
}
