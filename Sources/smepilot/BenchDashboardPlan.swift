import PilotDomain
import WorkflowEngine

/// The shape of the dashboard benchmark's data set: how one programme's projects spread over the
/// lifecycle of `Workflows/enterprise-project.yaml`, and the transitions each took to get there
/// (its history rows). The seeder turns this table into rows with set-based SQL.
///
/// The spread is that of a programme some eight months in: most projects in implementation, a
/// steady stream still in diagnosis and review, a first batch accepted, a few dropped. With these
/// shares a project has 10.9 history rows on average (5.4 million for 100 × 5,000).
enum DashboardBenchPlan {
    struct Step: Sendable {
        var transition: String
        var from: String
        var to: String
    }

    /// The usual way through the lifecycle, one history row per step: registration, diagnosis,
    /// plan, a two-expert review, approval, publicity, three signatures counted as two rows (the
    /// task book's last signature moves it on), the mid-term evaluation, acceptance and closing.
    static let mainPath: [Step] = [
        Step(transition: "_start", from: "", to: "registered"),
        Step(transition: "certify_registration", from: "registered", to: "diagnosing"),
        Step(transition: "submit_diagnosis", from: "diagnosing", to: "diagnosis_submitted"),
        Step(transition: "accept_diagnosis", from: "diagnosis_submitted", to: "diagnosed"),
        Step(transition: "file_plan", from: "diagnosed", to: "plan_filed"),
        Step(transition: "assign_reviewers", from: "plan_filed", to: "under_review"),
        Step(transition: "submit_review", from: "under_review", to: "under_review"),
        Step(transition: "submit_review", from: "under_review", to: "awaiting_decision"),
        Step(transition: "approve_plan", from: "awaiting_decision", to: "approved"),
        Step(transition: "publish_publicity", from: "approved", to: "publicity"),
        Step(transition: "close_publicity", from: "publicity", to: "task_book_signing"),
        Step(transition: "sign_task_book", from: "task_book_signing", to: "task_book_signing"),
        Step(transition: "sign_task_book", from: "task_book_signing", to: "task_book_signed"),
        Step(transition: "file_task_book", from: "task_book_signed", to: "implementation"),
        Step(transition: "start_midterm", from: "implementation", to: "midterm_evaluation"),
        Step(transition: "pass_midterm", from: "midterm_evaluation", to: "implementation"),
        Step(transition: "apply_acceptance", from: "implementation", to: "acceptance_review"),
        Step(transition: "accept_project", from: "acceptance_review", to: "final_settlement"),
        Step(transition: "close_project", from: "final_settlement", to: "accepted"),
    ]

    /// Where projects stand: a state, its share in per mille, how many steps of the main path led
    /// there, and the step that left the main path (a return, a rejection, a withdrawal…), if any.
    struct StatePlan: Sendable {
        var state: String
        var perMille: Int
        var mainSteps: Int
        var exit: Step?

        var steps: Int { mainSteps + (exit == nil ? 0 : 1) }
        /// `approve_plan` (step 9) records the approved subsidy.
        var hasSubsidy: Bool { mainSteps >= 9 }
        /// Signatures on the task book: one after the first `sign_task_book`, all three after the last.
        var signedParties: String { mainSteps >= 13 ? "authority,enterprise,provider" : mainSteps == 12 ? "authority" : "" }
        var rectification: Bool { state == "midterm_rectification" || state == "acceptance_rectification" }
        /// The on-site assessment happens during acceptance review: done for every project past it,
        /// for half of those still in it.
        var assessed: Assessed {
            if mainSteps >= 18 || state == "acceptance_rectification" || state == "acceptance_failed" { return .all }
            return state == "acceptance_review" ? .half : .none
        }
    }

    enum Assessed: Int {
        case none = 0
        case all = 1
        case half = 2
    }

    static func leaving(_ transition: String, from: String, to: String) -> Step {
        Step(transition: transition, from: from, to: to)
    }

