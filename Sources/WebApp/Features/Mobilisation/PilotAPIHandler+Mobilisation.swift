import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/mobilisation…`: the task forces' roster, rates and visits as data, through
/// `MobilisationService` and the page handlers' own rules (`recordVisit`, `importRoster`) with the
/// same reach (`MobilisationScope`: a firm out of reach is not found).
extension PilotAPIHandler {
    static let mobilisationPageSize = 50

    func getMobilisation(_ input: Operations.GetMobilisation.Input) async throws -> Operations.GetMobilisation.Output {
        let identity = try identity(for: .mobilisationRead)
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let overview = try await MobilisationService(services: services).overview(
            programmeId: identity.programmeId, divisions: MobilisationScope(identity: identity).divisions)
        var firms = overview.firms.sorted { $0.uscc < $1.uscc }
        if let state = input.query.state {
            firms = firms.filter { MobilisationMapping.state(overview.status.state($0.uscc)) == state.rawValue }
        }
        let language = scope.language
        return .ok(
            .init(
                body: .json(
                    .init(
                        goalPercent: overview.goal, wholeProgramme: overview.wholeProgramme,
                        rates: overview.rates.map {
                            Components.Schemas.MobilisationRate(
                                zone: $0.zone, zoneName: overview.zoneName($0.zone, language), roster: $0.roster,
                                registered: $0.registered, participating: $0.participating, percent: $0.percent)
                        },
                        firms: .init(
                            items: Self.page(firms, page, size: Self.mobilisationPageSize).map {
                                MobilisationMapping.firm($0, overview)
                            },
                            total: firms.count, page: page, pageSize: Self.mobilisationPageSize)))))
    }

    func getMobilisationFirm(_ input: Operations.GetMobilisationFirm.Input) async throws -> Operations.GetMobilisationFirm.Output
    {
        let identity = try identity(for: .mobilisationRead)
        let firm = try await MobilisationHandlers(services: services).reachable(identity, input.path.uscc)
        return .ok(.init(body: .json(try await mobilisationFirm(identity, firm))))
    }

    func recordMobilisationVisit(
        _ input: Operations.RecordMobilisationVisit.Input
    ) async throws -> Operations.RecordMobilisationVisit.Output {
        let identity = try identity(for: .mobilisationVisit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let texts: [(String, String?, Int)] = [
            ("visited_on", body.visitedOn, 10), ("visitor", body.visitor, 40), ("contact", body.contact, 60),
            ("reason", body.reason, 200), ("follow_up_on", body.followUpOn, 10), ("notes", body.notes, 500),
        ]
        var values = ["outcome": body.outcome.rawValue]
        for (field, text, limit) in texts {
            try APIBounds.check(text, field, 0...limit)
            values[field] = text
        }
        let handlers = MobilisationHandlers(services: services)
        let firm = try await handlers.reachable(identity, input.path.uscc)
        if case .failure(let errors) = try await handlers.recordVisit(identity, firm, values) {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: errors.list[0].message, fields: errors.list)
        }
        return .created(.init(body: .json(try await mobilisationFirm(identity, firm))))
    }

    func importMobilisationRoster(
        _ input: Operations.ImportMobilisationRoster.Input
    ) async throws -> Operations.ImportMobilisationRoster.Output {
        let identity = try identity(for: .mobilisationImport)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: MobilisationImport.maxBytes, tooLarge: MobilisationText.tooLarge)
        switch try await MobilisationHandlers(services: services).importRoster(
            identity, fileName: input.query.fileName, data: data)
        {
        case .failure(.file(let message)):
            throw AppError(.unprocessableContent, code: "invalid_input", message: message)
        case .failure(.rows(let problems)):
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: MobilisationText.rejected(problems.count),
                fields: problems.map { FieldError(field: "line \($0.line): \($0.column)", message: $0.message) })
        case .success(let count):
            return .ok(.init(body: .json(.init(added: count.added, updated: count.updated))))
        }
    }

    /// The firm with its state and visits, as its page shows it.
    func mobilisationFirm(
        _ identity: Identity, _ firm: MobilisationFirm
    ) async throws -> Components.Schemas.MobilisationFirmDetail {
        let overview = try await MobilisationService(services: services).overview(
            programmeId: identity.programmeId, divisions: [DivisionCode(firm.divisionCode)].compactMap { $0 })
        return .init(
            firm: MobilisationMapping.firm(firm, overview),
            visits: (overview.visits[firm.uscc] ?? []).map(MobilisationMapping.visit))
    }

    static func page<C: Collection>(_ rows: C, _ page: Int, size: Int) -> [C.Element] {
        Array(rows.dropFirst(PageNumber.offset(page, limit: size)).prefix(size))
    }
}

/// The mobilisation records to the contract's wire types.
enum MobilisationMapping {
    static func state(_ state: MobilisationStatus.State) -> String {
        switch state {
        case .notRegistered: "not_registered"
        case .registered: "registered"
        case .participating: "participating"
        }
    }

    static func firm(
        _ firm: MobilisationFirm, _ overview: MobilisationService.Overview
    ) -> Components.Schemas.MobilisationFirmView {
        let visits = overview.visits[firm.uscc] ?? []
        return .init(
            uscc: firm.uscc, name: firm.name, subIndustryId: firm.subIndustryId, divisionCode: firm.divisionCode,
            zone: overview.zones.zone(of: firm.divisionCode)?.value, size: firm.size,
            state: .init(rawValue: state(overview.status.state(firm.uscc))) ?? .notRegistered, visits: visits.count,
            lastVisitedOn: visits.map(\.visitedOn).max())
    }

    static func visit(_ visit: MobilisationVisit) -> Components.Schemas.MobilisationVisitView {
        .init(
            visitedOn: visit.visitedOn, visitor: visit.visitor, contact: visit.contact,
            outcome: .init(rawValue: visit.outcome.rawValue) ?? .interested, reason: visit.reason, followUpOn: visit.followUpOn,
            notes: visit.notes, byName: visit.byName, at: visit.at)
    }
}
