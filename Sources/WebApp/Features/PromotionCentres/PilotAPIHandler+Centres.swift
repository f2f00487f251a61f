import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// `/api/v1/centres…`: promotion centres as data — the list in reach, one centre with its history,
/// the district's screening, the city's decision and the lead's self-assessment — through the
/// page's own steps (`CentreHandlers.centres`, `.reachable`, `.screen`, `.decide`, `.assess`) and the
/// same `centres.*` actions; a centre out of reach is 404, as on the page.
extension PilotAPIHandler {
    func listCentres(_ input: Operations.ListCentres.Input) async throws -> Operations.ListCentres.Output {
        let identity = try identity(for: .centresRead)
        try APIBounds.check(input.query.division, "division", 0...20)
        let records = try await Self.filterRefused {
            try await CentreHandlers(services: services).centres(
                identity, status: input.query.status?.rawValue, division: input.query.division)
        }
        return .ok(.init(body: .json(records.map(Self.centreView))))
    }

    func getCentre(_ input: Operations.GetCentre.Input) async throws -> Operations.GetCentre.Output {
        let identity = try identity(for: .centresRead)
        try APIBounds.check(input.path.centreId, "centreId", 1...100)
        let record = try await CentreHandlers(services: services).reachable(identity, id: input.path.centreId)
        return .ok(.init(body: .json(try await centreDetail(record))))
    }

    func screenCentre(_ input: Operations.ScreenCentre.Input) async throws -> Operations.ScreenCentre.Output {
        let identity = try identity(for: .centresScreen)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.note, "note", 0...PromotionCentre.maxNote)
        return .ok(
            .init(
                body: .json(
                    try await centreStep(identity, input.path.centreId) {
                        try await $0.screen(identity, $1, decision: body.decision.rawValue, note: body.note)
                    })))
    }

    func decideCentre(_ input: Operations.DecideCentre.Input) async throws -> Operations.DecideCentre.Output {
        let identity = try identity(for: .centresDecide)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.note, "note", 0...PromotionCentre.maxNote)
        return .ok(
            .init(
                body: .json(
                    try await centreStep(identity, input.path.centreId) {
                        try await $0.decide(identity, $1, decision: body.decision.rawValue, note: body.note)
                    })))
    }

    func assessCentre(_ input: Operations.AssessCentre.Input) async throws -> Operations.AssessCentre.Output {
        let identity = try identity(for: .centresSelfAssess)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.year, "year", 2020...2100)
        try APIBounds.count(body.ratings.count, "ratings", 0...20)
        var scores: [String: (score: String, evidence: String)] = [:]
        for rating in body.ratings {
            try APIBounds.check(rating.commitment, "ratings.commitment", 0...50)
            try APIBounds.value(rating.score, "ratings.score", 0...100)
            try APIBounds.check(rating.evidence, "ratings.evidence", 0...CentreSelfAssessment.maxEvidence)
            scores[rating.commitment] = (String(rating.score), rating.evidence)
        }
        return .ok(
            .init(
                body: .json(
                    try await centreStep(identity, input.path.centreId) {
                        try await $0.assess(identity, $1, year: String(body.year), scores: scores)
                    })))
    }

    // MARK: Helpers

    /// One step on a centre in reach (the page's own), then the centre as it is now; the step's
    /// problems are `422 invalid_input`.
    func centreStep(
        _ identity: Identity, _ centreId: String,
        _ step: (CentreHandlers, CentreRecord) async throws -> CentreHandlers.Outcome
    ) async throws -> Components.Schemas.CentreDetail {
        try APIBounds.check(centreId, "centreId", 1...100)
        let handlers = CentreHandlers(services: services)
        let outcome = try await step(handlers, try await handlers.reachable(identity, id: centreId))
        guard outcome.done != nil else { throw Self.invalidInput(outcome.errors) }
        return try await centreDetail(try await handlers.reachable(identity, id: centreId))
    }

    func centreDetail(_ record: CentreRecord) async throws -> Components.Schemas.CentreDetail {
        let events = try await services.store.centres.events(centreId: record.id)
        return .init(
            centre: Self.centreView(record),
            events: events.map {
                .init(
                    action: $0.action, fromStatus: $0.fromStatus?.rawValue, toStatus: $0.toStatus.rawValue, detail: $0.detail,
                    byName: $0.byName, at: $0.at)
            })
    }

    static func centreView(_ record: CentreRecord) -> Components.Schemas.CentreView {
        let centre = record.centre
        let application = centre.application
        return .init(
            id: record.id, name: application.name, industry: application.industry,
            leadOrganisationId: record.leadOrganisationId, leadName: application.leadName,
            status: .init(rawValue: centre.status.rawValue) ?? .submitted, statusLabel: APIMapping.text(centre.status.label),
            divisionCode: application.divisionCode, commitments: application.commitments.map(\.rawValue),
            planSummary: application.planSummary, site: application.site, teamSize: application.teamSize,
            returnReason: centre.returnReason, recommendation: centre.recommendation, decisionNote: centre.decisionNote,
            assessments: centre.assessments.sorted { $0.key > $1.key }.map { year, assessment in
                .init(
                    year: year, average: assessment.average,
                    ratings: assessment.ratings.map {
                        .init(commitment: $0.commitment.rawValue, score: $0.score, evidence: $0.evidence)
                    })
            }, version: record.version, updatedAt: record.updatedAt)
    }
}
