import PilotDomain
import WorkflowEngine

struct WorkflowsView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func list(_ definitions: [WorkflowDefinition]) -> HTML {
        let rows = definitions.map { definition -> HTML in
            """
            <tr><td><a href="\(AppPath.workflow(definition.id).url)">\(t(definition.title))</a></td><td>\(definition.id)</td>
            <td>v\(definition.version)</td><td>\(definition.states.count)</td><td>\(definition.transitions.count)</td></tr>
            """
        }
        let body: HTML = """
            <h1>\(t(UIText.workflows))</h1>
            <table><thead><tr><th>\(t(UIText.workflows))</th><th>ID</th><th>\(t(UIText.version))</th><th>\(layout.language == .zh ? "状态数" : "States")</th><th>\(layout.language == .zh ? "事项数" : "Transitions")</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return layout.page(title: t(UIText.workflows), body)
    }

    func detail(_ definition: WorkflowDefinition, counts: [String: Int], diagram: WorkflowDiagram) -> HTML {
        let states = definition.states.map { state -> HTML in
            let label: HTML = state.terminal ? " <span class=\"badge final\">\(t(UIText.terminal))</span>" : .empty
            return
                "<tr><td>\(t(state.label))\(label)</td><td>\(state.id)</td><td>\(counts[state.id] ?? 0)</td><td>\(state.slaDays.map(String.init) ?? "—")</td></tr>"
        }
        let transitions = definition.transitions.map { transition -> HTML in
            let roles = transition.roles.map { t($0.label) }.joined(separator: "、")
            return
                "<tr><td>\(t(transition.label))</td><td>\(transition.from.joined(separator: ", ")) → \(transition.to)</td><td>\(roles)</td></tr>"
        }
        let body: HTML = """
            <h1>\(t(definition.title)) <span class="muted">v\(definition.version)</span></h1>
            <section class="card"><div class="diagram">\(HTML(trustedDiagram: diagram))</div>
            <p class="muted"><a href="\(AppPath.workflowSVG(definition.id).url)">SVG</a></p></section>
            <h2>\(layout.language == .zh ? "状态" : "States")</h2>
            <table><thead><tr><th>\(t(UIText.state))</th><th>ID</th><th>\(t(UIText.instancesCount))</th><th>SLA (\(layout.language == .zh ? "天" : "days"))</th></tr></thead><tbody>\(states)</tbody></table>
            <h2>\(layout.language == .zh ? "办理事项" : "Transitions")</h2>
            <table><thead><tr><th>\(t(UIText.step))</th><th>\(layout.language == .zh ? "流转" : "From → to")</th><th>\(layout.language == .zh ? "办理角色" : "Roles")</th></tr></thead><tbody>\(transitions)</tbody></table>
            """
        return layout.page(title: t(definition.title), body)
    }
}
