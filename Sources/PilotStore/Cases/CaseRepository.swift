import Foundation
import PilotDomain
import SQLKit

/// The case register (policy 004 §三, §四(九)(十); issue #15): typical cases, chain cases, digital
/// workshops, smart factories, benchmark enterprises and distinctive practices, each with its
/// workflow. Every change is one transaction under the case row's lock: the new row and its history
/// row — or, on a refusal, nothing. Reached as `store.cases`.
public struct CaseRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// Which cases a list shows: the whole programme, or the union of division subtrees (a district
/// official's grants, by code range like the projects) and one organisation's own (proposed by it
/// or about it).
public enum CaseReach: Sendable, Hashable {
    case programme
    case limited(divisions: [DivisionCode], organisationId: String?)
}

/// A list's filters, each already checked by the page.
public struct CaseQuery: Sendable, Hashable {
    public var programmeId: String
    public var reach: CaseReach = .programme
    public var kinds: [CaseKind] = []
    public var statuses: [CaseStatus] = []
    /// Beneath this node.
    public var division: DivisionCode?
    public var limit = 50
    public var offset = 0

    public init(programmeId: String) { self.programmeId = programmeId }
}

extension CaseRepository {
    static var columns: SQLQueryString {
        """
        id, programme_id, kind, subject_kind, subject_org_id, subject_name, division_code, title, status, proposer_user,
        proposer_name, proposer_org_id, review_note, decision_note, content, version, created_at, updated_at
        """
    }

