import Diagnosis
import Foundation
import PilotDomain
import SQLKit

/// The diagnosis campaigns (issue #14): the roster of above-scale firms, each firm's diagnoses with
/// answers pinned to their questionnaire version and the scored result, and the reads the report's
/// benchmarking and the units' supervision need. Reached as `store.diagnoses`.
public struct DiagnosisRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// A firm of a campaign's roster (建档立卡): what the unit's import says, and its latest result.
public struct DiagnosisFirm: Sendable, Hashable {
    public var programmeId: String
    /// The unified social credit code, checked on import.
    public var uscc: String
    public var name: String
    /// The street, park, county … the firm is registered in (a node of the division tree).
    public var divisionCode: String
    public var industryGroup: String
    public var size: EnterpriseSize
    public var aboveScale: Bool
    /// The group headquarters' credit code when the firm belongs to an enterprise group (Shanghai's
    /// 企业集团 unit): the headquarters sees its member firms.
    public var groupUSCC: String?
    public var contactName: String
    public var contactPhone: String
    /// Set when the firm registered (its organisation in the campaign).
    public var organisationId: String? = nil
    public var latestDiagnosisId: String? = nil
    public var latestTotal: Int? = nil
    public var latestGrade: Int? = nil
    public var diagnosedAt: Date? = nil
    /// The diagnosis the firm is filling in, if any.
    public var draftId: String? = nil

    public init(
        programmeId: String, uscc: String, name: String, divisionCode: String, industryGroup: String, size: EnterpriseSize,
        aboveScale: Bool, groupUSCC: String?, contactName: String, contactPhone: String
    ) {
        self.programmeId = programmeId
        self.uscc = uscc
        self.name = name
        self.divisionCode = divisionCode
        self.industryGroup = industryGroup
        self.size = size
        self.aboveScale = aboveScale
        self.groupUSCC = groupUSCC
        self.contactName = contactName
        self.contactPhone = contactPhone
    }

    /// Where the firm stands in the campaign.
    public var progress: FirmProgress {
        if latestGrade != nil { return .diagnosed }
        return draftId == nil ? .notStarted : .filling
    }
}

/// A firm's progress, as the supervision pages filter and count it.
public enum FirmProgress: String, Sendable, Hashable, CaseIterable {
    case notStarted = "not_started"
    case filling
    case diagnosed
}

/// How a roster import went: rows added and rows that updated a firm already on it.
public struct RosterImportCount: Sendable, Hashable {
    public var added: Int
    public var updated: Int

    public init(added: Int, updated: Int) {
        self.added = added
        self.updated = updated
    }
}

/// Which firms a list shows: a campaign's, beneath a node, in one state, of one group headquarters.
public struct FirmQuery: Sendable, Hashable {
    public var programmeId: String
    public var division: DivisionCode?
    public var progress: FirmProgress?
    public var groupUSCC: String?
    public var industryGroup: String?
    public var limit = 50
    public var offset = 0

    public init(programmeId: String) { self.programmeId = programmeId }
}

extension DiagnosisRepository {
    static let firmColumns = """
        programme_id, uscc, name, division_code, industry_group, size, above_scale, group_uscc, contact_name, contact_phone,
        organisation_id, latest_diagnosis_id, latest_total, latest_grade, diagnosed_at, draft_id
        """

