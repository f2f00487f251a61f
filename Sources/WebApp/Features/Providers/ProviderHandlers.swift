import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The provider pool: every signed-in party of the programme reads it (contractors choose
/// providers and products from it); the bureau and the platform operator admit providers
/// (`providers.admit`); a provider publishes products for itself, the admitters for any provider.
struct ProviderHandlers {
    let services: AppServices

    func model(_ identity: Identity) async throws -> ProvidersView.Model {
        let programmeId = identity.programmeId
        let members = try await services.store.providers.poolMembers(programmeId: programmeId)
        // Providers, and the main contractors that are pool members (chosen from the pool: 004 §四(五)).
        let organisations = try await listedProviders(programmeId)
        var providers: [(organisation: Organisation, categories: [String])] = []
        for organisation in organisations {
            let categories =
                (try await services.store.parties.organisationProfile(organisation.id)["categories"]?.arrayValue ?? [])
                .compactMap(\.stringValue)
            providers.append((organisation, categories))
        }
        // For the bureau: the open projects of each removed provider, for the district to decide on
        // (policy 002 第八条; the projects are not ended by the removal).
        let governs = AccessPolicy.allows(identity, .providersGovern)
        var openProjects: [String: [InstanceSnapshot]] = [:]
        for (id, member) in members where governs && !member.isInGoodStanding {
            var query = ProjectQuery(programmeId: programmeId, scopes: [Scope.organisation(id).description])
            query.limit = 200
            openProjects[id] = try await services.store.instances.projects(query).rows.filter { instance in
                !(services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?.state(instance.state)?
                    .terminal ?? false)
            }
        }
        let admits = AccessPolicy.allows(identity, .providersAdmit)
        let owners = Self.productOwners(identity, among: organisations)
        var model = ProvidersView.Model(
            providers: providers, products: try await services.store.providers.products(programmeId: programmeId),
            productOwners: owners,
            canAdmit: admits, members: members, canGovern: governs, openProjects: openProjects,
            canComplain: AccessPolicy.allows(identity, .providersComplain),
            openComplaints: governs ? try await services.store.providers.openComplaints(programmeId: programmeId) : [])
        if governs { model.criteria = try await services.store.programmes.programme(id: programmeId)?.definition?.poolEvaluation }
        return model
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let parameters = request.uri.queryParameters
        let flash: Flash? =
            parameters["admitted"] != nil
            ? Flash(kind: .ok, text: ProviderText.admitted.text(context.language))
            : parameters["published"] != nil
                ? Flash(kind: .ok, text: ProviderText.published.text(context.language))
                : parameters["pool"] == "recorded"
                    ? Flash(kind: .ok, text: PoolText.recorded.text(context.language))
                    : parameters["pool"] == "removed" ? Flash(kind: .ok, text: PoolText.removedNow.text(context.language)) : nil
        return .html(view(context, identity).render(try await model(identity), flash: flash))
    }

    func admit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let errors = try await admit(
            identity, name: form["name"] ?? "", uscc: form["uscc"] ?? "",
            categories: (form["categories"] ?? "").split(separator: ",").map(String.init)
        ).errors
        if errors.isEmpty { return .redirect("/providers?admitted=1") }
        var model = try await model(identity)
        model.typed = form.values
        model.errors = errors
        return .html(
            view(context, identity).render(model, flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
            status: .unprocessableContent)
    }

    /// Admits a provider to the programme's pool, for the page and the API: a name, a valid credit
    /// code not yet in the programme, acceptable categories. The organisation, or every problem
    /// (nothing written).
    func admit(
        _ identity: Identity, name: String, uscc typed: String, categories: [String]
    ) async throws -> (admitted: Organisation?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.append(FieldError(field: "name", message: LocalizedText(zh: "请填写服务商名称", en: "Enter the name"))) }
        var uscc: USCC?
        do { uscc = try USCC(validating: typed) } catch {
            errors.append(FieldError(field: "uscc", message: error.message))
        }
        if let problem = ProviderCategories.problem(categories) {
            errors.append(FieldError(field: "categories", message: problem))
        }
        guard let uscc, errors.isEmpty else { return (nil, errors) }
        if let existing = try await services.store.parties.organisation(uscc: uscc.value, programmeId: identity.programmeId) {
            return (nil, [FieldError(field: "uscc", message: EnterpriseOnboarding.duplicateMessage(existing))])
        }
        let admitted = try await services.store.providers.addProvider(
            programmeId: identity.programmeId, name: name, uscc: uscc, categories: categories)
        return (admitted, [])
    }

    func addProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        var model = try await model(identity)
        guard let owner = model.productOwners.first(where: { $0.id == form["provider"] }) else { throw AppError.forbidden }
        let member = try await services.store.providers.poolMember(organisationId: owner.id, programmeId: identity.programmeId)
        let checked = ProductInput.validate(
            name: form["product"] ?? "", price: form["price"] ?? "",
            scenarios: (form["scenarios"] ?? "").split(separator: ",").map(String.init), description: form["description"] ?? "")
        let removal = ProductInput.removalProblem(owner, member)
        guard let product = checked.product, removal == nil else {
            let errors: [FieldError] = (removal.map { [$0] } ?? []) + checked.errors
            model.typed = form.values
            model.errors = errors
            return .html(
                view(context, identity).render(model, flash: Flash(kind: .error, text: errors[0].message.text(context.language))),
                status: .unprocessableContent)
        }
        _ = try await services.store.providers.addProduct(
            programmeId: identity.programmeId, organisationId: owner.id, name: product.name, price: product.price,
            scenarios: product.scenarios, description: product.description)
        return .redirect("/providers?published=1")
    }

    /// Whose products the caller may publish and edit: any listed provider's for the admitters,
    /// else only their own organisation's.
    static func productOwners(_ identity: Identity, among organisations: [Organisation]) -> [Organisation] {
        AccessPolicy.allows(identity, .providersAdmit)
            ? organisations : organisations.filter { $0.id == identity.account.organisationId }
    }

    /// The providers of the programme, and the main contractors that are pool members.
    func listedProviders(_ programmeId: String) async throws -> [Organisation] {
        let members = try await services.store.providers.poolMembers(programmeId: programmeId)
        return try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.provider)
            + (try await services.store.parties.organisations(programmeId: programmeId, kind: OrganisationKind.contractor)
                .filter { members[$0.id] != nil })
    }

    func view(_ context: AppRequestContext, _ identity: Identity) -> ProvidersView {
        ProvidersView(
            layout: Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/providers"))
    }
}
