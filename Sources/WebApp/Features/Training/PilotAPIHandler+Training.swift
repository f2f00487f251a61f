import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/training…`: sessions, registrations and attendance as data, through the page handlers'
/// own rules (`createSession`, `register`, `setAttendance`, `importAttendance`) and the same reach
/// (`TrainingAccess`: a session's names only for its organiser, the bureau and each enterprise's own).
extension PilotAPIHandler {
    static let trainingPageSize = 50

    func listTrainingSessions(
        _ input: Operations.ListTrainingSessions.Input
    ) async throws -> Operations.ListTrainingSessions.Output {
        let identity = try identity(for: .trainingRead)
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let sessions = try await services.store.training.sessions(programmeId: identity.programmeId)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: Self.page(sessions, page, size: Self.trainingPageSize).map(TrainingMapping.session),
                        total: sessions.count, page: page, pageSize: Self.trainingPageSize))))
    }

    func createTrainingSession(
        _ input: Operations.CreateTrainingSession.Input
    ) async throws -> Operations.CreateTrainingSession.Output {
        let identity = try identity(for: .trainingManage)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let texts: [(String, String?, Int)] = [
            ("title", body.title, TrainingForm.maxTitle), ("date", body.date, 10), ("start_time", body.startTime, 5),
            ("end_time", body.endTime, 5), ("place", body.place, TrainingForm.maxPlace), ("sub_industry", body.subIndustry, 100),
            ("division", body.division, 12),
        ]
        var values = ["audience": body.audience.rawValue, "capacity": String(body.capacity)]
        for (field, text, limit) in texts {
            try APIBounds.check(text, field, 0...limit)
            values[field] = text
        }
        try APIBounds.value(body.capacity, "capacity", 1...TrainingForm.maxCapacity)
        if body.online == true { values["online"] = "on" }
        let handlers = TrainingHandlers(services: services)
        switch try await handlers.createSession(identity, values) {
        case .failure(let errors):
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors.list[0].message, fields: errors.list)
        case .success(let session):
            return .created(.init(body: .json(try await trainingSession(identity, session.id))))
        }
    }

    func getTrainingSession(_ input: Operations.GetTrainingSession.Input) async throws -> Operations.GetTrainingSession.Output {
        let identity = try identity(for: .trainingRead)
        return .ok(.init(body: .json(try await trainingSession(identity, input.path.sessionId))))
    }

    func registerForTraining(_ input: Operations.RegisterForTraining.Input) async throws -> Operations.RegisterForTraining.Output
    {
        let identity = try identity(for: .trainingRegister)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.count(body.people.count, "people", 1...TrainingForm.maxPeople)
        var values: [String: String] = [:]
        for (index, person) in body.people.enumerated() {
            try APIBounds.check(person.name, "name", 0...TrainingForm.maxName)
            try APIBounds.check(person.position, "position", 0...TrainingForm.maxName)
            values["person_name_\(index + 1)"] = person.name
            values["position_\(index + 1)"] = person.position
            values["audience_\(index + 1)"] = person.audience.rawValue
        }
        let handlers = TrainingHandlers(services: services)
        let session = try await handlers.session(identity, input.path.sessionId)
        if case .failure(let errors) = try await handlers.register(identity, session, values) {
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors.list[0].message, fields: errors.list)
        }
        return .created(.init(body: .json(try await trainingSession(identity, session.id))))
    }

    func setTrainingAttendance(
        _ input: Operations.SetTrainingAttendance.Input
    ) async throws -> Operations.SetTrainingAttendance.Output {
        let identity = try identity(for: .trainingManage)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.count(body.attended.count, "attended", 0...2000)
        for id in body.attended { try APIBounds.check(id, "attended", 1...64) }
        let handlers = TrainingHandlers(services: services)
        let session = try await handlers.managed(identity, input.path.sessionId)
        try await handlers.setAttendance(session, attended: Set(body.attended))
        return .ok(.init(body: .json(try await trainingSession(identity, session.id))))
    }

    func importTrainingAttendance(
        _ input: Operations.ImportTrainingAttendance.Input
    ) async throws -> Operations.ImportTrainingAttendance.Output {
        let identity = try identity(for: .trainingManage)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        let handlers = TrainingHandlers(services: services)
        let session = try await handlers.managed(identity, input.path.sessionId)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: TrainingAttendanceImport.maxBytes, tooLarge: TrainingText.tooLarge)
        switch try await handlers.importAttendance(session, fileName: input.query.fileName, data: data) {
        case .failure(.file(let message)):
            throw AppError(.unprocessableContent, code: "invalid_input", message: message)
        case .failure(.rows(let problems)):
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: TrainingText.rejected(problems.count),
                fields: problems.map { FieldError(field: "line \($0.line): \($0.column)", message: $0.message) })
        case .success:
            return .ok(.init(body: .json(try await trainingSession(identity, session.id))))
        }
    }

    /// Session `id` with the registrations the caller may see (as its page shows them).
    func trainingSession(_ identity: Identity, _ id: String) async throws -> Components.Schemas.TrainingSessionDetail {
        let handlers = TrainingHandlers(services: services)
        let model = try await handlers.model(identity, try await handlers.session(identity, id))
        return .init(
            session: TrainingMapping.session(model.session), manages: model.manages,
            registrations: model.registrations.map(TrainingMapping.registration))
    }
}

/// The training records to the contract's wire types.
enum TrainingMapping {
    static func session(_ session: TrainingSession) -> Components.Schemas.TrainingSessionView {
        .init(
            id: session.id, title: session.title, audience: .init(rawValue: session.audience.rawValue) ?? .management,
            organiserId: session.organiserId, organiserName: session.organiserName, startsAt: session.startsAt,
            endsAt: session.endsAt, place: session.place, online: session.online, capacity: session.capacity,
            subIndustryId: session.subIndustryId, divisionCode: session.divisionCode, registered: session.registered,
            attended: session.attended)
    }

    static func registration(_ registration: TrainingRegistration) -> Components.Schemas.TrainingRegistrationView {
        .init(
            id: registration.id, enterpriseId: registration.enterpriseId, enterpriseName: registration.enterpriseName,
            personName: registration.personName, position: registration.position,
            audience: .init(rawValue: registration.audience.rawValue) ?? .management, attended: registration.attended,
            registeredAt: registration.registeredAt)
    }
}