    /// Adds the rows to the campaign's roster, or updates the firms already on it (name, division,
    /// group, size, contact: what a unit's newer list corrects), all in one transaction: an import
    /// is whole or nothing. A firm's registration and results are never touched by an import.
    public func importFirms(_ firms: [DiagnosisFirm]) async throws -> RosterImportCount {
        let now = clock.now()
        return try await backend.transaction { database in
            var count = RosterImportCount(added: 0, updated: 0)
            for firm in firms {
                let existing = try await database.raw(
                    """
                    SELECT division_code, latest_grade, draft_id, first_diagnosed_at FROM diagnosis_firms
                    WHERE programme_id = \(bind: firm.programmeId) AND uscc = \(bind: firm.uscc)
                    """
                ).first()
                if let existing {
                    let before = try existing.string("division_code")
                    if before != firm.divisionCode {
                        let progress = Self.progress(
                            grade: try existing.optionalInt64("latest_grade").map(Int.init),
                            draft: try existing.optionalString("draft_id"))
                        try await Self.bumpUnit(
                            programmeId: firm.programmeId, division: before, progress: progress, by: -1, on: database)
                        try await Self.bumpUnit(
                            programmeId: firm.programmeId, division: firm.divisionCode, progress: progress, by: 1, on: database)
                        if let first = try existing.optionalDate("first_diagnosed_at") {
                            let year = Self.year(first)
                            try await Self.bumpYear(
                                programmeId: firm.programmeId, division: before, year: year, by: -1, on: database)
                            try await Self.bumpYear(
                                programmeId: firm.programmeId, division: firm.divisionCode, year: year, by: 1, on: database)
                        }
                    }
                }
                if existing != nil {
                    try await database.raw(
                        """
                        UPDATE diagnosis_firms SET name = \(bind: firm.name), division_code = \(bind: firm.divisionCode),
                        industry_group = \(bind: firm.industryGroup), size = \(bind: firm.size.rawValue),
                        above_scale = \(bind: firm.aboveScale ? 1 : 0), group_uscc = \(bind: firm.groupUSCC),
                        contact_name = \(bind: firm.contactName), contact_phone = \(bind: firm.contactPhone),
                        updated_at = \(bind: now.millis)
                        WHERE programme_id = \(bind: firm.programmeId) AND uscc = \(bind: firm.uscc)
                        """
                    ).run()
                    count.updated += 1
                } else {
                    try await database.raw(
                        """
                        INSERT INTO diagnosis_firms (programme_id, uscc, name, division_code, industry_group, size, above_scale,
                        group_uscc, contact_name, contact_phone, progress, imported_at, updated_at) VALUES (\(bind: firm.programmeId),
                        \(bind: firm.uscc), \(bind: firm.name), \(bind: firm.divisionCode), \(bind: firm.industryGroup),
                        \(bind: firm.size.rawValue), \(bind: firm.aboveScale ? 1 : 0), \(bind: firm.groupUSCC),
                        \(bind: firm.contactName), \(bind: firm.contactPhone), 0, \(bind: now.millis), \(bind: now.millis))
                        """
                    ).run()
                    try await Self.bumpUnit(
                        programmeId: firm.programmeId, division: firm.divisionCode, progress: 0, by: 1, on: database)
                    count.added += 1
                }
            }
            return count
        }
    }

    /// The firm of the campaign with this credit code (nil: not on the roster).
    public func firm(programmeId: String, uscc: String) async throws -> DiagnosisFirm? {
        try await backend.read { database in
            var query = SQLQueryString("SELECT ")
            query.appendLiteral(Self.firmColumns)
            query.appendInterpolation(
                " FROM diagnosis_firms WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc)" as SQLQueryString)
            return try await database.raw(query).first().map(Self.firm)
        }
    }

    /// The campaign's firm an organisation registered as (nil: none).
    public func firm(programmeId: String, organisationId: String) async throws -> DiagnosisFirm? {
        try await backend.read { database in
            var query = SQLQueryString("SELECT ")
            query.appendLiteral(Self.firmColumns)
            query.appendInterpolation(
                " FROM diagnosis_firms WHERE programme_id = \(bind: programmeId) AND organisation_id = \(bind: organisationId)"
                    as SQLQueryString)
            return try await database.raw(query).first().map(Self.firm)
        }
    }

    /// Links a roster firm to the organisation it registered as; false when it is not on the roster
    /// or has registered already.
    public func link(
        programmeId: String, uscc: String, organisationId: String, on database: any SQLDatabase
    ) async throws
        -> Bool
    {
        let row = try await database.raw(
            """
            SELECT organisation_id FROM diagnosis_firms WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc)
            """
        ).first()
        guard let row, try row.optionalString("organisation_id") == nil else { return false }
        try await database.raw(
            """
            UPDATE diagnosis_firms SET organisation_id = \(bind: organisationId), updated_at = \(bind: clock.now().millis)
            WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc)
            """
        ).run()
        return true
    }

