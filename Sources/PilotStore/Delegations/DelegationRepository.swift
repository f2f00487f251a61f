import Foundation
import PilotDomain
import SQLKit

/// Delegations (issue #17). Reached as `store.delegations`. Creating one checks, in its own
/// transaction, that both people hold grants in the programme and that the principal holds every
/// role handed over; a refusal writes nothing.
public struct DelegationRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource

    /// The longest delegation: a year (an absence longer than that is a change of post).
    public static let longestDays = 366

    static let columns: SQLQueryString = """
        d.id, d.programme_id, d.principal_user_id, p.display_name AS principal_name, d.delegate_user_id,
        e.display_name AS delegate_name, d.roles, d.starts_on, d.ends_on, d.reason, d.created_by, d.created_at,
        d.revoked_at, d.revoked_by
        FROM delegations d JOIN users p ON p.id = d.principal_user_id JOIN users e ON e.id = d.delegate_user_id
        """

    public func create(_ new: NewDelegation, by actor: ChangeActor) async throws -> Delegation {
        let now = clock.now()
        let today = Shanghai.dateText(now)
        var problems: [(field: String, message: LocalizedText)] = []
        let starts = Shanghai.parseDate(new.startsOn)
        let ends = Shanghai.parseDate(new.endsOn)
        if starts == nil {
            problems.append(("starts_on", LocalizedText(zh: "开始日期格式应为 YYYY-MM-DD", en: "The start date must be YYYY-MM-DD")))
        }
        if ends == nil {
            problems.append(("ends_on", LocalizedText(zh: "结束日期格式应为 YYYY-MM-DD", en: "The end date must be YYYY-MM-DD")))
        }
        if let starts, let ends {
            if ends < starts {
                problems.append(("ends_on", LocalizedText(zh: "结束日期不能早于开始日期", en: "The end date is before the start date")))
            } else if ends.timeIntervalSince(starts) > Double(Self.longestDays) * 86_400 {
                problems.append(
                    ("ends_on", LocalizedText(zh: "委托期限最长 366 天", en: "A delegation lasts at most 366 days")))
            }
            if new.endsOn < today {
                problems.append(("ends_on", LocalizedText(zh: "结束日期已过", en: "The end date has passed")))
            }
        }
        if new.delegateUserId == new.principalUserId {
            problems.append(("delegate", LocalizedText(zh: "不能委托给本人", en: "One cannot delegate to oneself")))
        }
        if new.roles.isEmpty {
            problems.append(("roles", LocalizedText(zh: "请至少选择一个委托的角色", en: "Choose at least one role to hand over")))
        }
        let reason = new.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty || reason.count > 500 {
            problems.append(("reason", LocalizedText(zh: "请填写委托事由（不超过 500 字）", en: "Give the reason (at most 500 characters)")))
        }
        let id = ids.make("dlg")
        let checked = problems
        return try await backend.transaction { database in
            var problems = checked
            let held = try await Self.roles(of: new.principalUserId, programmeId: new.programmeId, on: database)
            if !Set(new.roles).isSubset(of: held) {
                problems.append(
                    ("roles", LocalizedText(zh: "只能委托本人在本试点持有的角色", en: "Only roles the principal holds in this programme")))
            }
            if try await Self.roles(of: new.delegateUserId, programmeId: new.programmeId, on: database).isEmpty {
                problems.append(
                    (
                        "delegate",
                        LocalizedText(zh: "受托人须是本试点的有效账号", en: "The delegate must be an active account of this programme")
                    ))
            }
            guard problems.isEmpty else { throw DelegationRefused(fields: problems) }
            try await database.raw(
                """
                INSERT INTO delegations (id, programme_id, principal_user_id, delegate_user_id, roles, starts_on, ends_on,
                reason, created_by, created_at) VALUES (\(bind: id), \(bind: new.programmeId), \(bind: new.principalUserId),
                \(bind: new.delegateUserId), \(bind: new.roles.map(\.rawValue).sorted().joined(separator: ",")),
                \(bind: new.startsOn), \(bind: new.endsOn), \(bind: reason), \(bind: actor.name), \(bind: now.millis))
                """
            ).run()
            return try await Self.load(id, on: database)!
        }
    }

    /// Ends a delegation now; a session acting under it falls back to the person's own grants at
    /// its next request. False when it was revoked already or is of another programme.
    @discardableResult
    public func revoke(id: String, programmeId: String, by actor: ChangeActor) async throws -> Bool {
        let now = clock.now().millis
        return try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE delegations SET revoked_at = \(bind: now), revoked_by = \(bind: actor.name)
                WHERE id = \(bind: id) AND programme_id = \(bind: programmeId) AND revoked_at IS NULL RETURNING id
                """
            ).first() != nil
        }
    }

    public func delegation(id: String) async throws -> Delegation? {
        try await backend.read { database in try await Self.load(id, on: database) }
    }

    /// The programme's delegations given or received by `userId` (every one when nil), newest first.
    public func delegations(programmeId: String, involving userId: String? = nil) async throws -> [Delegation] {
        let only: SQLQueryString =
            userId.map { "AND (d.principal_user_id = \(bind: $0) OR d.delegate_user_id = \(bind: $0))" } ?? ""
        return try await backend.read { database in
            try await database.raw(
                "SELECT \(Self.columns) WHERE d.programme_id = \(bind: programmeId) \(only) ORDER BY d.created_at DESC, d.id"
            ).all().map(Self.decode)
        }
    }

    /// The steps the delegate took for the principal while it ran (history rows naming both).
    public func uses(of delegation: Delegation, limit: Int = 50) async throws -> [DelegationUse] {
        let limit = max(1, min(limit, 500))
        return try await backend.read { database in
            let steps = try await database.raw(
                """
                SELECT instance_id, transition_id, occurred_at FROM workflow_history
                WHERE actor_user_id = \(bind: delegation.delegateUserId)
                AND principal_user_id = \(bind: delegation.principalUserId) AND programme_id = \(bind: delegation.programmeId)
                ORDER BY occurred_at DESC LIMIT \(bind: limit)
                """
            ).all().map {
                DelegationUse(
                    instanceId: try $0.string("instance_id"), transitionId: try $0.string("transition_id"), detail: nil,
                    occurredAt: try $0.date("occurred_at"))
            }
            // The money the delegate moved for the principal (finance officers delegate too).
            let funds = try await database.raw(
                """
                SELECT action, detail, at FROM funds_log WHERE actor_user_id = \(bind: delegation.delegateUserId)
                AND principal_user_id = \(bind: delegation.principalUserId) AND programme_id = \(bind: delegation.programmeId)
                ORDER BY id DESC LIMIT \(bind: limit)
                """
            ).all().map {
                DelegationUse(
                    instanceId: nil, transitionId: try $0.string("action"), detail: try $0.string("detail"),
                    occurredAt: try $0.date("at"))
            }
            return Array((steps + funds).sorted { $0.occurredAt > $1.occurredAt }.prefix(limit))
        }
    }

    static func roles(of userId: String, programmeId: String, on database: any SQLDatabase) async throws -> Set<Role> {
        Set(
            try await database.raw(
                """
                SELECT g.role FROM user_grants g JOIN users u ON u.id = g.user_id
                WHERE g.user_id = \(bind: userId) AND g.programme_id = \(bind: programmeId) AND u.active <> 0
                """
            ).all().compactMap { Role(rawValue: try $0.string("role")) })
    }

    static func load(_ id: String, on database: any SQLDatabase) async throws -> Delegation? {
        try await database.raw("SELECT \(columns) WHERE d.id = \(bind: id)").first().map(decode)
    }

    static func decode(_ row: any SQLRow) throws -> Delegation {
        Delegation(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            principalUserId: try row.string("principal_user_id"), principalName: try row.string("principal_name"),
            delegateUserId: try row.string("delegate_user_id"), delegateName: try row.string("delegate_name"),
            roles: try row.string("roles").split(separator: ",").compactMap { Role(rawValue: String($0)) },
            startsOn: try row.string("starts_on"), endsOn: try row.string("ends_on"), reason: try row.string("reason"),
            createdBy: try row.string("created_by"), createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at"), revokedBy: try row.optionalString("revoked_by"))
    }
}
