import Foundation
import PilotDomain
import SQLKit

/// The policy library (issue #15; 004 §四(八)): each policy with its versions (every publication,
/// edit and withdrawal is a version row written in the same transaction as the policy), and the
/// marker of when each enterprise last read the list. Reached as `store.policies`.
public struct PolicyRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
}

/// Why a change of a policy was refused; nothing was written.
public enum PolicyRefusal: Error, Sendable, Hashable {
    /// Someone changed it since the form was opened.
    case stale(current: Int)
    case withdrawn
}

extension PolicyRepository {
    /// Publishes a new policy: its row and version 1, in one transaction.
    public func publish(
        id: String, programmeId: String, content: PolicyContent, by actor: ChangeActor
    ) async throws
        -> PolicyRecord
    {
        let now = clock.now()
        let text = try Self.text(content)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO policies (id, programme_id, title, issuer, valid_from, valid_to, status, policy, version,
                published_at, updated_at) VALUES (\(bind: id), \(bind: programmeId), \(bind: content.title),
                \(bind: content.issuer), \(bind: content.validFrom), \(bind: content.validTo), 'published', \(bind: text), 1,
                \(bind: now.millis), \(bind: now.millis))
                """
            ).run()
            try await Self.insertVersion(
                policyId: id, programmeId: programmeId, version: 1, action: "published", reason: "", text: text, by: actor,
                at: now, on: database)
        }
        return PolicyRecord(
            id: id, programmeId: programmeId, content: content, status: .published, version: 1, publishedAt: now,
            updatedAt: now)
    }

    /// Edits a published policy on the version the form was opened on, with the reason, as a new version.
    public func edit(
        id: String, programmeId: String, content: PolicyContent, expectedVersion: Int, reason: String, by actor: ChangeActor
    ) async throws -> Result<PolicyRecord, PolicyRefusal> {
        try await change(
            id: id, programmeId: programmeId, expectedVersion: expectedVersion, action: "edited", reason: reason, by: actor
        ) {
            _ in (content, .published)
        }
    }

    /// Withdraws a policy (废止/撤回): it stays readable with its history, no longer in force.
    public func withdraw(
        id: String, programmeId: String, expectedVersion: Int, reason: String, by actor: ChangeActor
    )
        async throws -> Result<PolicyRecord, PolicyRefusal>
    {
        try await change(
            id: id, programmeId: programmeId, expectedVersion: expectedVersion, action: "withdrawn", reason: reason, by: actor
        ) { content in (content, .withdrawn) }
    }

    func change(
        id: String, programmeId: String, expectedVersion: Int, action: String, reason: String, by actor: ChangeActor,
        _ body: @escaping @Sendable (PolicyContent) -> (PolicyContent, PolicyRecord.Status)
    ) async throws -> Result<PolicyRecord, PolicyRefusal> {
        let now = clock.now()
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var query: SQLQueryString = """
                SELECT id, programme_id, policy, status, version, published_at, updated_at FROM policies
                WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)
                """
            query.appendInterpolation(lock)
            guard let row = try await database.raw(query).first() else { throw StoreError.notFound("policy \(id)") }
            var record = try Self.record(row)
            guard record.status == .published else { return .failure(.withdrawn) }
            guard record.version == expectedVersion else { return .failure(.stale(current: record.version)) }
            let (content, status) = body(record.content)
            let text = try Self.text(content)
            try await database.raw(
                """
                UPDATE policies SET title = \(bind: content.title), issuer = \(bind: content.issuer),
                valid_from = \(bind: content.validFrom), valid_to = \(bind: content.validTo), status = \(bind: status.rawValue),
                policy = \(bind: text), version = version + 1, updated_at = \(bind: now.millis)
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
                """
            ).run()
            record.content = content
            record.status = status
            record.version += 1
            record.updatedAt = now
            try await Self.insertVersion(
                policyId: id, programmeId: programmeId, version: record.version, action: action, reason: reason, text: text,
                by: actor, at: now, on: database)
            return .success(record)
        }
    }

    /// One policy (nil: none with this id, or not of the programme when one is given).
    public func policy(id: String, programmeId: String?) async throws -> PolicyRecord? {
        try await backend.read { database in
            var query: SQLQueryString = """
                SELECT id, programme_id, policy, status, version, published_at, updated_at FROM policies WHERE id = \(bind: id)
                """
            if let programmeId { query.appendInterpolation(" AND programme_id = \(bind: programmeId)" as SQLQueryString) }
            return try await database.raw(query).first().map(Self.record)
        }
    }

    /// The policies of a programme (nil: every programme), newest first, at most `limit`.
    public func policies(programmeId: String?, includeWithdrawn: Bool = true, limit: Int = 2000) async throws -> [PolicyRecord] {
        var filter: SQLQueryString = "1 = 1"
        if let programmeId { filter.appendInterpolation(" AND programme_id = \(bind: programmeId)" as SQLQueryString) }
        if !includeWithdrawn { filter.appendLiteral(" AND status = 'published'") }
        let condition = filter
        return try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, policy, status, version, published_at, updated_at FROM policies WHERE \(condition)
                ORDER BY published_at DESC, id LIMIT \(literal: max(1, min(limit, 5000)))
                """
            ).all().map(Self.record)
        }
    }

    /// Every version of a policy, oldest first.
    public func versions(policyId: String) async throws -> [PolicyVersion] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT version, action, reason, policy, by_name, at FROM policy_versions WHERE policy_id = \(bind: policyId)
                ORDER BY version
                """
            ).all().map { row in
                PolicyVersion(
                    version: try row.int("version"), action: try row.string("action"), reason: try row.string("reason"),
                    content: try Self.content(try row.string("policy")), byName: try row.string("by_name"),
                    at: try row.date("at"))
            }
        }
    }

    /// When the enterprise last opened the policy list (nil: never).
    public func lastSeen(programmeId: String, organisationId: String) async throws -> Date? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT seen_at FROM policy_seen WHERE programme_id = \(bind: programmeId)
                AND organisation_id = \(bind: organisationId)
                """
            ).first().map { try $0.date("seen_at") }
        }
    }

    /// Records that the enterprise has read the list now.
    public func markSeen(programmeId: String, organisationId: String) async throws {
        let now = clock.now().millis
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM policy_seen WHERE programme_id = \(bind: programmeId) AND organisation_id = \(bind: organisationId)
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO policy_seen (programme_id, organisation_id, seen_at)
                VALUES (\(bind: programmeId), \(bind: organisationId), \(bind: now))
                """
            ).run()
        }
    }

    static func insertVersion(
        policyId: String, programmeId: String, version: Int, action: String, reason: String, text: String,
        by actor: ChangeActor, at now: Date, on database: any SQLDatabase
    ) async throws {
        try await database.raw(
            """
            INSERT INTO policy_versions (programme_id, policy_id, version, action, reason, policy, by_user, by_name, at)
            VALUES (\(bind: programmeId), \(bind: policyId), \(bind: version), \(bind: action), \(bind: reason), \(bind: text),
            \(bind: actor.userId), \(bind: actor.name), \(bind: now.millis))
            """
        ).run()
    }

    static func record(_ row: any SQLRow) throws -> PolicyRecord {
        PolicyRecord(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            content: try content(try row.string("policy")),
            status: PolicyRecord.Status(rawValue: try row.string("status")) ?? .withdrawn, version: try row.int("version"),
            publishedAt: try row.date("published_at"), updatedAt: try row.date("updated_at"))
    }

    static func content(_ text: String) throws -> PolicyContent {
        guard let content = try? JSONDecoder().decode(PolicyContent.self, from: Data(text.utf8)) else {
            throw StoreError.corrupt("policies.policy")
        }
        return content
    }

    static func text(_ content: PolicyContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }
}
