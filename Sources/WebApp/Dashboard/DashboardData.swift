import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// Everything the leadership targets are computed from, read once per page view. Keeping the
/// snapshot a plain value (no store, no clock) lets the target definitions be pure functions that
/// tests check on hand-made data with known answers.
public struct DashboardData: Sendable {
    /// Instances of `enterprise-project` only: other workflows are not transformations.
    public var projects: [InstanceSnapshot]
    /// Enterprise organisations of the programme, by id, with their registration profile
    /// (`above_scale`, `cloud`, ...).
    public var enterprises: [String: [String: JSONValue]]
    /// How many subjects the programme has selected, per kind (benchmarks, typical cases, ...).
    public var selections: [SelectionKind: Int]
    /// Provider organisations admitted to the pool.
    public var providers: Int
    /// Products (solutions) the pool's providers have listed.
    public var products: Int

    public init(
        projects: [InstanceSnapshot], enterprises: [String: [String: JSONValue]], selections: [SelectionKind: Int] = [:],
        providers: Int = 0, products: Int = 0
    ) {
        self.projects = projects
        self.enterprises = enterprises
        self.selections = selections
        self.providers = providers
        self.products = products
    }

    /// States that end a plan without a transformation: the enterprise left, the plan was refused
    /// or the project was stopped (funds recovered). Failing an evaluation is not among them: the
    /// enterprise still took part and its level counts.
    static let droppedStates: Set<String> = ["withdrawn", "rejected", "terminated"]

    /// Projects whose plan was approved (an `approved_subsidy` is on record) and not since dropped:
    /// one per enterprise (the latest, should an enterprise ever have two).
    public var participants: [InstanceSnapshot] {
        var byEnterprise: [String: InstanceSnapshot] = [:]
        for project in projects where project.data["approved_subsidy"] != nil && !Self.droppedStates.contains(project.state) {
            let key = project.subjectOrganisationId ?? project.id
            if let seen = byEnterprise[key], seen.createdAt > project.createdAt { continue }
            byEnterprise[key] = project
        }
        return byEnterprise.values.sorted { $0.id < $1.id }
    }

    /// Above-scale (规上) enterprises: marked so on the organisation's profile or on its project's
    /// registration data (the import and the API record it on both; either is enough).
    public var aboveScaleEnterprises: Set<String> {
        var result = Set(enterprises.filter { $0.value["above_scale"]?.boolValue == true }.keys)
        for project in projects where project.data["above_scale"]?.boolValue == true {
            result.insert(project.subjectOrganisationId ?? project.id)
        }
        return result
    }

    /// The enterprise's profile for a project, empty when unknown.
    func profile(_ project: InstanceSnapshot) -> [String: JSONValue] {
        project.subjectOrganisationId.flatMap { enterprises[$0] } ?? [:]
    }

    /// The latest level on record (`record_level` keeps `current_level` current, so a downgrade
    /// replaces the earlier level).
    static func level(_ project: InstanceSnapshot) -> Int? {
        guard let value = project.data["current_level"] else { return nil }
        if let number = value.intValue { return Int(number) }
        return value.stringValue.flatMap { Int($0) }
    }
}
