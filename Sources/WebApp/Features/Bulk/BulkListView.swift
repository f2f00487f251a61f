import PilotDomain
import PilotStore

/// `/bulk`: the programme's jobs, newest first, with their progress, and the form for a new one.
struct BulkListView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(_ jobs: [BulkJob], workflows: [String], form: [String: String], flash: Flash?) -> HTML {
        let list: HTML
        if jobs.isEmpty {
            list = "<p class=\"card muted\">\(t(BulkText.none))</p>"
        } else {
            let rows = jobs.map { job -> HTML in
                """
                <tr data-job="\(job.id)"><td><a href="/bulk/\(job.id)">\(job.id)</a></td><td>\(t(job.operation.label))</td>\
                <td><span class="badge">\(t(job.status.label))</span></td>\
                <td><progress max="\(job.total)" value="\(job.finished)"></progress> \(job.finished)/\(job.total)</td>\
                <td>\(job.createdByName)</td><td>\(Shanghai.dateTimeText(job.createdAt))</td></tr>
                """
            }.joined()
            list = """
                <table id="bulk-jobs"><thead><tr><th>ID</th><th>\(t(BulkText.operation))</th><th>\(t(BulkText.status))</th>\
                <th>\(t(BulkText.progress))</th><th>\(t(BulkText.createdBy))</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        let operations = [BulkOperation.migrate, .cancel, .reassign, .retry, .restart].map { operation -> HTML in
            let selected = HTML.attribute(" selected", if: form["operation"] == operation.rawValue)
            return "<option value=\"\(operation.rawValue)\"\(selected)>\(t(operation.label))</option>"
        }.joined()
        let workflowOptions = workflows.map { id -> HTML in
            let selected = HTML.attribute(" selected", if: form["workflow"] == id)
            return "<option value=\"\(id)\"\(selected)>\(id)</option>"
        }.joined()
        func field(_ name: String, _ label: LocalizedText, type: String = "text") -> HTML {
            """
            <label for="\(name)">\(t(label))</label><input id="\(name)" name="\(name)" type="\(type)" value="\(form[name] ?? "")">
            """
        }
        let body: HTML = """
            <h1>\(t(BulkText.title))</h1><p class="muted">\(t(BulkText.help))</p>
            \(list)
            <section class="card" id="new-bulk-job"><h2>\(t(BulkText.newJob))</h2>
            <form method="post" action="/bulk">\(layout.csrfField)
            <label for="operation">\(t(BulkText.operation))</label><select id="operation" name="operation">\(operations)</select>
            <label for="workflow">\(t(BulkText.workflow))</label><select id="workflow" name="workflow">\(workflowOptions)</select>
            \(field("version", BulkText.version, type: "number"))\(field("states", BulkText.states))\
            \(field("division", BulkText.division))\(field("sub_industry", BulkText.subIndustry))\
            \(field("older_than_days", BulkText.age, type: "number"))
            <label for="csv">\(t(BulkText.ids))</label><textarea id="csv" name="csv" rows="3">\(form["csv"] ?? "")</textarea>
            \(field("target_version", BulkText.target, type: "number"))
            <label for="state_map">\(t(BulkText.stateMap))</label><textarea id="state_map" name="state_map" rows="2">\(form["state_map"] ?? "")</textarea>
            \(field("restart_state", BulkText.restartState))\(field("reason", BulkText.reason))\(field("from_user", BulkText.fromUser))\(field("to_user", BulkText.toUser))
            <button type="submit">\(t(BulkText.create))</button></form></section>
            """
        return layout.page(title: t(BulkText.title), flash: flash, body)
    }
}
