import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/products`, `/contractors`, `/selections`: the provider pool's pages as data, with the
/// same checks (`ProductInput`, `ContractorHandlers.appoint`, `SelectionHandlers.decide`) and the
/// same `providers.*`, `contractors.*` and `selections.*` actions.
extension PilotAPIHandler {
    static let productPageSize = 100

    func listProducts(_ input: Operations.ListProducts.Input) async throws -> Operations.ListProducts.Output {
        let programmeId = try identity(for: .providersRead).programmeId
        let page = try PageNumber.bounded(input.query.page ?? 1)
        if let provider = input.query.providerId { try APIBounds.check(provider, "provider_id", 0...100) }
        var products = try await services.store.providers.products(programmeId: programmeId)
        if let provider = input.query.providerId { products = products.filter { $0.organisationId == provider } }
        let rows = products.dropFirst(PageNumber.offset(page, limit: Self.productPageSize)).prefix(Self.productPageSize)
        return .ok(
            .init(
                body: .json(
                    .init(items: rows.map(Self.product), total: products.count, page: page, pageSize: Self.productPageSize))))
    }

    func publishProduct(_ input: Operations.PublishProduct.Input) async throws -> Operations.PublishProduct.Output {
        let identity = try identity(for: .providersPublishProduct)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let owner = try await productOwner(identity, body.providerId ?? identity.account.organisationId)
        let member = try await services.store.providers.poolMember(organisationId: owner.id, programmeId: identity.programmeId)
        let product = try Self.checked(body, removal: ProductInput.removalProblem(owner, member))
        let made = try await services.store.providers.addProduct(
            programmeId: identity.programmeId, organisationId: owner.id, name: product.name, price: product.price,
            scenarios: product.scenarios, description: product.description)
        return .created(.init(body: .json(Self.product(made))))
    }

    func updateProduct(_ input: Operations.UpdateProduct.Input) async throws -> Operations.UpdateProduct.Output {
        let identity = try identity(for: .providersPublishProduct)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let notFound = AppError.notFound(LocalizedText(zh: "产品", en: "The product"))
        guard
            let existing = try await services.store.providers.product(id: input.path.productId, programmeId: identity.programmeId)
        else { throw notFound }
        // Only a product the caller may publish for is theirs to edit; another's is simply not found.
        let owners = ProviderHandlers.productOwners(
            identity, among: try await ProviderHandlers(services: services).listedProviders(identity.programmeId))
        guard owners.contains(where: { $0.id == existing.organisationId }) else { throw notFound }
        if let provider = body.providerId, provider != existing.organisationId { throw notFound }
        let product = try Self.checked(body, removal: nil)
        guard
            let updated = try await services.store.providers.updateProduct(
                id: existing.id, programmeId: identity.programmeId, organisationId: existing.organisationId, name: product.name,
                price: product.price, scenarios: product.scenarios, description: product.description)
        else { throw notFound }
        return .ok(.init(body: .json(Self.product(updated))))
    }

    func listMainContractors(_ input: Operations.ListMainContractors.Input) async throws -> Operations.ListMainContractors.Output
    {
        let programmeId = try identity(for: .contractorsRead).programmeId
        let assignments = try await services.store.providers.contractorAssignments(programmeId: programmeId)
        return .ok(.init(body: .json(assignments.map(Self.contractor))))
    }

    func appointMainContractor(
        _ input: Operations.AppointMainContractor.Input
    ) async throws -> Operations.AppointMainContractor.Output {
        let identity = try identity(for: .contractorsAssign)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.subIndustryId, "sub_industry_id", 1...100)
        try APIBounds.check(body.organisationId, "organisation_id", 1...100)
        try APIBounds.check(body.taskBookNo, "task_book_no", 1...50)
        try APIBounds.check(body.reason, "reason", 0...2000)
        let handlers = ContractorHandlers(services: services)
        let outcome = try await handlers.appoint(
            identity, try await handlers.model(identity), subIndustryId: body.subIndustryId, organisationId: body.organisationId,
            taskBookNo: body.taskBookNo, reason: body.reason ?? "")
        guard let appointed = outcome.appointed else { throw Self.invalidInput(outcome.errors) }
        return .created(.init(body: .json(Self.contractor(appointed))))
    }

    func listSelections(_ input: Operations.ListSelections.Input) async throws -> Operations.ListSelections.Output {
        let programmeId = try identity(for: .selectionsRead).programmeId
        return .ok(
            .init(body: .json(try await services.store.providers.selections(programmeId: programmeId).map(Self.selection))))
    }

    func decideSelection(_ input: Operations.DecideSelection.Input) async throws -> Operations.DecideSelection.Output {
        let identity = try identity(for: .selectionsDecide)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.subjectId, "subject_id", 1...100)
        try APIBounds.check(body.note, "note", 0...500)
        try await SelectionHandlers(services: services).decide(
            identity, subject: body.subjectId, kind: body.kind.rawValue, selected: body.selected, note: body.note ?? "")
        let selections = try await services.store.providers.selections(programmeId: identity.programmeId)
        return .ok(.init(body: .json(selections.map(Self.selection))))
    }

    // MARK: Helpers

    /// The organisation the caller publishes for: their own, or (admitters) any listed provider.
    func productOwner(_ identity: Identity, _ id: String?) async throws -> Organisation {
        let providers = try await ProviderHandlers(services: services).listedProviders(identity.programmeId)
        guard let id, let owner = ProviderHandlers.productOwners(identity, among: providers).first(where: { $0.id == id }) else {
            throw AppError.forbidden
        }
        return owner
    }

    static func checked(_ body: Components.Schemas.ProductInput, removal: FieldError?) throws -> ProductInput {
        try APIBounds.check(body.providerId, "provider_id", 0...100)
        try APIBounds.check(body.name, "name", 1...200)
        try APIBounds.check(body.price, "price", 1...40)
        try APIBounds.count(body.scenarios.count, "scenarios", 1...50)
        for scenario in body.scenarios { try APIBounds.check(scenario, "scenarios", 1...100) }
        try APIBounds.check(body.description, "description", 0...2000)
        let checked = ProductInput.validate(
            name: body.name, price: body.price, scenarios: body.scenarios, description: body.description ?? "")
        guard let product = checked.product, removal == nil else {
            throw invalidInput((removal.map { [$0] } ?? []) + checked.errors)
        }
        return product
    }

    /// `422 invalid_input` with every field problem; the first one is the message.
    static func invalidInput(_ errors: [FieldError]) -> AppError {
        AppError(
            .unprocessableContent, code: "invalid_input",
            message: errors.first?.message ?? LocalizedText(zh: "输入有误", en: "Invalid input"), fields: errors)
    }

    static func product(_ product: ProviderProduct) -> Components.Schemas.ProductView {
        .init(
            id: product.id, providerId: product.organisationId, name: product.name, priceFen: Int(product.price.value),
            scenarios: product.scenarios, description: product.description)
    }

    static func contractor(_ row: ContractorAssignment) -> Components.Schemas.MainContractorView {
        .init(
            id: row.id, subIndustryId: row.subIndustryId, organisationId: row.organisationId,
            organisationName: row.organisationName, taskBookNo: row.taskBookNo, startedAt: row.startedAt, endedAt: row.endedAt,
            endReason: row.endReason)
    }

    static func selection(_ row: Selection) -> Components.Schemas.SelectionView {
        .init(
            kind: .init(rawValue: row.kind.rawValue) ?? .excellentProvider, subjectId: row.subjectId, note: row.note,
            selectedBy: row.selectedBy, selectedAt: row.selectedAt)
    }
}
