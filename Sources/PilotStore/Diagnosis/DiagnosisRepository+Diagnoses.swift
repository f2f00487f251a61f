import Diagnosis
import Foundation
import PilotDomain
import SQLKit

/// A diagnosis as stored: a firm's round, its answers pinned to their questionnaire versions and,
/// once submitted, its scored result.
public struct DiagnosisRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case draft
        case submitted
    }

    /// Where its on-site diagnosis stands (`none` when the rule did not send it and the firm did not ask).
    public enum OfflineStatus: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case pending
        case assigned
        case filed
    }

    public var id: String
    public var programmeId: String
    public var uscc: String
    /// 1 for the first diagnosis of the firm, 2 for the re-diagnosis after its transformation …
    public var round: Int
    public var status: Status
    public var answers: AnsweredDiagnosis
    /// The firm's division and group when the diagnosis started (its peers in the benchmarking).
    public var divisionCode: String
    public var industryGroup: String
    public var scored: ScoredDiagnosis?
    /// The firm's newest submitted diagnosis.
    public var latest: Bool
    public var offlineStatus: OfflineStatus
    /// Bumped by every save: a save from a stale page is refused rather than overwriting newer answers.
    public var version: Int
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedBy: String?
    public var submittedAt: Date?

    public var questionnaire: QuestionnaireKey { answers.base.questionnaire }
    public var size: EnterpriseSize { answers.base.size }
}

/// Why a draft cannot be saved or submitted.
public enum DiagnosisChangeRefusal: Error, Sendable, Hashable {
    /// Submitted already: a submitted diagnosis is never changed (a re-diagnosis is a new round).
    case alreadySubmitted
    /// The page was older than the saved draft.
    case staleVersion(current: Int)
}

extension DiagnosisRepository {
    static let diagnosisColumns = """
        id, programme_id, uscc, round, status, answers, division_code, industry_group, result, latest, offline_status,
        version, created_by, created_at, updated_at, submitted_by, submitted_at
        """

