import PilotDomain

/// One step of a demo project: who takes which transition, with any input that must differ
/// from the generated sample.
struct DemoStep {
    var transition: String
    var actor: String
    var input: [String: JSONValue] = [:]

    /// Stands for the ids of the demo's expert reviewers (known only once they are created).
    static let experts = "$experts"
}

/// The paths the demo projects take, so that every state of the lifecycle has projects in it.
enum DemoJourney {
    static let happyPath: [DemoStep] = [
        DemoStep(transition: "certify_registration", actor: "district"),
        DemoStep(transition: "submit_diagnosis", actor: "contractor"),
        DemoStep(transition: "accept_diagnosis", actor: "enterprise"),
        DemoStep(transition: "file_plan", actor: "contractor"),
        DemoStep(transition: "assign_reviewers", actor: "district", input: ["reviewer_ids": .string(DemoStep.experts)]),
        DemoStep(transition: "declare_interest", actor: "expert"),
        DemoStep(transition: "declare_interest", actor: "expert2"),
        DemoStep(transition: "submit_review", actor: "expert"),
        DemoStep(transition: "submit_review", actor: "expert2"),
        DemoStep(transition: "approve_plan", actor: "district"),
        DemoStep(transition: "publish_publicity", actor: "district"),
        DemoStep(transition: "close_publicity", actor: "system"),
        DemoStep(transition: "sign_task_book", actor: "district"),
        DemoStep(transition: "sign_task_book", actor: "provider"),
        DemoStep(transition: "sign_task_book", actor: "enterprise"),
        DemoStep(transition: "file_task_book", actor: "district"),
        DemoStep(transition: "report_milestone", actor: "contractor"),
        DemoStep(transition: "start_midterm", actor: "manager"),
        DemoStep(transition: "pass_midterm", actor: "manager"),
        DemoStep(transition: "apply_acceptance", actor: "enterprise"),
        DemoStep(transition: "record_onsite_assessment", actor: "expert"),
        DemoStep(transition: "accept_project", actor: "manager"),
    ]

    /// Side paths that end in the states the happy path does not reach.
    static let sidePaths: [[DemoStep]] = [
        Array(happyPath.prefix(9)) + [DemoStep(transition: "return_plan", actor: "district")],
        Array(happyPath.prefix(9)) + [DemoStep(transition: "reject_plan", actor: "district")],
        Array(happyPath.prefix(11)) + [DemoStep(transition: "file_objection", actor: "public")],
        Array(happyPath.prefix(3)) + [DemoStep(transition: "withdraw", actor: "enterprise")],
        Array(happyPath.prefix(18)) + [DemoStep(transition: "rectify_midterm", actor: "manager")],
        Array(happyPath.prefix(2)) + [DemoStep(transition: "return_diagnosis", actor: "enterprise")],
        Array(happyPath.prefix(17)) + [DemoStep(transition: "terminate", actor: "district", input: ["funds_to_recover": "0"])],
    ]

    /// `count` journeys: the side paths once each, the rest spread along the happy path with more
    /// projects in the middle of the lifecycle, as in a pilot's first year.
    static func plan(count: Int) -> [[DemoStep]] {
        var journeys = sidePaths
        // Two projects first wait for their plans, in different sub-industries (tests rely on it).
        let cut = [3, 3, 0, 1, 2, 4, 5, 7, 9, 10, 11, 12, 13, 16, 17, 17, 17, 18, 20, 21, 22, 22]
        var index = 0
        while journeys.count < count {
            journeys.append(Array(happyPath.prefix(cut[index % cut.count])))
            index += 1
        }
        return Array(journeys.prefix(count))
    }
}
