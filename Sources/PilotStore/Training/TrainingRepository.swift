import Foundation
import PilotDomain
import SQLKit

/// Training of the pilot (policy 004 §六(二) 加强人才培训): sessions for the four audiences, the people
/// enterprises register for them (never beyond the session's capacity: counted and written under
/// the session row's lock in one transaction) and who attended. Reached as `store.training`.
public struct TrainingRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
}

/// Who a session or a person is for: 一把手, 管理人员, 技术人员, 一线员工 (004 §六(二)).
public enum TrainingAudience: String, Sendable, CaseIterable, Codable, Hashable {
    case topLeaders = "top_leaders"
    case management
    case technical
    case frontline

    public var label: LocalizedText {
        switch self {
        case .topLeaders: LocalizedText(zh: "一把手", en: "Top leaders")
        case .management: LocalizedText(zh: "管理人员", en: "Management")
        case .technical: LocalizedText(zh: "技术人员", en: "Technical staff")
        case .frontline: LocalizedText(zh: "一线员工", en: "Frontline workers")
        }
    }

    /// By its key or its Chinese or English label (an attendance file may use either).
    public init?(text: String) {
        let clean = text.trimmingCharacters(in: .whitespaces)
        guard
            let found = Self.allCases.first(where: {
                $0.rawValue == clean || $0.label.zh == clean || $0.label.en.caseInsensitiveCompare(clean) == .orderedSame
            })
        else { return nil }
        self = found
    }
}