    /// Proposes a case: its row and the `proposed` history row in one transaction.
    public func propose(_ record: CaseRecord, documents: [(CaseDocument, Data)] = []) async throws -> CaseRecord {
        let now = clock.now()
        var stored = record
        stored.status = .proposed
        stored.version = 1
        stored.createdAt = now
        stored.updatedAt = now
        let content = try Self.text(stored.content)
        let row = stored
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO cases (id, programme_id, kind, subject_kind, subject_org_id, subject_name, division_code, title,
                status, proposer_user, proposer_name, proposer_org_id, review_note, decision_note, content, version,
                created_at, updated_at, selected_at) VALUES (\(bind: row.id), \(bind: row.programmeId),
                \(bind: row.kind.rawValue), \(bind: row.subjectKind.rawValue), \(bind: row.subjectOrganisationId),
                \(bind: row.subjectName), \(bind: row.divisionCode), \(bind: row.title), \(bind: row.status.rawValue),
                \(bind: row.proposerUserId), \(bind: row.proposerName), \(bind: row.proposerOrganisationId), '', '',
                \(bind: content), 1, \(bind: now.millis), \(bind: now.millis), NULL)
                """
            ).run()
            for (document, data) in documents { try await Self.insert(document, content: data, on: database) }
            try await Self.insertEvent(
                caseId: row.id, programmeId: row.programmeId, action: "propose", from: nil, to: .proposed, note: row.title,
                by: ChangeActor(userId: row.proposerUserId, name: row.proposerName), at: now, on: database)
        }
        return stored
    }

    /// One step of the workflow under the row's lock: the changed row and its history row, or on a
    /// refusal nothing at all.
    public func step(
        id: String, programmeId: String, _ step: CaseStep, by actor: ChangeActor
    ) async throws -> Result<CaseRecord, CaseStep.Refusal> {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = "SELECT "
            query.appendInterpolation(Self.columns)
            query.appendInterpolation(
                " FROM cases WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)" as SQLQueryString)
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("case \(id)") }
            var record = try Self.record(row)
            let before = record.status
            do throws(CaseStep.Refusal) { try step.apply(to: &record, by: actor.userId) } catch { return .failure(error) }
            var update: SQLQueryString = """
                UPDATE cases SET status = \(bind: record.status.rawValue), review_note = \(bind: record.reviewNote),
                decision_note = \(bind: record.decisionNote), version = version + 1, updated_at = \(bind: now.millis)
                """
            if record.status == .selected { update.appendInterpolation(", selected_at = \(bind: now.millis)" as SQLQueryString) }
            update.appendInterpolation(" WHERE id = \(bind: id)" as SQLQueryString)
            try await database.raw(update).run()
            try await Self.insertEvent(
                caseId: id, programmeId: programmeId, action: step.action, from: before, to: record.status, note: step.note,
                by: actor, at: now, on: database)
            record.version += 1
            record.updatedAt = now
            return .success(record)
        }
    }

    /// One case of the programme (nil: none with this id there).
    public func record(id: String, programmeId: String) async throws -> CaseRecord? {
        var query: SQLQueryString = "SELECT "
        query.appendInterpolation(Self.columns)
        query.appendInterpolation(" FROM cases WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)" as SQLQueryString)
        let statement = query
        return try await backend.read { database in try await database.raw(statement).first().map(Self.record) }
    }

    /// A page of the cases a query reaches, newest first, and how many there are in all.
    public func cases(_ query: CaseQuery) async throws -> (rows: [CaseRecord], total: Int) {
        var filter = SQLQueryString("programme_id = \(bind: query.programmeId)")
        if case .limited(let divisions, let organisation) = query.reach {
            var reach: [SQLQueryString] = divisions.map { code in
                guard let range = code.range else { return "1 = 1" }
                return "(division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper))"
            }
            if let organisation {
                reach.append("proposer_org_id = \(bind: organisation) OR subject_org_id = \(bind: organisation)")
            }
            guard !reach.isEmpty else { return ([], 0) }
            filter.appendLiteral(" AND (")
            for (index, part) in reach.enumerated() {
                if index > 0 { filter.appendLiteral(" OR ") }
                filter.appendInterpolation(part)
            }
            filter.appendLiteral(")")
        }
        if !query.kinds.isEmpty {
            filter.appendInterpolation(" AND kind IN (\(binds: query.kinds.map(\.rawValue)))" as SQLQueryString)
        }
        if !query.statuses.isEmpty {
            filter.appendInterpolation(" AND status IN (\(binds: query.statuses.map(\.rawValue)))" as SQLQueryString)
        }
        if let range = query.division?.range {
            filter.appendInterpolation(
                " AND division_code >= \(bind: range.lower) AND division_code < \(bind: range.upper)" as SQLQueryString)
        }
        var select: SQLQueryString = "SELECT "
        select.appendInterpolation(Self.columns)
        select.appendLiteral(" FROM cases WHERE ")
        select.appendInterpolation(filter)
        select.appendInterpolation(
            " ORDER BY updated_at DESC, id LIMIT \(literal: max(1, min(query.limit, 200))) OFFSET \(literal: max(0, query.offset))"
                as SQLQueryString)
        var count: SQLQueryString = "SELECT COUNT(*) AS n FROM cases WHERE "
        count.appendInterpolation(filter)
        let (rowsStatement, countStatement) = (select, count)
        return try await backend.read { database in
            let rows = try await database.raw(rowsStatement).all().map(Self.record)
            let total = try await database.raw(countStatement).first()?.int("n") ?? 0
            return (rows, total)
        }
    }

    /// The case's history, oldest first.
    public func events(caseId: String) async throws -> [CaseEvent] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT action, from_status, to_status, note, by_user, by_name, at FROM case_events
                WHERE case_id = \(bind: caseId) ORDER BY id
                """
            ).all().map { row in
                CaseEvent(
                    action: try row.string("action"),
                    fromStatus: try row.optionalString("from_status").flatMap(CaseStatus.init(rawValue:)),
                    toStatus: CaseStatus(rawValue: try row.string("to_status")) ?? .proposed, note: try row.string("note"),
                    byUserId: try row.string("by_user"), byName: try row.string("by_name"), at: try row.date("at"))
            }
        }
    }

    /// Adds a document to a case (its row and bytes in one statement) with a history row.
    public func addDocument(_ document: CaseDocument, content: Data, by actor: ChangeActor) async throws {
        let now = clock.now()
        try await backend.transaction { database in
            guard
                let row = try await database.raw(
                    "SELECT status FROM cases WHERE id = \(bind: document.caseId) AND programme_id = \(bind: document.programmeId)"
                ).first(), let status = CaseStatus(rawValue: try row.string("status"))
            else { throw StoreError.notFound("case \(document.caseId)") }
            try await Self.insert(document, content: content, on: database)
            try await Self.insertEvent(
                caseId: document.caseId, programmeId: document.programmeId, action: "document", from: status, to: status,
                note: document.fileName, by: actor, at: now, on: database)
        }
    }

    public func documents(caseId: String) async throws -> [CaseDocument] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, case_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at
                FROM case_documents WHERE case_id = \(bind: caseId) ORDER BY uploaded_at, id
                """
            ).all().map(Self.document)
        }
    }

    /// One document with its bytes (nil: no such document in the programme).
    public func document(id: String, programmeId: String) async throws -> (CaseDocument, Data)? {
        try await backend.read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT id, programme_id, case_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at, content
                    FROM case_documents WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                    """
                ).first()
            else { return nil }
            return (try Self.document(row), try row.decode(column: "content", as: Data.self))
        }
    }

    static func insert(_ document: CaseDocument, content: Data, on database: any SQLDatabase) async throws {
        try await database.raw(
            """
            INSERT INTO case_documents (id, programme_id, case_id, file_name, content_type, size, sha256, uploaded_by,
            uploaded_at, content) VALUES (\(bind: document.id), \(bind: document.programmeId), \(bind: document.caseId),
            \(bind: document.fileName), \(bind: document.contentType), \(bind: document.size), \(bind: document.sha256),
            \(bind: document.uploadedBy), \(bind: document.uploadedAt.millis), \(bind: content))
            """
        ).run()
    }

    static func insertEvent(
        caseId: String, programmeId: String, action: String, from: CaseStatus?, to: CaseStatus, note: String,
        by actor: ChangeActor, at now: Date, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO case_events (programme_id, case_id, action, from_status, to_status, note, by_user, by_name, at)
            VALUES (\(bind: programmeId), \(bind: caseId), \(bind: action), \(bind: from?.rawValue), \(bind: to.rawValue),
            \(bind: note), \(bind: actor.userId), \(bind: actor.name), \(bind: now.millis))
            """
        ).run()
    }

    static func document(_ row: any SQLRow) throws -> CaseDocument {
        CaseDocument(
            id: try row.string("id"), programmeId: try row.string("programme_id"), caseId: try row.string("case_id"),
            fileName: try row.string("file_name"), contentType: try row.string("content_type"), size: try row.int("size"),
            sha256: try row.string("sha256"), uploadedBy: try row.string("uploaded_by"), uploadedAt: try row.date("uploaded_at"))
    }

    static func record(_ row: any SQLRow) throws -> CaseRecord {
        guard let kind = CaseKind(rawValue: try row.string("kind")),
            let subjectKind = CaseSubjectKind(rawValue: try row.string("subject_kind")),
            let status = CaseStatus(rawValue: try row.string("status"))
        else { throw StoreError.corrupt("cases") }
        return CaseRecord(
            id: try row.string("id"), programmeId: try row.string("programme_id"), kind: kind, subjectKind: subjectKind,
            subjectOrganisationId: try row.optionalString("subject_org_id"), subjectName: try row.string("subject_name"),
            divisionCode: try row.string("division_code"), title: try row.string("title"), status: status,
            proposerUserId: try row.string("proposer_user"), proposerName: try row.string("proposer_name"),
            proposerOrganisationId: try row.optionalString("proposer_org_id"), reviewNote: try row.string("review_note"),
            decisionNote: try row.string("decision_note"), content: try content(try row.string("content")),
            version: try row.int("version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func content(_ text: String) throws -> CaseContent {
        guard let content = try? JSONDecoder().decode(CaseContent.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("cases.content")
        }
        return content
    }

    static func text(_ content: CaseContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }
}
