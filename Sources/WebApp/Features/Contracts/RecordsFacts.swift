import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The look-ups of issue #15 that `ProjectCommands` passes to the engine as facts, by the
/// programme's rules:
/// - `plan_filing_windows`: `file_plan` needs a window open on the Shanghai day of filing (both ends
///   inclusive) with room under its cap; the window's id becomes the fact `fund_window_id`, which
///   the decision's write records (`fund_window_filings`), in the decision's transaction;
/// - `acceptance_records_check`: `apply_acceptance` and `resubmit_acceptance` need the contracts,
///   invoices, vouchers and investment list to agree (`RecordsCheck.acceptanceProblems`);
/// - `record_slots_required`: a transition naming record slots needs each final.
/// Whatever is missing goes to the fact `records_problems`; the guard `records_complete` refuses
/// the transition with the list, and the history row keeps it for the replay.
struct RecordsFacts {
    let services: AppServices

    func facts(for command: Command, _ instance: InstanceSnapshot) async throws -> [String: JSONValue] {
        let transition = command.transitionId
        let checked: Set<String> = ["file_plan", "apply_acceptance", "resubmit_acceptance"]
        let slots = RecordSlot.required(for: transition)
        guard checked.contains(transition) || !slots.isEmpty else { return [:] }
        let rules = try await services.store.programmes.programmeRules(instance.programmeId)
        func on(_ key: String) -> Bool { rules[key]?.boolValue ?? false }
        var facts: [String: JSONValue] = [:]
        var problems: [LocalizedText] = []
        if transition == "file_plan" && on("plan_filing_windows") {
            let day = Shanghai.dateText(services.store.clock.now())
            let (open, next) = try await services.store.records.windows(programmeId: instance.programmeId, on: day)
            let earlier = try await services.store.records.filedWindowId(instanceId: instance.id)
            if let problem = RecordsCheck.windowProblem(
                day: day, window: open, next: next, alreadyFiledThere: earlier != nil && earlier == open?.id)
            {
                problems.append(problem)
            } else if let open {
                facts[ProjectRecordRepository.fundWindowFact] = .string(open.id)
            }
        }
        if (transition == "apply_acceptance" || transition == "resubmit_acceptance") && on("acceptance_records_check") {
            problems += try await services.store.records.acceptanceProblems(instanceId: instance.id)
        }
        if !slots.isEmpty && on("record_slots_required") {
            problems += RecordsCheck.missingSlots(
                for: transition, documents: try await services.store.records.slotDocuments(instanceId: instance.id))
        }
        if !problems.isEmpty {
            facts[ProjectRecordRepository.problemsFact] = .array(
                problems.map { .object(["zh": .string($0.zh), "en": .string($0.en)]) })
        }
        return facts
    }
}
