import Foundation
import PilotDomain

struct SyncView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(_ model: SyncPageModel, flash: Flash?) -> HTML {
        let lag = model.status.oldestUndelivered.map { "\(Int(model.now.timeIntervalSince($0))) s" } ?? "—"
        let backlogAge = model.backlog.oldest == nil ? "—" : "\(Int(model.backlog.age(now: model.now))) s"
        let counts: HTML = """
            <table id="sync-counts"><thead><tr><th>\(t(SyncText.pending))</th><th>\(t(SyncText.inFlight))</th><th>\(t(SyncText.delivered))</th><th>\(t(SyncText.dead))</th><th>\(t(SyncText.lag))</th><th>\(t(SyncText.backlog))</th><th>\(t(SyncText.backlogAge))</th></tr></thead>
            <tbody><tr><td>\(model.status.pending)</td><td>\(model.status.inFlight)</td><td>\(model.status.delivered)</td><td>\(model.status.dead)</td><td>\(lag)</td><td id="sync-backlog">\(model.backlog.events)</td><td id="sync-backlog-age">\(backlogAge)</td></tr></tbody></table>
            """
        let deadRows = model.deadLetters.map { event -> HTML in
            """
            <tr><td><a href="\(AppPath.instance(event.instanceId).url)">\(event.instanceId)</a></td><td>#\(event.sequence)</td><td>\(event.type)</td>
            <td>\(event.lastError ?? "")</td><td><form method="post" action="\(AppPath.syncReplay.url)">\(layout.csrfField)
            <input type="hidden" name="project" value="\(event.instanceId)"><button type="submit">\(t(SyncText.replay))</button></form></td></tr>
            """
        }
        let dead: HTML =
            model.deadLetters.isEmpty
            ? .empty
            : """
            <h2>\(t(SyncText.dead))</h2>
            <table id="dead-letters"><thead><tr><th>\(t(UIText.project))</th><th>#</th><th>\(t(UIText.step))</th><th>\(t(SyncText.reason))</th><th></th></tr></thead><tbody>\(deadRows)</tbody></table>
            <form method="post" action="\(AppPath.syncReplay.url)">\(layout.csrfField)<input type="hidden" name="project" value=""><button type="submit">\(t(SyncText.replayAll))</button></form>
            """
        let waitingRows = model.lagging.map { project -> HTML in
            let note: HTML = project.blocked ? " <span class=\"badge\">\(t(SyncText.blocked))</span>" : .empty
            return """
                <tr><td><a href="\(AppPath.instance(project.projectId).url)">\(project.projectId)</a>\(note)</td><td>\(project.undelivered)</td>
                <td>\(Int(model.now.timeIntervalSince(project.oldest))) s</td></tr>
                """
        }
        let waiting: HTML =
            model.lagging.isEmpty
            ? .empty
            : """
            <h2>\(t(SyncText.waiting))</h2>
            <table id="waiting"><thead><tr><th>\(t(UIText.project))</th><th>\(t(SyncText.pending))</th><th>\(t(SyncText.lag))</th></tr></thead><tbody>\(waitingRows)</tbody></table>
            """
        var reconciliation: HTML =
            model.configured
            ? "<p><a class=\"button\" href=\"\(AppPath.sync.url)?reconcile=1\">\(t(SyncText.reconcile))</a></p>" : .empty
        if let error = model.reconcileError {
            reconciliation = "\(reconciliation)<div class=\"flash error\">\(error)</div>"
        } else if model.reconciled {
            let rows = model.differences.map {
                "<tr><td>\($0.projectId)</td><td>\($0.ours)</td><td>\($0.theirs)</td></tr>" as HTML
            }
            reconciliation =
                model.differences.isEmpty
                ? "\(reconciliation)<p class=\"flash ok\">\(t(SyncText.noDifferences))</p>"
                : "\(reconciliation)<table id=\"differences\"><thead><tr><th>\(t(UIText.project))</th><th>\(t(SyncText.ours))</th><th>\(t(SyncText.theirs))</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        let body: HTML = """
            <h1>\(t(SyncText.title))</h1>
            \(model.configured ? HTML.empty : "<p class=\"muted\">\(t(SyncText.notConfigured))</p>")
            <section class="card">\(counts)</section>
            \(dead)
            \(waiting)
            <section class="card">\(reconciliation)</section>
            """
        return layout.page(title: t(SyncText.title), flash: flash, body)
    }
}
