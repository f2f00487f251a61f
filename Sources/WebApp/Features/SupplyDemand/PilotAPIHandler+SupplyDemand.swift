import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// `/api/v1/supply-demand/needs…`: the supply–demand hall as data — the open needs, a need as its
/// reader may see it, posting, answering, accepting an answer into the plan draft, closing —
/// through the hall's own rules (`HallHandlers.filter`/`.openNeeds`/`.viewer`/`.post`/`.answer`/
/// `.accept`/`.close`, `NeedForm`) and the same `hall.*` actions.
extension PilotAPIHandler {
    func listNeeds(_ input: Operations.ListNeeds.Input) async throws -> Operations.ListNeeds.Output {
        try AccessPolicy.require(scope.identity, .hallRead)
        try APIBounds.check(input.query.scenario, "scenario", 0...100)
        try APIBounds.check(input.query.category, "category", 0...50)
        let handlers = HallHandlers(services: services)
        let filter = try await Self.filterRefused {
            try HallHandlers.filter(scenario: input.query.scenario, category: input.query.category)
        }
        let identity = scope.identity
        let open = try await handlers.openNeeds(identity?.programmeId, filter)
        let mine = try await handlers.mine(identity)
        return .ok(
            .init(
                body: .json(
                    .init(
                        open: open.map { Self.needView($0, owner: false) },
                        mine: mine.map { $0.map { Self.needView($0, owner: true) } }))))
    }

    func getNeed(_ input: Operations.GetNeed.Input) async throws -> Operations.GetNeed.Output {
        try AccessPolicy.require(scope.identity, .hallRead)
        try APIBounds.check(input.path.needId, "needId", 1...100)
        return .ok(.init(body: .json(try await needDetail(scope.identity, input.path.needId))))
    }

    func postNeed(_ input: Operations.PostNeed.Input) async throws -> Operations.PostNeed.Output {
        let identity = try identity(for: .hallPost)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.title, "title", 0...200)
        try APIBounds.check(body.description, "description", 0...4000)
        try APIBounds.count(body.scenarios.count, "scenarios", 0...50)
        for scenario in body.scenarios { try APIBounds.check(scenario, "scenarios", 0...100) }
        try APIBounds.check(body.category, "category", 0...50)
        try APIBounds.check(body.budgetMin, "budget_min", 0...20)
        try APIBounds.check(body.budgetMax, "budget_max", 0...20)
        try APIBounds.check(body.deadline, "deadline", 0...10)
        let values = [
            "title": body.title, "description": body.description, "scenarios": body.scenarios.joined(separator: ","),
            "category": body.category ?? "", "budget_min": body.budgetMin, "budget_max": body.budgetMax,
            "deadline": body.deadline, "show_name": body.showName == true ? "on" : "",
        ]
        switch try await HallHandlers(services: services).post(identity, values) {
        case .failure(let errors): throw Self.invalidInput(errors.list)
        case .success(let need): return .created(.init(body: .json(Self.needView(need, owner: true))))
        }
    }

    func answerNeed(_ input: Operations.AnswerNeed.Input) async throws -> Operations.AnswerNeed.Output {
        let identity = try identity(for: .hallAnswer)
        try APIBounds.check(input.path.needId, "needId", 1...100)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.proposal, "proposal", 0...4000)
        try APIBounds.check(body.price, "price", 0...20)
        try APIBounds.check(body.productId, "product_id", 0...100)
        try APIBounds.check(body.timeline, "timeline", 0...500)
        let handlers = HallHandlers(services: services)
        let (need, viewer) = try await handlers.viewer(identity, id: input.path.needId)
        let values = [
            "proposal": body.proposal, "price": body.price, "product": body.productId ?? "", "timeline": body.timeline,
        ]
        if case .failure(let errors) = try await handlers.answer(identity, need, viewer, values) {
            throw Self.invalidInput(errors.list)
        }
        return .created(.init(body: .json(try await needDetail(identity, need.id))))
    }

    func acceptNeedAnswer(_ input: Operations.AcceptNeedAnswer.Input) async throws -> Operations.AcceptNeedAnswer.Output {
        let identity = try identity(for: .hallPost)
        try APIBounds.check(input.path.needId, "needId", 1...100)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.answerId, "answer_id", 0...64)
        try APIBounds.value(body.expectedVersion, "expected_version", 1...1_000_000)
        let handlers = HallHandlers(services: services)
        let need = try await handlers.ownNeed(identity, id: input.path.needId)
        try await handlers.accept(
            identity, need, answerId: body.answerId, expectedVersion: body.expectedVersion, language: scope.language)
        return .ok(.init(body: .json(try await needDetail(identity, need.id))))
    }

    func closeNeed(_ input: Operations.CloseNeed.Input) async throws -> Operations.CloseNeed.Output {
        let identity = try identity(for: .hallPost)
        try APIBounds.check(input.path.needId, "needId", 1...100)
        let handlers = HallHandlers(services: services)
        try await handlers.close(identity, try await handlers.ownNeed(identity, id: input.path.needId))
        return .ok(.init(body: .json(try await needDetail(identity, input.path.needId))))
    }

    // MARK: Helpers

    /// The need as `identity` reads it on its page (404 when it may not).
    func needDetail(_ identity: Identity?, _ id: String) async throws -> Components.Schemas.NeedDetail {
        let (need, viewer) = try await HallHandlers(services: services).viewer(identity, id: id)
        switch viewer {
        case .owner(let answers, _, _):
            return .init(need: Self.needView(need, owner: true), answers: answers.map(Self.answerView))
        case .provider(let own, _, _):
            return .init(need: Self.needView(need, owner: false), answers: own.map { [Self.answerView($0)] } ?? [])
        case .visitor: return .init(need: Self.needView(need, owner: false), answers: [])
        }
    }

    static func needView(_ need: NeedRecord, owner: Bool) -> Components.Schemas.NeedView {
        let content = need.content
        return .init(
            id: need.id, programmeId: need.programmeId,
            organisationName: owner || content.showName ? need.organisationName : nil, title: content.title,
            description: content.description, scenarios: content.scenarios, category: content.category,
            budgetMinFen: content.budgetMin, budgetMaxFen: content.budgetMax, deadline: content.deadline,
            status: .init(rawValue: need.status.rawValue) ?? .open, acceptedAnswerId: need.acceptedAnswerId,
            planInstanceId: need.planInstanceId, version: need.version, createdAt: need.createdAt)
    }

    static func answerView(_ answer: HallAnswer) -> Components.Schemas.NeedAnswerView {
        .init(
            id: answer.id, providerId: answer.organisationId, providerName: answer.providerName,
            status: .init(rawValue: answer.status.rawValue) ?? .submitted, proposal: answer.proposal,
            priceFen: answer.price.value, productId: answer.productId, productName: answer.productName,
            timeline: answer.timeline, createdAt: answer.createdAt)
    }
}
