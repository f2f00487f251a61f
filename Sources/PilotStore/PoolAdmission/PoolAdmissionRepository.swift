import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// The provider pool's yearly calls and the applications to them (policy 002 第六条). The
/// application's steps are decisions of its `provider-admission` instance; this repository keeps
/// what ties instances to calls.
public struct PoolAdmissionRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
    let instances: InstanceRepository
}

extension PoolAdmissionRepository {
    public func openCall(
        programmeId: String, year: Int, title: String, opensOn: String, closesOn: String, requirements: String, by: String
    ) async throws -> PoolCall {
        let call = PoolCall(
            id: ids.make("call"), programmeId: programmeId, year: year, title: title, opensOn: opensOn, closesOn: closesOn,
            requirements: requirements, createdBy: by, createdAt: Date(millis: clock.now().millis))
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO pool_calls (id, programme_id, year, title, opens_on, closes_on, requirements, created_by, created_at)
                VALUES (\(bind: call.id), \(bind: programmeId), \(bind: Int64(year)), \(bind: title), \(bind: opensOn),
                \(bind: closesOn), \(bind: requirements), \(bind: by), \(bind: call.createdAt.millis))
                """
            ).run()
        }
        return call
    }

    /// The programme's calls, newest first.
    public func calls(programmeId: String) async throws -> [PoolCall] {
        try await backend.read { database in
            try await database.raw(
                "SELECT * FROM pool_calls WHERE programme_id = \(bind: programmeId) ORDER BY opens_on DESC, id"
            ).all().map(Self.decodeCall)
        }
    }

    public func call(_ id: String) async throws -> PoolCall? {
        try await backend.read { database in
            try await database.raw("SELECT * FROM pool_calls WHERE id = \(bind: id)").first().map(Self.decodeCall)
        }
    }

    static func decodeCall(_ row: any SQLRow) throws -> PoolCall {
        PoolCall(
            id: try row.string("id"), programmeId: try row.string("programme_id"), year: try row.int("year"),
            title: try row.string("title"), opensOn: try row.string("opens_on"), closesOn: try row.string("closes_on"),
            requirements: try row.string("requirements"), createdBy: try row.string("created_by"),
            createdAt: Date(millis: try row.int64("created_at")))
    }

    /// Starts the provider's application to `call`: its instance and the row tying it to the call,
    /// in one transaction. A second application to the same call is reported, not written.
    public func startApplication(
        _ new: NewInstance, call: PoolCall, organisationId: String, divisionCode: String, actor: Actor, engine: Engine
    ) async throws -> PoolApplicationStart {
        if let existing = try await application(callId: call.id, organisationId: organisationId) {
            return .alreadyApplied(instanceId: existing.instanceId)
        }
        let now = clock.now().millis
        do {
            let instance = try await backend.transaction { database in
                let instance = try await instances.createInstance(new, actor: actor, engine: engine, on: database)
                try await database.raw(
                    """
                    INSERT INTO pool_applications (instance_id, call_id, programme_id, organisation_id, division_code, created_at)
                    VALUES (\(bind: instance.id), \(bind: call.id), \(bind: call.programmeId), \(bind: organisationId),
                    \(bind: divisionCode), \(bind: now))
                    """
                ).run()
                return instance
            }
            return .started(instanceId: instance.id)
        } catch let error where backend.kind.isUniqueViolation(error) {
            guard let existing = try await application(callId: call.id, organisationId: organisationId) else { throw error }
            return .alreadyApplied(instanceId: existing.instanceId)
        }
    }

    public func application(callId: String, organisationId: String) async throws -> PoolApplication? {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT * FROM pool_applications WHERE call_id = \(bind: callId) AND organisation_id = \(bind: organisationId)
                """
            ).first().map(Self.decodeApplication)
        }
    }

    public func application(instanceId: String) async throws -> PoolApplication? {
        try await backend.read { database in
            try await database.raw("SELECT * FROM pool_applications WHERE instance_id = \(bind: instanceId)").first()
                .map(Self.decodeApplication)
        }
    }

    /// Every application of an organisation, newest first (the provider's own list).
    public func applications(organisationId: String) async throws -> [PoolApplication] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT * FROM pool_applications WHERE organisation_id = \(bind: organisationId) ORDER BY created_at DESC, instance_id
                """
            ).all().map(Self.decodeApplication)
        }
    }

    /// The application instances of `call` whose district lies within `division` (its whole subtree;
    /// one index range over the codes), oldest first — the summary sheet's order — in one query.
    public func applicationInstances(callId: String, within division: DivisionCode?) async throws -> [InstanceSnapshot] {
        let columns = InstanceRepository.instanceColumns.split(separator: ",")
            .map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        var query: SQLQueryString = """
            SELECT \(unsafeRaw: columns) FROM pool_applications a JOIN workflow_instances i ON i.id = a.instance_id
            WHERE a.call_id = \(bind: callId)
            """
        if let range = division?.range {
            query.appendInterpolation(
                " AND a.division_code >= \(bind: range.lower) AND a.division_code < \(bind: range.upper)" as SQLQueryString)
        }
        query.appendLiteral(" ORDER BY a.created_at, a.instance_id")
        let statement = query
        return try await backend.read { database in
            try await database.raw(statement).all().map(InstanceRepository.decodeInstance)
        }
    }

    static func decodeApplication(_ row: any SQLRow) throws -> PoolApplication {
        PoolApplication(
            instanceId: try row.string("instance_id"), callId: try row.string("call_id"),
            organisationId: try row.string("organisation_id"), divisionCode: try row.string("division_code"))
    }
}