    static let states: [StatePlan] = [
        StatePlan(state: "registered", perMille: 30, mainSteps: 1),
        StatePlan(state: "diagnosing", perMille: 70, mainSteps: 2),
        StatePlan(state: "diagnosis_submitted", perMille: 30, mainSteps: 3),
        StatePlan(state: "diagnosed", perMille: 60, mainSteps: 4),
        StatePlan(state: "plan_filed", perMille: 30, mainSteps: 5),
        StatePlan(state: "under_review", perMille: 40, mainSteps: 7),
        StatePlan(state: "awaiting_decision", perMille: 30, mainSteps: 8),
        StatePlan(
            state: "plan_revision", perMille: 20, mainSteps: 8,
            exit: leaving("return_plan", from: "awaiting_decision", to: "plan_revision")),
        StatePlan(state: "approved", perMille: 15, mainSteps: 9),
        StatePlan(state: "publicity", perMille: 35, mainSteps: 10),
        StatePlan(
            state: "suspended", perMille: 5, mainSteps: 10, exit: leaving("file_objection", from: "publicity", to: "suspended")),
        StatePlan(state: "task_book_signing", perMille: 40, mainSteps: 12),
        StatePlan(state: "task_book_signed", perMille: 20, mainSteps: 13),
        StatePlan(state: "implementation", perMille: 280, mainSteps: 14),
        StatePlan(state: "midterm_evaluation", perMille: 50, mainSteps: 15),
        StatePlan(
            state: "midterm_rectification", perMille: 20, mainSteps: 15,
            exit: leaving("rectify_midterm", from: "midterm_evaluation", to: "midterm_rectification")),
        StatePlan(state: "acceptance_review", perMille: 50, mainSteps: 17),
        StatePlan(
            state: "acceptance_rectification", perMille: 10, mainSteps: 17,
            exit: leaving("rectify_acceptance", from: "acceptance_review", to: "acceptance_rectification")),
        StatePlan(state: "final_settlement", perMille: 25, mainSteps: 18),
        StatePlan(state: "accepted", perMille: 60, mainSteps: 19),
        StatePlan(
            state: "rejected", perMille: 20, mainSteps: 8, exit: leaving("reject_plan", from: "awaiting_decision", to: "rejected")
        ),
        StatePlan(state: "withdrawn", perMille: 40, mainSteps: 2, exit: leaving("withdraw", from: "diagnosing", to: "withdrawn")),
        StatePlan(
            state: "terminated", perMille: 10, mainSteps: 14, exit: leaving("terminate", from: "implementation", to: "terminated")
        ),
        StatePlan(
            state: "midterm_failed", perMille: 5, mainSteps: 15,
            exit: leaving("fail_midterm", from: "midterm_evaluation", to: "midterm_failed")),
        StatePlan(
            state: "acceptance_failed", perMille: 5, mainSteps: 17,
            exit: leaving("fail_acceptance", from: "acceptance_review", to: "acceptance_failed")),
    ]

    /// What in this table disagrees with the workflow definition (a renamed state or transition
    /// would otherwise seed projects the application cannot show). Empty when all is well.
    static func problems(against definition: WorkflowDefinition) -> [String] {
        var problems: [String] = []
        let total = states.reduce(0) { $0 + $1.perMille }
        if total != 1000 { problems.append("state shares add up to \(total)‰, not 1000‰") }
        for plan in states where definition.state(plan.state) == nil { problems.append("no state \(plan.state)") }
        for step in mainPath.dropFirst() + states.compactMap(\.exit) {
            guard let transition = definition.transition(step.transition) else {
                problems.append("no transition \(step.transition)")
                continue
            }
            if !transition.from.contains(step.from) { problems.append("\(step.transition) does not leave \(step.from)") }
        }
        return problems
    }

    /// Who takes a step in the seeded history: the transition's first role, as a synthetic user.
    static func actor(_ step: Step, definition: WorkflowDefinition) -> (id: String, name: String) {
        let role = definition.transition(step.transition)?.roles.first ?? .districtOfficial
        return ("usr_bench_" + role.rawValue, role.label.zh + "（基准）")
    }
}
