import Foundation
import Funds
import PilotDomain
import PilotStore
import WorkflowEngine

/// The instance page model: built by a query, rendered by a pure function.
struct InstancePageModel {
    var instance: InstanceSnapshot
    var definition: WorkflowDefinition
    var history: [HistoryRecord]
    var available: [TransitionDefinition]
    var timers: [(timerId: String, transitionId: String, dueAt: Date)]
    var subjectName: String?
    /// The workflow diagram with the current state highlighted (none for an expert yet to declare).
    var diagram: WorkflowDiagram?
    /// After a refused submit: which form, what was typed, and what was wrong.
    var failedTransition: String?
    var typed: [String: String] = [:]
    var fieldErrors: [FieldError] = []
    /// An expert who must declare on conflicts of interest first sees only the parties and the form.
    var restricted = false
    var pickLists: [String: [(value: String, label: String)]] = [:]
    var attachments: [Attachment] = []
    var parties: [(label: LocalizedText, name: String)] = []
    /// The plan as filed, revision by revision (oldest first), for the revision diff.
    var planRevisions: [HistoryRecord] = []
    var canUpload = false
    var canRate = false
    var visibility: ProjectVisibility?
    var drafts: [String: (values: [String: String], savedAt: Date)] = [:]
    /// The project's records and the check before acceptance (issue #15, `RecordsSummary`).
    var records: HTML = .empty
    /// The reports the project owes (issue #17, `ProjectReports`), and whether the reader hands them in.
    var reports: [ReportDue] = []
    var canReport = false
    /// The store's time the page was built at (what "overdue" is judged against).
    var now = Date()
}