    /// The firm's draft, or a new one (the next round) with empty answers pinned to `questionnaire`
    /// and `modules`: one draft per firm at a time, so a second tab resumes the first's.
    public func startDiagnosis(
        id: String, firm: DiagnosisFirm, questionnaire: QuestionnaireKey, modules: [QuestionnaireKey], by actor: ChangeActor
    ) async throws -> DiagnosisRecord {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        let answers = AnsweredDiagnosis(
            base: QuestionnaireAnswers(questionnaire: questionnaire, size: firm.size, answers: [:]),
            modules: modules.map { QuestionnaireAnswers(questionnaire: $0, size: firm.size, answers: [:]) })
        let text = try Self.text(answers)
        let moduleText = modules.map(\.description).joined(separator: ",")
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT draft_id, latest_grade, division_code FROM diagnosis_firms
                WHERE programme_id = \(bind: firm.programmeId) AND uscc = \(bind: firm.uscc)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("firm \(firm.uscc)") }
            if let draft = try row.optionalString("draft_id"),
                let existing = try await Self.diagnosis(id: draft, programmeId: firm.programmeId, on: database)
            {
                return existing
            }
            let round =
                try await database.raw(
                    """
                    SELECT COALESCE(MAX(round), 0) AS n FROM diagnoses WHERE programme_id = \(bind: firm.programmeId)
                    AND uscc = \(bind: firm.uscc)
                    """
                ).first().map { try $0.int("n") } ?? 0
            try await database.raw(
                """
                INSERT INTO diagnoses (id, programme_id, uscc, round, status, questionnaire_id, questionnaire_version, modules,
                size, answers, division_code, region_code, industry_group, latest, offline_status, version, created_by,
                created_at, updated_at) VALUES (\(bind: id), \(bind: firm.programmeId), \(bind: firm.uscc), \(bind: round + 1),
                'draft', \(bind: questionnaire.id), \(bind: questionnaire.version), \(bind: moduleText),
                \(bind: firm.size.rawValue), \(bind: text), \(bind: firm.divisionCode), \(bind: Self.region(firm.divisionCode)),
                \(bind: firm.industryGroup), 0, 'none', 1, \(bind: actor.userId), \(bind: now.millis), \(bind: now.millis))
                """
            ).run()
            // A first diagnosis moves the firm from "not started" to "filling" in its unit's counts.
            if try row.optionalInt64("latest_grade") == nil {
                let division = try row.string("division_code")
                try await Self.bumpUnit(programmeId: firm.programmeId, division: division, progress: 0, by: -1, on: database)
                try await Self.bumpUnit(programmeId: firm.programmeId, division: division, progress: -1, by: 1, on: database)
            }
            try await database.raw(
                """
                UPDATE diagnosis_firms SET draft_id = \(bind: id),
                progress = CASE WHEN latest_grade IS NULL THEN -1 ELSE progress END, updated_at = \(bind: now.millis)
                WHERE programme_id = \(bind: firm.programmeId) AND uscc = \(bind: firm.uscc)
                """
            ).run()
            return DiagnosisRecord(
                id: id, programmeId: firm.programmeId, uscc: firm.uscc, round: round + 1, status: .draft, answers: answers,
                divisionCode: firm.divisionCode, industryGroup: firm.industryGroup, scored: nil, latest: false,
                offlineStatus: .none, version: 1, createdBy: actor.userId, createdAt: now, updatedAt: now, submittedBy: nil,
                submittedAt: nil)
        }
    }

    /// Saves a draft's answers (the questionnaire versions stay as started). Refused, writing
    /// nothing, when it was submitted meanwhile or the page was older than the draft.
    public func saveDraft(
        id: String, programmeId: String, answers: AnsweredDiagnosis, expectedVersion: Int
    ) async throws -> Result<Int, DiagnosisChangeRefusal> {
        let now = clock.now()
        let text = try Self.text(answers)
        return try await backend.transaction { database in
            let current = try await Self.lockedState(id: id, programmeId: programmeId, kind: backend.kind, on: database)
            guard current.status == .draft else { return .failure(.alreadySubmitted) }
            guard current.version == expectedVersion else { return .failure(.staleVersion(current: current.version)) }
            try await database.raw(
                """
                UPDATE diagnoses SET answers = \(bind: text), version = version + 1, updated_at = \(bind: now.millis)
                WHERE id = \(bind: id)
                """
            ).run()
            return .success(expectedVersion + 1)
        }
    }

    /// Submits a draft with its score, in one transaction: the diagnosis becomes the firm's latest
    /// (the previous round stays beside it), the roster row carries the new result, and when the
    /// campaign's rule (or the firm) sends it offline, its on-site diagnosis is opened — so a result
    /// never exists without the offline case its rule demands.
    public func submit(
        id: String, programmeId: String, answers: AnsweredDiagnosis, scored: ScoredDiagnosis, expectedVersion: Int,
        offlineReason: String?, by actor: ChangeActor
    ) async throws -> Result<DiagnosisRecord, DiagnosisChangeRefusal> {
        let now = clock.now()
        let text = try Self.text(answers)
        let result = try Self.text(scored)
        let kind = backend.kind
        return try await backend.transaction { database in
            let current = try await Self.lockedState(id: id, programmeId: programmeId, kind: kind, on: database)
            guard current.status == .draft else { return .failure(.alreadySubmitted) }
            guard current.version == expectedVersion else { return .failure(.staleVersion(current: current.version)) }
            // The counters first: the previous latest result leaves its peer sets, the firm leaves its
            // old progress in its unit and joins the new grade.
            if let previous = try await Self.latestResult(programmeId: programmeId, uscc: current.uscc, on: database) {
                try await Self.bumpPeers(keys: previous.keys, total: previous.total, grade: previous.grade, by: -1, on: database)
            }
            guard
                let firm = try await database.raw(
                    """
                    SELECT division_code, latest_grade, draft_id, first_diagnosed_at FROM diagnosis_firms
                    WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: current.uscc)
                    """
                ).first()
            else { throw StoreError.notFound("firm \(current.uscc)") }
            let division = try firm.string("division_code")
            let before = Self.progress(
                grade: try firm.optionalInt64("latest_grade").map(Int.init), draft: try firm.optionalString("draft_id"))
            try await Self.bumpUnit(programmeId: programmeId, division: division, progress: before, by: -1, on: database)
            try await Self.bumpUnit(
                programmeId: programmeId, division: division, progress: scored.base.grade ?? 0, by: 1, on: database)
            // A first diagnosis counts toward this year's quota; a re-diagnosis does not count again.
            let first = try firm.optionalInt64("first_diagnosed_at") == nil
            if first {
                try await Self.bumpYear(programmeId: programmeId, division: division, year: Self.year(now), by: 1, on: database)
            }
            try await database.raw(
                """
                UPDATE diagnoses SET latest = 0 WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: current.uscc)
                AND latest = 1
                """
            ).run()
            try await database.raw(
                """
                UPDATE diagnoses SET status = 'submitted', answers = \(bind: text), result = \(bind: result),
                model_id = \(bind: scored.base.model.id), model_version = \(bind: scored.base.model.version),
                total = \(bind: scored.base.total), grade = \(bind: scored.base.grade), stage = \(bind: scored.base.stage),
                latest = 1, offline_status = \(bind: offlineReason == nil ? "none" : "pending"), version = version + 1,
                updated_at = \(bind: now.millis), submitted_by = \(bind: actor.userId), submitted_at = \(bind: now.millis)
                WHERE id = \(bind: id)
                """
            ).run()
            try await database.raw(
                """
                UPDATE diagnosis_firms SET latest_diagnosis_id = \(bind: id), latest_total = \(bind: scored.base.total),
                latest_grade = \(bind: scored.base.grade), diagnosed_at = \(bind: now.millis), draft_id = NULL,
                first_diagnosed_at = COALESCE(first_diagnosed_at, \(bind: now.millis)),
                progress = \(bind: scored.base.grade ?? 0),
                updated_at = \(bind: now.millis) WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: current.uscc)
                """
            ).run()
            if let offlineReason {
                try await database.raw(
                    """
                    INSERT INTO offline_diagnoses (diagnosis_id, programme_id, uscc, reason, status, created_at)
                    VALUES (\(bind: id), \(bind: programmeId), \(bind: current.uscc), \(bind: offlineReason), 'pending',
                    \(bind: now.millis))
                    """
                ).run()
            }
            guard let record = try await Self.diagnosis(id: id, programmeId: programmeId, on: database) else {
                throw StoreError.notFound("diagnosis \(id)")
            }
            try await Self.bumpPeers(
                keys: Self.peerKeys(
                    programmeId: programmeId, region: Self.region(record.divisionCode), industryGroup: record.industryGroup,
                    size: record.size.rawValue, model: scored.base.model),
                total: scored.base.total, grade: scored.base.grade, by: 1, on: database)
            return .success(record)
        }
    }

    /// One diagnosis of the campaign (nil: none with this id there).
    public func diagnosis(id: String, programmeId: String) async throws -> DiagnosisRecord? {
        try await backend.read { database in try await Self.diagnosis(id: id, programmeId: programmeId, on: database) }
    }

    /// Every diagnosis of a firm, newest round first.
    public func diagnoses(programmeId: String, uscc: String) async throws -> [DiagnosisRecord] {
        try await backend.read { database in
            var query = SQLQueryString("SELECT ")
            query.appendLiteral(Self.diagnosisColumns)
            query.appendInterpolation(
                " FROM diagnoses WHERE programme_id = \(bind: programmeId) AND uscc = \(bind: uscc) ORDER BY round DESC"
                    as SQLQueryString)
            return try await database.raw(query).all().map(Self.record)
        }
    }

    static func diagnosis(id: String, programmeId: String, on database: any SQLDatabase) async throws -> DiagnosisRecord? {
        var query = SQLQueryString("SELECT ")
        query.appendLiteral(diagnosisColumns)
        query.appendInterpolation(
            " FROM diagnoses WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)" as SQLQueryString)
        return try await database.raw(query).first().map(record)
    }

    static func lockedState(
        id: String, programmeId: String, kind: BackendKind, on database: any SQLDatabase
    ) async throws -> (status: DiagnosisRecord.Status, version: Int, uscc: String) {
        var query: SQLQueryString = """
            SELECT status, version, uscc FROM diagnoses WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
            """
        if kind == .postgres { query.appendLiteral(" FOR UPDATE") }
        guard let row = try await database.raw(query).first() else { throw StoreError.notFound("diagnosis \(id)") }
        return (
            DiagnosisRecord.Status(rawValue: try row.string("status")) ?? .submitted, try row.int("version"),
            try row.string("uscc")
        )
    }

    static func record(_ row: any SQLRow) throws -> DiagnosisRecord {
        let decoder = JSONDecoder()
        guard let answers = try? decoder.decode(AnsweredDiagnosis.self, from: Data(try row.string("answers").utf8)) else {
            throw StoreError.corrupt("diagnoses.answers")
        }
        let scored = try row.optionalString("result").map { text in
            guard let value = try? decoder.decode(ScoredDiagnosis.self, from: Data(text.utf8)) else {
                throw StoreError.corrupt("diagnoses.result")
            }
            return value
        }
        return DiagnosisRecord(
            id: try row.string("id"), programmeId: try row.string("programme_id"), uscc: try row.string("uscc"),
            round: try row.int("round"), status: DiagnosisRecord.Status(rawValue: try row.string("status")) ?? .draft,
            answers: answers, divisionCode: try row.string("division_code"), industryGroup: try row.string("industry_group"),
            scored: scored, latest: try row.int("latest") != 0,
            offlineStatus: DiagnosisRecord.OfflineStatus(rawValue: try row.string("offline_status")) ?? .none,
            version: try row.int("version"), createdBy: try row.string("created_by"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), submittedBy: try row.optionalString("submitted_by"),
            submittedAt: try row.optionalDate("submitted_at"))
    }

    static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
