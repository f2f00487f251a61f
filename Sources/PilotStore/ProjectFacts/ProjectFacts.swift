import Foundation
import PilotDomain

/// The few values of a project's data the leadership dashboard counts, kept in `project_facts`
/// beside the instance and rewritten by every decision in the same atomic write. Reading them
/// instead of each project's whole data document is what keeps the dashboard fast with thousands
/// of projects per programme (`smepilot bench dashboard`).
///
/// The keys are those of `Workflows/enterprise-project.yaml`; other workflows simply have none.
public struct ProjectFacts: Sendable, Hashable {
    /// Fen approved by the district (`approve_plan`); nil until approved.
    public var approvedSubsidy: Int64?
    /// The level at diagnosis (`level`, before that the level given at registration).
    public var baselineLevel: Int?
    /// The level set by the on-site assessment (`assessed_level`): the official level (domain.md §3).
    public var assessedLevel: Int?
    /// The plan includes moving to the cloud (上云用云).
    public var cloud: Bool
    /// The plan is part of a chain-led (链式) transformation.
    public var chainLed: Bool
    /// The enterprise was registered as above-scale (规上).
    public var aboveScale: Bool
    /// Parties that signed the current task book (`signatures`), sorted: an overdue signing names who is missing.
    public var signedParties: [String]
    /// The last day to put right what an evaluation found (`rectification_deadline`, YYYY-MM-DD).
    public var rectifyBy: String?

    public init(
        approvedSubsidy: Int64? = nil, baselineLevel: Int? = nil, assessedLevel: Int? = nil, cloud: Bool = false,
        chainLed: Bool = false, aboveScale: Bool = false, signedParties: [String] = [], rectifyBy: String? = nil
    ) {
        self.signedParties = signedParties
        self.rectifyBy = rectifyBy
        self.approvedSubsidy = approvedSubsidy
        self.baselineLevel = baselineLevel
        self.assessedLevel = assessedLevel
        self.cloud = cloud
        self.chainLed = chainLed
        self.aboveScale = aboveScale
    }

    public init(data: [String: JSONValue]) {
        self.init(
            approvedSubsidy: data["approved_subsidy"]?.intValue,
            baselineLevel: Self.level(data["level"]) ?? Self.level(data["baseline_level"]),
            assessedLevel: Self.level(data["assessed_level"]), cloud: data["cloud_adoption"]?.boolValue == true,
            chainLed: data["chain_led"]?.boolValue == true, aboveScale: data["above_scale"]?.boolValue == true,
            signedParties: (data["signatures"]?.objectValue ?? [:]).keys.sorted(),
            rectifyBy: data["rectification_deadline"]?.stringValue)
    }

    /// Levels arrive as numbers from forms and the API, as text from older imports.
    static func level(_ value: JSONValue?) -> Int? {
        guard let value else { return nil }
        if let number = value.intValue { return Int(number) }
        return value.stringValue.flatMap { Int($0) }
    }
}

/// One project as the dashboard reads it: where it stands in the lifecycle, whose it is, and its facts.
public struct ProjectFactRow: Sendable, Hashable {
    public var instanceId: String
    public var state: String
    public var stateEnteredAt: Date
    public var createdAt: Date
    public var enterpriseId: String?
    public var enterpriseName: String?
    public var subIndustryId: String?
    public var divisionCode: String?
    /// The main contractor organisation that filed the current plan (nil before a plan is filed).
    public var planFiledBy: String?
    public var facts: ProjectFacts

    /// The transition that files a plan (`Workflows/enterprise-project.yaml`): its actor's
    /// organisation is recorded as `planFiledBy`.
    public static let planFiling = "file_plan"

    public init(
        instanceId: String, state: String, stateEnteredAt: Date, createdAt: Date, enterpriseId: String?,
        enterpriseName: String? = nil, subIndustryId: String?, divisionCode: String?, planFiledBy: String? = nil,
        facts: ProjectFacts
    ) {
        self.planFiledBy = planFiledBy
        self.enterpriseName = enterpriseName
        self.instanceId = instanceId
        self.state = state
        self.stateEnteredAt = stateEnteredAt
        self.createdAt = createdAt
        self.enterpriseId = enterpriseId
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.facts = facts
    }
}

/// An enterprise organisation's dashboard flags, kept as columns beside its profile document.
public struct EnterpriseFlags: Sendable, Hashable {
    public var aboveScale: Bool
    public var cloud: Bool

    public init(profile: [String: JSONValue]) {
        aboveScale = profile["above_scale"]?.boolValue == true
        cloud = profile["cloud"]?.boolValue == true
    }
}

/// A project as the funds book's catch-up sees it (`InstanceRepository.subsidisedProjects`).
public struct SubsidisedProject: Sendable, Hashable {
    public var id: String
    public var state: String
    public var enterpriseId: String?
    public var divisionCode: String?
    /// Transitions the project has taken (milestones such as `file_task_book`, `pass_midterm`).
    public var transitionsTaken: Set<String>
    public var approvedSubsidy: Int64
    /// Stated at termination; nil for other projects.
    public var fundsToRecover: Int64?

    public init(
        id: String, state: String, enterpriseId: String?, divisionCode: String?, transitionsTaken: Set<String>,
        approvedSubsidy: Int64,
        fundsToRecover: Int64?
    ) {
        self.id = id
        self.state = state
        self.enterpriseId = enterpriseId
        self.divisionCode = divisionCode
        self.transitionsTaken = transitionsTaken
        self.approvedSubsidy = approvedSubsidy
        self.fundsToRecover = fundsToRecover
    }
}

extension Array where Element == ProjectFactRow {
    /// Calls `body` with each row where it lies, not with a copy of it. `for row in rows` copies
    /// each row — a reference count up and down for each of its texts — and the dashboard's passes
    /// over a programme's 5,000 rows spent about a third of their time copying rows (issue #16,
    /// `perf` of the model).
    @inlinable
    public func forEachInPlace(_ body: (borrowing ProjectFactRow) throws -> Void) rethrows {
        try withUnsafeBufferPointer { rows in
            for index in rows.indices { try body(rows[index]) }
        }
    }

    /// How many rows satisfy `predicate`, each looked at where it lies (see `forEachInPlace`).
    @inlinable
    public func countInPlace(where predicate: (borrowing ProjectFactRow) throws -> Bool) rethrows -> Int {
        var count = 0
        try forEachInPlace { row in if try predicate(row) { count += 1 } }
        return count
    }

    /// The rows that satisfy `predicate`, copying only those (see `forEachInPlace`).
    @inlinable
    public func filterInPlace(_ predicate: (borrowing ProjectFactRow) throws -> Bool) rethrows -> [ProjectFactRow] {
        var result: [ProjectFactRow] = []
        try forEachInPlace { row in if try predicate(row) { result.append(copy row) } }
        return result
    }
}
