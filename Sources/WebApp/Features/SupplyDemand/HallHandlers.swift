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
        let filter = try Self.filter(
            scenario: parameters["scenario"].map(String.init), category: parameters["category"].map(String.init))
        let open = try await openNeeds(identity?.programmeId, filter)
        var query = CatalogueQuery()
        query.programmeId = identity?.programmeId
        query.scenario = filter.scenario
        query.category = filter.category
        let products = try await services.store.providers.catalogue(query)
        let mine = try await self.mine(identity)
        let names = try await labels(
            context.language, programmes: Set(open.map(\.programmeId) + (mine ?? []).map(\.programmeId)))
        return .html(
            HallView(layout: layout(context, "/supply-demand"), labels: names).render(
                open: open, products: products, mine: mine,
                canPost: identity.map { AccessPolicy.allows($0, .hallPost) } ?? false,
                typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) }))
    }

    /// The hall's filters (blank: any); an unknown scenario or category is a 400 naming it.
    static func filter(scenario: String?, category: String?) throws -> (scenario: String?, category: ProviderCategory?) {
        func given(_ text: String?) -> String? {
            text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        var scenarioKey: String?
        if let text = given(scenario) {
            guard NeedForm.scenarioKeys.contains(text) else { throw Self.bad("scenario", text) }
            scenarioKey = text
        }
        var chosenCategory: ProviderCategory?
        if let text = given(category) {
            guard let chosen = ProviderCategory(rawValue: text) else { throw Self.bad("category", text) }
            chosenCategory = chosen
        }
        return (scenarioKey, chosenCategory)
    }

    /// The open needs (deadline not passed) of the programme (nil: every programme's) matching the
    /// filters: the hall's table, for the page and the API.
    func openNeeds(
        _ programmeId: String?, _ filter: (scenario: String?, category: ProviderCategory?)
    ) async throws -> [NeedRecord] {
        let today = self.today
        return try await services.store.hall.needs(programmeId: programmeId, statuses: [.open]).filter { need in
            need.content.deadline >= today && (filter.scenario.map { need.content.scenarios.contains($0) } ?? true)
                && (filter.category.map { need.content.category == nil || need.content.category == $0.rawValue } ?? true)
        }
    }

    /// The signed-in enterprise's own needs in any status (nil for anyone else).
    func mine(_ identity: Identity?) async throws -> [NeedRecord]? {
        guard let identity, let organisation = PolicyHandlers.enterpriseId(identity) else { return nil }
        return try await services.store.hall.needs(programmeId: identity.programmeId, organisationId: organisation)
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
        try await viewer(context.identity, id: try context.parameters.require("need"))
    }

    /// The need `id` and who reads it, for the page and the API.
    func viewer(_ identity: Identity?, id: String) async throws -> (NeedRecord, NeedView.Viewer) {
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
