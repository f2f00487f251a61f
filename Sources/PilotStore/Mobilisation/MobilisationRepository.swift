import Foundation
import PilotDomain
import SQLKit

/// The task forces' work (policy 004 §四(七): 各开发区、各街镇要成立企业数字化转型攻坚小组, 主动上门服务):
/// the roster of the zones' above-scale firms of the pilot sub-industries, imported whole or not at
/// all, and the visits to those not yet taking part. Reached as `store.mobilisation`.
public struct MobilisationRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A roster firm: an above-scale SME of a pilot sub-industry in a zone.
public struct MobilisationFirm: Sendable, Hashable {
    public var uscc: String
    public var name: String
    public var subIndustryId: String
    public var divisionCode: String
    /// 中型, 小型 or 微型 (the roster's own words).
    public var size: String

    public init(uscc: String, name: String, subIndustryId: String, divisionCode: String, size: String) {
        self.uscc = uscc
        self.name = name
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.size = size
    }
}

/// What a visit came to (有意向 / 已报名 / 暂不参与 with a reason / 待回访 with a date).
public enum VisitOutcome: String, Sendable, CaseIterable, Hashable {
    case interested
    case registered
    case declined
    case followUp = "follow_up"

    public var label: LocalizedText {
        switch self {
        case .interested: LocalizedText(zh: "有意向", en: "Interested")
        case .registered: LocalizedText(zh: "已报名", en: "Registered")
        case .declined: LocalizedText(zh: "暂不参与", en: "Declined")
        case .followUp: LocalizedText(zh: "待回访", en: "Follow-up")
        }
    }
}

/// One visit to a roster firm.
public struct MobilisationVisit: Sendable, Hashable {
    public var uscc: String
    /// `YYYY-MM-DD`.
    public var visitedOn: String
    public var visitor: String
    public var contact: String
    public var outcome: VisitOutcome
    /// Why the firm declines (required then, empty otherwise).
    public var reason: String
    /// When to call again (required for a follow-up).
    public var followUpOn: String?
    public var notes: String
    public var byName: String = ""
    public var at: Date = Date(millis: 0)

    public init(
        uscc: String, visitedOn: String, visitor: String, contact: String, outcome: VisitOutcome, reason: String,
        followUpOn: String?, notes: String
    ) {
        self.uscc = uscc
        self.visitedOn = visitedOn
        self.visitor = visitor
        self.contact = contact
        self.outcome = outcome
        self.reason = reason
        self.followUpOn = followUpOn
        self.notes = notes
    }
}

extension MobilisationRepository {
    /// Adds or updates every firm, in one transaction.
    public func importFirms(
        programmeId: String, _ firms: [MobilisationFirm], by actor: ChangeActor
    ) async throws -> (
        added: Int, updated: Int
    ) {
        let now = clock.now().millis
        return try await backend.transaction { database in
            var added = 0
            var updated = 0
            for firm in firms {
                let exists =
                    try await database.raw(
                        "SELECT 1 AS x FROM mobilisation_firms WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: firm.uscc)"
                    ).first() != nil
                if exists {
                    try await database.raw(
                        """
                        UPDATE mobilisation_firms SET name = \(bind: firm.name), sub_industry_id = \(bind: firm.subIndustryId),
                        division_code = \(bind: firm.divisionCode), size = \(bind: firm.size), imported_by = \(bind: actor.name),
                        imported_at = \(bind: now) WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: firm.uscc)
                        """
                    ).run()
                    updated += 1
                } else {
                    try await database.raw(
                        """
                        INSERT INTO mobilisation_firms (programme_id, uscc, name, sub_industry_id, division_code, size,
                        imported_by, imported_at) VALUES (\(bind: programmeId), \(bind: firm.uscc), \(bind: firm.name),
                        \(bind: firm.subIndustryId), \(bind: firm.divisionCode), \(bind: firm.size), \(bind: actor.name),
                        \(bind: now))
                        """
                    ).run()
                    added += 1
                }
            }
            return (added, updated)
        }
    }

    /// The roster firms beneath any of `divisions` (nil: the whole programme), by division then name.
    public func firms(programmeId: String, divisions: [DivisionCode]?) async throws -> [MobilisationFirm] {
        var filter: SQLQueryString = "programme_id = \(bind: programmeId)"
        if let divisions {
            let ranges = divisions.compactMap(\.range)
            guard !ranges.isEmpty else { return [] }
            filter.appendLiteral(" AND (")
            for (index, range) in ranges.enumerated() {
                if index > 0 { filter.appendLiteral(" OR ") }
                filter.appendInterpolation(
                    "(division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper))" as SQLQueryString)
            }
            filter.appendLiteral(")")
        }
        var query: SQLQueryString = "SELECT uscc, name, sub_industry_id, division_code, size FROM mobilisation_firms WHERE "
        query.appendInterpolation(filter)
        query.appendLiteral(" ORDER BY division_code, name, uscc")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map { row in
                MobilisationFirm(
                    uscc: try row.string("uscc"), name: try row.string("name"), subIndustryId: try row.string("sub_industry_id"),
                    divisionCode: try row.string("division_code"), size: try row.string("size"))
            }
        }
    }

    public func firm(programmeId: String, uscc: String) async throws -> MobilisationFirm? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT uscc, name, sub_industry_id, division_code, size FROM mobilisation_firms
                WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc)
                """
            ).first().map { row in
                MobilisationFirm(
                    uscc: try row.string("uscc"), name: try row.string("name"), subIndustryId: try row.string("sub_industry_id"),
                    divisionCode: try row.string("division_code"), size: try row.string("size"))
            }
        }
    }

    public func recordVisit(programmeId: String, _ visit: MobilisationVisit, by actor: ChangeActor) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO mobilisation_visits (programme_id, uscc, visited_on, visitor, contact, outcome, reason, follow_up_on,
                notes, by_user, by_name, at) VALUES (\(bind: programmeId), \(bind: visit.uscc), \(bind: visit.visitedOn),
                \(bind: visit.visitor), \(bind: visit.contact), \(bind: visit.outcome.rawValue), \(bind: visit.reason),
                \(bind: visit.followUpOn), \(bind: visit.notes), \(bind: actor.userId), \(bind: actor.name), \(bind: now))
                """
            ).run()
        }
    }

    /// Every visit of the programme, by firm, oldest first.
    public func visits(programmeId: String) async throws -> [String: [MobilisationVisit]] {
        try await backend.read { database in
            var result: [String: [MobilisationVisit]] = [:]
            for row in try await database.raw(
                """
                SELECT uscc, visited_on, visitor, contact, outcome, reason, follow_up_on, notes, by_name, at
                FROM mobilisation_visits WHERE programme_id = \(bind: programmeId) ORDER BY id
                """
            ).all() {
                var visit = MobilisationVisit(
                    uscc: try row.string("uscc"), visitedOn: try row.string("visited_on"), visitor: try row.string("visitor"),
                    contact: try row.string("contact"),
                    outcome: VisitOutcome(rawValue: try row.string("outcome")) ?? .interested, reason: try row.string("reason"),
                    followUpOn: try row.optionalString("follow_up_on"), notes: try row.string("notes"))
                visit.byName = try row.string("by_name")
                visit.at = try row.date("at")
                result[visit.uscc, default: []].append(visit)
            }
            return result
        }
    }
}