/// A session as stored, with how many people are registered and attended.
public struct TrainingSession: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var title: String
    public var audience: TrainingAudience
    public var organiserId: String
    public var organiserName: String
    public var startsAt: Date
    public var endsAt: Date
    /// The address, or the meeting link's description when `online`.
    public var place: String
    public var online: Bool
    public var capacity: Int
    public var subIndustryId: String?
    public var divisionCode: String?
    public var createdBy: String
    public var createdAt: Date
    public var registered: Int = 0
    public var attended: Int = 0

    public init(
        id: String, programmeId: String, title: String, audience: TrainingAudience, organiserId: String, organiserName: String,
        startsAt: Date, endsAt: Date, place: String, online: Bool, capacity: Int, subIndustryId: String?, divisionCode: String?,
        createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.title = title
        self.audience = audience
        self.organiserId = organiserId
        self.organiserName = organiserName
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.online = online
        self.capacity = capacity
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// One person an enterprise registered for a session.
public struct TrainingRegistration: Sendable, Hashable {
    public var id: String
    public var sessionId: String
    public var enterpriseId: String
    public var enterpriseName: String
    public var personName: String
    public var position: String
    public var audience: TrainingAudience
    public var attended: Bool
    public var registeredAt: Date
}

/// A person to register: name, position and which audience they belong to.
public struct TrainingPerson: Sendable, Hashable {
    public var name: String
    public var position: String
    public var audience: TrainingAudience

    public init(name: String, position: String, audience: TrainingAudience) {
        self.name = name
        self.position = position
        self.audience = audience
    }
}

/// Why a registration was refused; nothing was written.
public enum TrainingRefusal: Error, Sendable, Hashable {
    /// Only `remaining` places are left.
    case full(remaining: Int)
    /// This person of the enterprise is registered already.
    case duplicate(name: String)
}

/// One attendee as the counts read it: their audience and their enterprise's sub-industry and division.
public struct TrainingAttendance: Sendable, Hashable {
    public var audience: TrainingAudience
    public var enterpriseId: String
    public var subIndustryId: String?
    public var divisionCode: String?

    public init(audience: TrainingAudience, enterpriseId: String, subIndustryId: String?, divisionCode: String?) {
        self.audience = audience
        self.enterpriseId = enterpriseId
        self.subIndustryId = subIndustryId
        self.divisionCode = divisionCode
    }
}

extension TrainingRepository {
    public func createSession(_ session: TrainingSession) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO training_sessions (id, programme_id, title, audience, organiser_org_id, organiser_name, starts_at,
                ends_at, place, online, capacity, sub_industry_id, division_code, created_by, created_at) VALUES
                (\(bind: session.id), \(bind: session.programmeId), \(bind: session.title), \(bind: session.audience.rawValue),
                \(bind: session.organiserId), \(bind: session.organiserName), \(bind: session.startsAt.millis),
                \(bind: session.endsAt.millis), \(bind: session.place), \(bind: session.online ? 1 : 0),
                \(bind: session.capacity), \(bind: session.subIndustryId), \(bind: session.divisionCode),
                \(bind: session.createdBy), \(bind: session.createdAt.millis))
                """
            ).run()
        }
    }

    static var sessionColumns: SQLQueryString {
        """
        SELECT s.id, s.programme_id, s.title, s.audience, s.organiser_org_id, s.organiser_name, s.starts_at, s.ends_at,
        s.place, s.online, s.capacity, s.sub_industry_id, s.division_code, s.created_by, s.created_at,
        (SELECT COUNT(*) FROM training_registrations r WHERE r.session_id = s.id) AS registered,
        (SELECT COUNT(*) FROM training_registrations r WHERE r.session_id = s.id AND r.attended = 1) AS attended
        FROM training_sessions s
        """
    }

    /// The programme's sessions, latest first.
    public func sessions(programmeId: String) async throws -> [TrainingSession] {
        var query = Self.sessionColumns
        query.appendInterpolation(
            " WHERE s.programme_id = \(bind: programmeId) ORDER BY s.starts_at DESC, s.id" as SQLQueryString)
        let statement = query
        return try await backend.read { database in try await database.raw(statement).all().map(Self.session) }
    }

    public func session(id: String, programmeId: String) async throws -> TrainingSession? {
        var query = Self.sessionColumns
        query.appendInterpolation(" WHERE s.id = \(bind: id) AND s.programme_id = \(bind: programmeId)" as SQLQueryString)
        let statement = query
        return try await backend.read { database in try await database.raw(statement).first().map(Self.session) }
    }

    /// Registers `people` of one enterprise: all of them, or — when the places left are fewer, or
    /// one of them is registered already — none.
    public func register(
        sessionId: String, programmeId: String, enterpriseId: String, people: [TrainingPerson], by actor: ChangeActor
    ) async throws -> Result<[String], TrainingRefusal> {
        let now = clock.now().millis
        let newIds = people.map { _ in ids.make("trr") }
        let lock: SQLQueryString = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await backend.transaction { database in
            var select: SQLQueryString =
                "SELECT capacity FROM training_sessions WHERE id = \(bind: sessionId) AND programme_id = \(bind: programmeId)"
            select.appendInterpolation(lock)
            guard let row = try await database.raw(select).first() else { throw StoreError.notFound("session \(sessionId)") }
            let capacity = try row.int("capacity")
            let taken =
                try await database.raw(
                    "SELECT COUNT(*) AS n FROM training_registrations WHERE session_id = \(bind: sessionId)"
                ).first()?.int("n") ?? 0
            guard taken + people.count <= capacity else { return .failure(.full(remaining: max(0, capacity - taken))) }
            let names = try await database.raw(
                """
                SELECT person_name FROM training_registrations WHERE session_id = \(bind: sessionId)
                AND enterprise_org_id = \(bind: enterpriseId)
                """
            ).all().map { try $0.string("person_name") }
            var seen = Set(names)
            for person in people where !seen.insert(person.name).inserted { return .failure(.duplicate(name: person.name)) }
            for (person, id) in zip(people, newIds) {
                try await database.raw(
                    """
                    INSERT INTO training_registrations (id, programme_id, session_id, enterprise_org_id, person_name, position,
                    audience, attended, registered_by, registered_at) VALUES (\(bind: id), \(bind: programmeId),
                    \(bind: sessionId), \(bind: enterpriseId), \(bind: person.name), \(bind: person.position),
                    \(bind: person.audience.rawValue), 0, \(bind: actor.userId), \(bind: now))
                    """
                ).run()
            }
            return .success(newIds)
        }
    }

    /// The session's registrations, by enterprise then name.
    public func registrations(sessionId: String) async throws -> [TrainingRegistration] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT r.id, r.session_id, r.enterprise_org_id, o.name AS enterprise_name, r.person_name, r.position,
                r.audience, r.attended, r.registered_at FROM training_registrations r
                LEFT JOIN organisations o ON o.id = r.enterprise_org_id
                WHERE r.session_id = \(bind: sessionId) ORDER BY o.name, r.person_name, r.id
                """
            ).all().map { row in
                TrainingRegistration(
                    id: try row.string("id"), sessionId: try row.string("session_id"),
                    enterpriseId: try row.string("enterprise_org_id"),
                    enterpriseName: try row.optionalString("enterprise_name") ?? "",
                    personName: try row.string("person_name"), position: try row.string("position"),
                    audience: TrainingAudience(rawValue: try row.string("audience")) ?? .frontline,
                    attended: try row.int("attended") != 0, registeredAt: try row.date("registered_at"))
            }
        }
    }

    /// Marks the named registrations of the session attended or not, all in one transaction;
    /// registrations not named keep their mark. Ids of another session are ignored (the caller checks
    /// them first).
    public func setAttendance(sessionId: String, changes: [String: Bool]) async throws {
        guard !changes.isEmpty else { return }
        let attended = changes.filter(\.value).map(\.key).sorted()
        let absent = changes.filter { !$0.value }.map(\.key).sorted()
        try await backend.transaction { database in
            if !attended.isEmpty {
                try await database.raw(
                    """
                    UPDATE training_registrations SET attended = 1 WHERE session_id = \(bind: sessionId)
                    AND id IN (\(binds: attended))
                    """
                ).run()
            }
            if !absent.isEmpty {
                try await database.raw(
                    """
                    UPDATE training_registrations SET attended = 0 WHERE session_id = \(bind: sessionId)
                    AND id IN (\(binds: absent))
                    """
                ).run()
            }
        }
    }

    /// Every attendee of the programme with the audience they registered for and their
    /// enterprise's sub-industry and division: what the counts are made of.
    public func attendance(programmeId: String) async throws -> [TrainingAttendance] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT r.audience, r.enterprise_org_id, o.sub_industry_id, o.division_code FROM training_registrations r
                LEFT JOIN organisations o ON o.id = r.enterprise_org_id
                WHERE r.programme_id = \(bind: programmeId) AND r.attended = 1
                """
            ).all().map { row in
                TrainingAttendance(
                    audience: TrainingAudience(rawValue: try row.string("audience")) ?? .frontline,
                    enterpriseId: try row.string("enterprise_org_id"), subIndustryId: try row.optionalString("sub_industry_id"),
                    divisionCode: try row.optionalString("division_code"))
            }
        }
    }

    static func session(_ row: any SQLRow) throws -> TrainingSession {
        var session = TrainingSession(
            id: try row.string("id"), programmeId: try row.string("programme_id"), title: try row.string("title"),
            audience: TrainingAudience(rawValue: try row.string("audience")) ?? .frontline,
            organiserId: try row.string("organiser_org_id"), organiserName: try row.string("organiser_name"),
            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"), place: try row.string("place"),
            online: try row.int("online") != 0, capacity: try row.int("capacity"),
            subIndustryId: try row.optionalString("sub_industry_id"), divisionCode: try row.optionalString("division_code"),
            createdBy: try row.string("created_by"), createdAt: try row.date("created_at"))
        session.registered = try row.int("registered")
        session.attended = try row.int("attended")
        return session
    }
}