    /// The firms a query reaches, by division then credit code (the order of the progress index, so a
    /// page is an index range however large the roster), and how many there are in all — from the
    /// unit counts when only the division and the progress narrow the list.
    public func firms(_ query: FirmQuery) async throws -> (firms: [DiagnosisFirm], total: Int) {
        var filter = SQLQueryString("programme_id = \(bind: query.programmeId)")
        if let range = query.division?.range {
            filter.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        filter.appendLiteral(Self.progressFilter(query.progress))
        if let group = query.groupUSCC { filter.appendInterpolation(" AND group_uscc = \(bind: group)" as SQLQueryString) }
        if let industry = query.industryGroup {
            filter.appendInterpolation(" AND industry_group = \(bind: industry)" as SQLQueryString)
        }
        var select = SQLQueryString("SELECT ")
        select.appendLiteral(Self.firmColumns)
        select.appendLiteral(" FROM diagnosis_firms WHERE ")
        select.appendInterpolation(filter)
        select.appendInterpolation(
            " ORDER BY division_code, uscc LIMIT \(bind: max(1, min(query.limit, 1000))) OFFSET \(bind: max(0, query.offset))"
                as SQLQueryString)
        var counting = SQLQueryString("SELECT COUNT(*) AS n FROM diagnosis_firms WHERE ")
        counting.appendInterpolation(filter)
        if query.groupUSCC == nil, query.industryGroup == nil {
            counting =
                "SELECT CAST(COALESCE(SUM(firms), 0) AS BIGINT) AS n FROM diagnosis_unit_counts WHERE programme_id = \(bind: query.programmeId)"
            if let range = query.division?.range {
                counting.appendInterpolation(
                    " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
            }
            counting.appendLiteral(Self.progressFilter(query.progress))
        }
        let (rows, count) = (select, counting)
        return try await backend.read { database in
            let firms = try await database.raw(rows).all().map(Self.firm)
            let total = try await database.raw(count).first().map { try $0.int("n") } ?? 0
            return (firms, total)
        }
    }

    /// The condition on `progress` (the roster's and the unit counts' column alike) for a list's filter.
    static func progressFilter(_ progress: FirmProgress?) -> String {
        switch progress {
        case .notStarted?: " AND progress = 0"
        case .filling?: " AND progress = -1"
        case .diagnosed?: " AND progress > 0"
        case nil: ""
        }
    }

    static func firm(_ row: any SQLRow) throws -> DiagnosisFirm {
        var firm = DiagnosisFirm(
            programmeId: try row.string("programme_id"), uscc: try row.string("uscc"), name: try row.string("name"),
            divisionCode: try row.string("division_code"), industryGroup: try row.string("industry_group"),
            size: EnterpriseSize(rawValue: try row.string("size")) ?? .small, aboveScale: try row.int("above_scale") != 0,
            groupUSCC: try row.optionalString("group_uscc"), contactName: try row.string("contact_name"),
            contactPhone: try row.string("contact_phone"))
        firm.organisationId = try row.optionalString("organisation_id")
        firm.latestDiagnosisId = try row.optionalString("latest_diagnosis_id")
        firm.latestTotal = try row.optionalInt64("latest_total").map(Int.init)
        firm.latestGrade = try row.optionalInt64("latest_grade").map(Int.init)
        firm.diagnosedAt = try row.optionalDate("diagnosed_at")
        firm.draftId = try row.optionalString("draft_id")
        return firm
    }
}

extension DiagnosisRepository {
    /// `link` in a transaction of its own (the demo; registration links inside its own transaction).
    public func link(programmeId: String, uscc: String, organisationId: String) async throws -> Bool {
        try await backend.transaction { database in
            try await link(programmeId: programmeId, uscc: uscc, organisationId: organisationId, on: database)
        }
    }
}
