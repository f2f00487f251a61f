import PilotDomain
import PilotStore
import WorkflowEngine

struct TaskRow {
    var instance: InstanceSnapshot
    var definition: WorkflowDefinition?
    var subjectName: String?
    var transitions: [TransitionDefinition]
}

struct TasksView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    /// `extra`: what other features add for the person (issue #15: new policies, pushed products).
    func render(_ rows: [TaskRow], flash: Flash?, extra: HTML = .empty) -> HTML {
        let body: HTML
        if rows.isEmpty {
            body = "<h1>\(t(UIText.myTasks))</h1><p class=\"card muted\">\(t(UIText.noTasks))</p>"
        } else {
            let lines = rows.map { row -> HTML in
                let state = row.definition?.state(row.instance.state).map { t($0.label) } ?? row.instance.state
                let actions = row.transitions.map { t($0.label) }.joined(separator: "、")
                return """
                    <tr><td><a href="\(AppPath.instance(row.instance.id).url)">\(row.subjectName ?? row.instance.id)</a></td>
                    <td><span class="badge">\(state)</span></td><td>\(actions)</td>
                    <td class="muted">\(Shanghai.dateTimeText(row.instance.stateEnteredAt))</td></tr>
                    """
            }
            body = """
                <h1>\(t(UIText.myTasks)) <span class="muted">(\(rows.count))</span></h1>
                <table id="tasks"><thead><tr><th>\(t(UIText.project))</th><th>\(t(UIText.state))</th><th>\(t(UIText.actions))</th><th>\(t(UIText.since))</th></tr></thead>
                <tbody>\(lines)</tbody></table>
                """
        }
        return layout.page(title: t(UIText.myTasks), flash: flash, "\(body)\(extra)")
    }
}
