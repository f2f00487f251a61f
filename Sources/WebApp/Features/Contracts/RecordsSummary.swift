import PilotDomain
import PilotStore
import WorkflowEngine

/// The project page's card of issue #15: the check before acceptance with each mismatch, the
/// record slots still missing a final version, and the link to the records page — for those who
/// read contracts (`contracts.read`).
struct RecordsSummary {
    let services: AppServices

    func card(_ instance: InstanceSnapshot, actor: Actor, language: UILanguage) async throws -> HTML {
        let readers = AccessPolicy.rule(for: .contractsRead).roles
        guard instance.definitionId == "enterprise-project", actor.grants.contains(where: { readers.contains($0.role) })
        else { return .empty }
        func t(_ text: LocalizedText) -> String { text.text(language) }
        let rules = try await services.store.programmes.programmeRules(instance.programmeId)
        let documents = try await services.store.records.slotDocuments(instanceId: instance.id)
        let finals = Set(documents.filter { $0.status == .final }.map(\.slot))
        let check: HTML
        if rules["acceptance_records_check"]?.boolValue == true {
            let problems = try await services.store.records.acceptanceProblems(instanceId: instance.id)
            check =
                problems.isEmpty
                ? "<p class=\"ok\" id=\"check-passes\">\(t(ContractText.checkPasses))</p>"
                : "<ul id=\"check-problems\">\(problems.map { "<li>\(t($0))</li>" as HTML })</ul>"
        } else {
            check = "<p class=\"muted\">\(t(ContractText.checkOff))</p>"
        }
        let slots =
            "\(t(ContractText.slots))：\(t(ContractText.final)) \(finals.count) / \(RecordSlot.all.count)"
        return """
            <section class="card" id="records"><h2>\(t(ContractText.records))</h2>
            <h3>\(t(ContractText.check))</h3>\(check)<p>\(slots)</p>
            <p><a class="button" href="/instances/\(AppPath.encode(instance.id))/records">\(t(ContractText.records))</a></p></section>
            """
    }
}