struct InstanceView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ model: InstancePageModel, flash: Flash?) -> HTML {
        let state = model.definition.state(model.instance.state)
        let title = model.subjectName ?? model.instance.id
        let form = FormView(language: language, csrfField: layout.csrfField, pickLists: model.pickLists)
        let actions: HTML =
            model.available.isEmpty
            ? "<p class=\"muted\">\(t(UIText.noActions))</p>"
            : model.available.enumerated().map { index, transition in
                let failed = transition.id == model.failedTransition
                let earlier = Set(model.available.prefix(index).flatMap { $0.input.map(\.name) })
                // The questionnaire has its own page; the plain form stays for a level assessed elsewhere.
                let questionnaire: HTML =
                    transition.id == "submit_diagnosis"
                    ? "<p><a class=\"button\" id=\"open-diagnosis\" href=\"\(AppPath.diagnosis(model.instance.id).url)\">\(t(DiagnosisText.open))</a></p>"
                    : .empty
                let draft = model.drafts[transition.id]
                let plain = form.form(
                    instance: model.instance, transition: transition,
                    values: failed ? model.typed : draft?.values ?? Self.resubmission(transition, model),
                    errors: failed ? model.fieldErrors : [], qualified: earlier, draftSavedAt: draft?.savedAt)
                return "\(questionnaire)\(plain)"
            }.joined()
        if model.restricted { return layout.page(title: title, flash: flash, declarationOnly(model, actions: actions)) }
        let body: HTML = """
            <h1>\(title) <span class="badge\(HTML.attribute(" final", if: state?.terminal == true))" id="state-badge">\(state.map { t($0.label) } ?? model.instance.state)</span></h1>
            <p class="muted">\(t(model.definition.title)) · \(t(UIText.version)) \(model.instance.version) · \(t(UIText.since)) \(Shanghai.dateTimeText(model.instance.stateEnteredAt))</p>
            <div class="grid">
            <div>
            <section class="card" id="actions"><h2>\(t(UIText.actions))</h2>\(actions)</section>
            \(timersSection(model))
            <section class="card"><h2>\(t(UIText.data))</h2>\(dataList(shownData(model.instance.data), definition: model.definition))</section>
            \(ProjectSections(layout: layout).diagnosis(model))
            \(ProjectSections(layout: layout).documents(model))
            \(model.records)
            \(ProjectReportsView(layout: layout).card(model))
            \(ProjectSections(layout: layout).rating(model))
            </div>
            <div>
            \(ProjectSections(layout: layout).parties(model))
            <section class="card"><h2>\(t(UIText.history))</h2>\(timeline(model))</section>
            \(ProjectSections(layout: layout).revisions(model))
            </div>
            </div>
            <section class="card"><h2>\(t(UIText.diagram))</h2>
            <div class="diagram">\(model.diagram.map { HTML(trustedDiagram: $0) })</div></section>
            """
        return layout.page(title: title, flash: flash, body)
    }

    /// What a panel expert sees before declaring: who is involved, so they can judge a conflict.
    func declarationOnly(_ model: InstancePageModel, actions: HTML) -> HTML {
        """
        <h1>\(model.subjectName ?? model.instance.id)</h1>
        <p class="notice" id="declare-first">\(t(ProjectText.declareFirst))</p>
        \(ProjectSections(layout: layout).parties(model))
        <section class="card" id="actions"><h2>\(t(UIText.actions))</h2>\(actions)</section>
        """
    }

    func timersSection(_ model: InstancePageModel) -> HTML {
        guard !model.timers.isEmpty else { return .empty }
        let items = model.timers.map { timer -> HTML in
            let label = model.definition.transition(timer.transitionId).map { t($0.label) } ?? timer.transitionId
            return "<li>\(label)：\(Shanghai.dateTimeText(timer.dueAt))</li>"
        }
        return "<section class=\"card\"><h2>\(t(UIText.pendingTimers))</h2><ul>\(items)</ul></section>"
    }

    func timeline(_ model: InstancePageModel) -> HTML {
        let items = model.history.reversed().map { record -> HTML in
            let step =
                record.transitionId == "_start"
                ? t(UIText.start) : model.definition.transition(record.transitionId).map { t($0.label) } ?? record.transitionId
            let target = model.definition.state(record.toState).map { t($0.label) } ?? record.toState
            let who = record.actorUserId == "system" ? t(UIText.systemActor) : record.actorName
            // What this person may read of the row: the same read model as the API's.
            let input = model.visibility?.input(of: record) ?? [:]
            let details: HTML =
                input.isEmpty || record.transitionId == "_start"
                ? .empty : dataList(input, definition: model.definition, transition: record.transitionId)
            return """
                <li><strong>\(step)</strong> → \(target)<br><span class="muted">\(Shanghai.dateTimeText(record.occurredAt)) · \(who)</span>\(details)</li>
                """
        }
        return "<ol class=\"timeline\">\(items)</ol>"
    }

    /// Working data the page shows elsewhere (diagnosis card, panel, parties, the timeline's
    /// recorded releases) or that is internal.
    static let hiddenData: Set<String> = [
        "assessment", "involved_organisations", "assigned_reviewers", "digital_provider_org_id", "declarations", "reviews",
        "previous_reviews", "conflicted_reviewers", "signatures", "objections", "releases", "call_id",
    ]

    func shownData(_ data: [String: JSONValue]) -> [String: JSONValue] { data.filter { !Self.hiddenData.contains($0.key) } }

    /// Field labels and money/choice formatting come from the transition's input schema, or, for
    /// the instance data, from the first transition that declares the field.
    func dataList(_ data: [String: JSONValue], definition: WorkflowDefinition? = nil, transition: String? = nil) -> HTML {
        guard !data.isEmpty else { return "<p class=\"muted\">—</p>" }
        let fields =
            transition.flatMap { definition?.transition($0)?.input } ?? definition?.transitions.flatMap(\.input) ?? []
        let rows = data.keys.sorted().map { key -> HTML in
            let field = fields.first { $0.name == key }
            let label = field.map { t($0.label) } ?? ProjectDataText.labels[key].map(t) ?? key
            let raw = data[key]
            let value: String =
                if field?.kind == .money || ProjectDataText.money.contains(key), let fen = raw?.intValue {
                    "¥" + Fen(fen).yuanText
                } else if field?.kind == .choice, let option = field?.options.first(where: { $0.value == raw?.stringValue }) {
                    t(option.label)
                } else {
                    ProjectDataText.display(key, raw, language) ?? raw?.displayText ?? ""
                }
            return "<dt>\(label)</dt><dd>\(value)</dd>"
        }
        return "<dl class=\"data\">\(rows)</dl>"
    }
}
