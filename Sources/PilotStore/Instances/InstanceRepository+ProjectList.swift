import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// A filtered, sorted, paged list of instances limited to what the viewer's grants cover.
public struct ProjectQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        case updated, name, state, waiting
    }

    /// Scope keys (`Scope.description`) the viewer's grants cover; the list shows instances
    /// carrying any of them.
    public var scopes: [String]
    /// The programme the list belongs to: scope keys below the programme (a division node, an
    /// organisation) may be shared by several programmes, so the list is always cut to one.
    public var programmeId: String
    /// The workflow listed: the projects by default; the pool's applications are
    /// `provider-admission` instances of the same programme and have their own list.
    public var definitionId = "enterprise-project"
    public var state: String?
    public var subIndustryId: String?
    public var divisionCode: String?
    /// Part of the enterprise name or credit code.
    public var text: String?
    public var sort: Sort = .updated
    public var limit: Int = 25
    public var offset: Int = 0

    public init(programmeId: String, scopes: [String]) {
        self.programmeId = programmeId
        self.scopes = scopes
    }
}

extension InstanceRepository {
    public func projects(_ query: ProjectQuery) async throws -> (rows: [InstanceSnapshot], total: Int) {
        guard !query.scopes.isEmpty else { return ([], 0) }
        var filter: SQLQueryString =
            "FROM workflow_instances i LEFT JOIN organisations o ON o.id = i.subject_org_id WHERE i.programme_id = \(bind: query.programmeId) AND i.definition_id = \(bind: query.definitionId) AND EXISTS (SELECT 1 FROM instance_scopes s WHERE s.instance_id = i.id AND s.scope IN (\(binds: query.scopes)))"
        if let state = query.state { filter.appendInterpolation(" AND i.state = \(bind: state)" as SQLQueryString) }
        if let sub = query.subIndustryId { filter.appendInterpolation(" AND i.sub_industry_id = \(bind: sub)" as SQLQueryString) }
        // A division filter takes its whole subtree: one index range over the codes (DivisionCode.range).
        if let code = query.divisionCode.flatMap(DivisionCode.init) {
            if let range = code.range {
                filter.appendInterpolation(
                    " AND i.division_code >= \(bind: range.lower) AND i.division_code < \(bind: range.upper)" as SQLQueryString)
            }
        } else if query.divisionCode != nil {
            filter.appendInterpolation(" AND 1 = 0" as SQLQueryString)
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            filter.appendInterpolation(" AND (o.name LIKE \(bind: pattern) OR o.uscc LIKE \(bind: pattern))" as SQLQueryString)
        }
        let order =
            switch query.sort {
            case .updated: "i.updated_at DESC, i.id"
            case .name: "o.name, i.id"
            case .state: "i.state, i.updated_at DESC, i.id"
            case .waiting: "i.state_entered_at, i.id"
            }
        let columns = Self.instanceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
        var select = SQLQueryString("SELECT \(unsafeRaw: columns) ")
        select.appendInterpolation(filter)
        select.appendLiteral(" ORDER BY \(order) LIMIT \(max(1, min(query.limit, 200))) OFFSET \(max(0, query.offset))")
        var count = SQLQueryString("SELECT COUNT(*) AS n ")
        count.appendInterpolation(filter)
        let (rowsQuery, countQuery) = (select, count)
        return try await backend.read { database in
            let rows = try await database.raw(rowsQuery).all().map(Self.decodeInstance)
            let total = try await database.raw(countQuery).first()?.int("n") ?? 0
            return (rows, total)
        }
    }
}
