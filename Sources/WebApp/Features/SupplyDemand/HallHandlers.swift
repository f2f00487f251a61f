import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The supply–demand hall (issue #15; 004 §四(三)): the public hall of open needs and products; a
/// need's page with its matching products; an enterprise posts needs (started from its diagnosis)
/// and accepts an answer into its plan draft; providers in good standing answer.
struct HallHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = HallHandlers(services: services)
        router.requiring(.hallRead)
            .get("/supply-demand") { request, context in try await handlers.hall(request, context) }
            .get("/supply-demand/needs/:need") { request, context in try await handlers.page(request, context) }
        router.requiring(.hallPost)
            .get("/supply-demand/needs/new") { request, context in try await handlers.newPage(request, context) }
            .post("/supply-demand/needs") { request, context in try await handlers.post(request, context) }
            .post("/supply-demand/needs/:need/accept") { request, context in try await handlers.accept(request, context) }
            .post("/supply-demand/needs/:need/close") { request, context in try await handlers.close(request, context) }
        router.requiring(.hallAnswer)
            .post("/supply-demand/needs/:need/answers") { request, context in try await handlers.answer(request, context) }
    }

    func layout(_ context: AppRequestContext, _ path: String) -> Layout {
        Layout(language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: path)
    }

    var today: String { Shanghai.dateText(services.store.clock.now()) }

    func labels(_ language: UILanguage, programmes: Set<String>) async throws -> HallLabels {
        var names: [String: LocalizedText] = [:]
        for programme in programmes {
            for sub in try await services.store.programmes.subIndustries(programmeId: programme) { names[sub.id] = sub.name }
        }
        return HallLabels(language: language, subIndustryNames: names, divisions: services.divisions)
    }

    static func bad(_ name: String, _ value: String) -> AppError {
        AppError(.badRequest, code: "bad_filter", message: PolicyText.badFilter(name, String(value.prefix(40))))
    }

    /// `GET /supply-demand?scenario=&category=`: open needs (deadline not passed) and products.
    func hall(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = context.identity
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters[name[...]].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        var scenario: String?
        if let text = value("scenario") {
            guard NeedForm.scenarioKeys.contains(text) else { throw Self.bad("scenario", text) }
            scenario = text
        }
        var category: ProviderCategory?
        if let text = value("category") {
            guard let chosen = ProviderCategory(rawValue: text) else { throw Self.bad("category", text) }
            category = chosen
        }
        let programmeId = identity?.programmeId
        let today = self.today
        let open = try await services.store.hall.needs(programmeId: programmeId, statuses: [.open]).filter { need in
            need.content.deadline >= today && (scenario.map { need.content.scenarios.contains($0) } ?? true)
                && (category.map { need.content.category == nil || need.content.category == $0.rawValue } ?? true)
        }
        var query = CatalogueQuery()
        query.programmeId = programmeId
        query.scenario = scenario
        query.category = category
        let products = try await services.store.providers.catalogue(query)
        var mine: [NeedRecord]?
        if let identity, let organisation = PolicyHandlers.enterpriseId(identity) {
            mine = try await services.store.hall.needs(programmeId: identity.programmeId, organisationId: organisation)
        }
        let names = try await labels(
            context.language, programmes: Set(open.map(\.programmeId) + (mine ?? []).map(\.programmeId)))
        return .html(
            HallView(layout: layout(context, "/supply-demand"), labels: names).render(
                open: open, products: products, mine: mine,
                canPost: identity.map { AccessPolicy.allows($0, .hallPost) } ?? false,
                typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) }))
    }

    /// The products matching a need, most shared scenarios first, then cheapest.
    func matched(_ need: NeedRecord) async throws -> [CatalogueEntry] {
        var query = CatalogueQuery()
        query.programmeId = need.programmeId
        query.limit = 1000
        return try await services.store.providers.catalogue(query).filter { entry in
            NeedMatch.matches(
                need.content, scenarios: entry.product.scenarios, price: entry.product.price, providerCategories: entry.categories
            )
        }.sorted { left, right in
            let (l, r) = (
                NeedMatch.shared(need.content, scenarios: left.product.scenarios).count,
                NeedMatch.shared(need.content, scenarios: right.product.scenarios).count
            )
            return l != r ? l > r : left.product.price < right.product.price
        }
    }

    /// The need and who reads it. The enterprise that posted it reads it in any status; a provider
    /// that answered it too; anyone else only while it is open. 404 otherwise.
    func viewer(_ context: AppRequestContext) async throws -> (NeedRecord, NeedView.Viewer) {
        let id = try context.parameters.require("need")
        let identity = context.identity
        guard let need = try await services.store.hall.need(id: id, programmeId: identity?.programmeId) else {
            throw AppError.notFound(HallText.need)
        }
        if let identity, PolicyHandlers.enterpriseId(identity) == need.organisationId {
            try await services.store.hall.markNoticesRead(needId: need.id, organisationId: need.organisationId)
            return (
                need,
                .owner(
                    answers: try await services.store.hall.answers(needId: need.id),
                    notices: try await services.store.hall.notices(
                        programmeId: need.programmeId, organisationId: need.organisationId, unreadOnly: false, needId: need.id),
                    events: try await services.store.hall.events(needId: need.id))
            )
        }
        let open = need.status == .open && need.content.deadline >= today
        if let identity, AccessPolicy.allows(identity, .hallAnswer), let organisation = identity.account.organisationId {
            let own = try await services.store.hall.answers(needId: need.id, organisationId: organisation).first
            guard open || own != nil else { throw AppError.notFound(HallText.need) }
            let products = try await services.store.providers.products(programmeId: identity.programmeId).filter {
                $0.organisationId == organisation
            }
            return (need, .provider(own: own, canAnswer: open, products: products))
        }
        guard open else { throw AppError.notFound(HallText.need) }
        return (need, .visitor)
    }

    /// `GET /supply-demand/needs/{id}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (need, viewer) = try await viewer(context)
        let flash = request.uri.queryParameters["done"].map { value -> Flash in
            let text: LocalizedText =
                switch value {
                case "posted": HallText.posted
                case "answered": HallText.answered
                case "accepted": HallText.acceptedFlash
                default: HallText.closedFlash
                }
            return Flash(kind: .ok, text: text.text(context.language))
        }
        return .html(
            try await view(context, NeedView.Model(need: need, matched: try await matched(need), viewer: viewer), flash: flash))
    }

    func view(_ context: AppRequestContext, _ model: NeedView.Model, flash: Flash?) async throws -> HTML {
        NeedView(
            layout: layout(context, "/supply-demand/needs/\(model.need.id)"),
            labels: try await labels(context.language, programmes: [model.need.programmeId])
        ).render(model, flash: flash)
    }
}
