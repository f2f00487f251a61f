import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Everything the leadership targets are computed from, read once per page view from the
/// dashboard projections (`project_facts`, the enterprise flags): one light row per project, never
/// the projects' data documents. Keeping it a plain value (no store, no clock) lets the target
/// definitions be pure functions that tests check on hand-made data with known answers.
public struct DashboardData: Sendable {
    /// Projects of `enterprise-project` only: other workflows are not transformations.
    public var projects: [ProjectFactRow] { didSet { participants = Self.participants(of: projects) } }
    /// Enterprise organisations marked above-scale (规上) on their profile.
    public var aboveScaleProfiles: Set<String>
    /// Enterprise organisations marked as already on the cloud on their profile.
    public var cloudProfiles: Set<String>
    /// The case register (migration 29): how many cases of each kind stand at each step.
    public var cases: [CaseKind: [CaseStatus: Int]]
    /// Provider organisations admitted to the pool.
    public var providers: Int
    /// Products (solutions) the pool's providers have listed.
    public var products: Int
    /// Per main contractor organisation: the sum and number of its enterprises' ratings (1–5).
    public var ratings: [String: (sum: Int, count: Int)]

    public init(
        projects: [ProjectFactRow], aboveScaleProfiles: Set<String> = [], cloudProfiles: Set<String> = [],
        cases: [CaseKind: [CaseStatus: Int]] = [:], providers: Int = 0, products: Int = 0,
        ratings: [String: (sum: Int, count: Int)] = [:]
    ) {
        self.ratings = ratings
        self.projects = projects
        self.participants = Self.participants(of: projects)
        self.aboveScaleProfiles = aboveScaleProfiles
        self.cloudProfiles = cloudProfiles
        self.cases = cases
        self.providers = providers
        self.products = products
    }

    /// States that end a plan without a transformation: the enterprise left, the plan was refused
    /// or the project was stopped (funds recovered). Failing an evaluation is not among them: the
    /// enterprise still took part and its level counts.
    public static let droppedStates = Set(droppedStateNames)
    static let droppedStateNames = ["withdrawn", "rejected", "terminated"]

    /// Projects whose plan was approved (an approved subsidy is on record) and not since dropped:
    /// one per enterprise (the latest, should an enterprise ever have two). Worked out once, when
    /// the projects are set: seven targets and the model count among them, and working it out eight
    /// times took about 25 ms of each view with 5,000 projects (`smepilot bench dashboard`).
    public private(set) var participants: [ProjectFactRow]

    /// In the order of `projects` (each enterprise where its first project stood), so the result
    /// is repeatable without sorting thousands of ids.
    static func participants(of projects: [ProjectFactRow]) -> [ProjectFactRow] {
        var result: [ProjectFactRow] = []
        result.reserveCapacity(projects.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(projects.count)
        projects.forEachInPlace { project in
            guard project.facts.approvedSubsidy != nil, !isDropped(project.state) else { return }
            // One hash per project: an enterprise not seen yet gets the next place in the same lookup
            // that finds a known one's (a lookup and then an insert hashed the id twice).
            let next = result.count
            let seen = Self.read(&index[project.enterpriseId ?? project.instanceId, default: next])
            if seen == next {
                result.append(copy project)
            } else if result[seen].createdAt <= project.createdAt {
                result[seen] = copy project
            }
        }
        return result
    }

    /// A dictionary slot's value, read through an inout access: with `default:`, a key not there
    /// yet gets the default in the same lookup.
    private static func read(_ slot: inout Int) -> Int { slot }

    /// `droppedStates.contains(state)`, by comparing the three names: cheaper than hashing the
    /// state of each of thousands of projects per view.
    static func isDropped(_ state: String) -> Bool { droppedStateNames.contains(state) }

    /// `completedStates.contains(state)`, by comparing the two names.
    static func isCompleted(_ state: String) -> Bool { completedStateNames.contains(state) }

    /// The enterprise flags and the programme's counts, read beside the project rows.
    public mutating func add(flags: (aboveScale: Set<String>, cloud: Set<String>), counts: ProgrammeCounts) {
        (aboveScaleProfiles, cloudProfiles) = flags
        (cases, providers, products, ratings) = (counts.cases, counts.providers, counts.products, counts.ratings)
    }

    /// Above-scale (规上) enterprises are those marked so on the organisation's profile or on its
    /// project's registration data (the import and the API record it on both; either is enough):
    /// `aboveScaleProfiles` and these, the few marked on their project only. The participation
    /// target counts with both sets instead of their union, which copied the profiles' thousands
    /// of ids on every view.
    var aboveScaleOnProjectsOnly: Set<String> {
        var result = Set<String>()
        projects.forEachInPlace { project in
            guard project.facts.aboveScale else { return }
            let id = project.enterpriseId ?? project.instanceId
            if !aboveScaleProfiles.contains(id) { result.insert(id) }
        }
        return result
    }

    /// The official level: the latest on-site assessment (domain.md §3: pilot enterprises' levels
    /// are set by on-site assessment). A diagnosis is a baseline, not an achievement, so a project
    /// not yet assessed has no level here; a downgrade replaces the earlier assessment.
    static func level(_ project: borrowing ProjectFactRow) -> Int? { project.facts.assessedLevel }

    /// States of a completed transformation: accepted (awaiting final settlement, or closed).
    public static let completedStates = Set(completedStateNames)
    static let completedStateNames = ["final_settlement", "accepted"]

    /// Participants whose transformation is complete: accepted at acceptance review. An approved
    /// project still being implemented, or one that failed acceptance, is not (yet) a transformation.
    public var completedTransformations: Int { participants.countInPlace { Self.isCompleted($0.state) } }

    /// Cases of `kind` selected by leadership or the office, published or not (`CaseStatus.counted`):
    /// the targets count a case from its selection; publishing tells the public, a withdrawal takes it
    /// out again.
    public func selectedCases(_ kind: CaseKind) -> Int {
        (cases[kind] ?? [:]).reduce(0) { $0 + (CaseStatus.counted.contains($1.key) ? $1.value : 0) }
    }

    /// Cases of `kind` in the register at any step but withdrawn.
    public func recordedCases(_ kind: CaseKind) -> Int {
        (cases[kind] ?? [:]).reduce(0) { $0 + ($1.key == .withdrawn ? 0 : $1.value) }
    }

    /// On the cloud: by the plan, or already at registration.
    func onCloud(_ project: borrowing ProjectFactRow) -> Bool {
        project.facts.cloud || project.enterpriseId.map(cloudProfiles.contains) == true
    }
}
