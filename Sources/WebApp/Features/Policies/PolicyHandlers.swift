import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The policy library (issue #15; 004 §四(八), §四(三) 政策精准匹配): anyone searches and reads the
/// policies; a signed-in enterprise sees those matching its profile first, with the reasons, and
/// its visit is remembered (what is newer shows on `/tasks`); the office publishes, revises (each a
/// version with its reason, on the version it read) and withdraws.
struct PolicyHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = PolicyHandlers(services: services)
        router.requiring(.policiesRead)
            .get("/policies") { request, context in try await handlers.list(request, context) }
            .get("/policies/:policy") { request, context in try await handlers.page(request, context) }
            .get("/policies/:policy/documents/:document") { request, context in try await handlers.download(request, context) }
        router.requiring(.policiesPublish)
            .get("/policies/new") { request, context in try await handlers.newPage(request, context) }
            .post("/policies") { request, context in try await handlers.create(request, context) }
            .get("/policies/:policy/edit") { request, context in try await handlers.editPage(request, context) }
            .post("/policies/:policy") { request, context in try await handlers.edit(request, context) }
            .post("/policies/:policy/withdraw") { request, context in try await handlers.withdraw(request, context) }
            .post("/policies/:policy/documents") { request, context in try await handlers.upload(request, context) }
    }

    func layout(_ context: AppRequestContext, _ path: String) -> Layout {
        Layout(language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: path)
    }

    var today: String { Shanghai.dateText(services.store.clock.now()) }

    /// Sub-industry names of the programmes the records belong to.
    func describer(_ language: UILanguage, programmes: Set<String>) async throws -> PolicyDescriptions {
        var names: [String: LocalizedText] = [:]
        for programme in programmes {
            for sub in try await services.store.programmes.subIndustries(programmeId: programme) { names[sub.id] = sub.name }
        }
        return PolicyDescriptions(language: language, subIndustryNames: names, divisions: services.divisions)
    }

    /// The enterprise the signed-in person acts for (nil: not an enterprise's account).
    static func enterpriseId(_ identity: Identity?) -> String? {
        guard let identity, let organisation = identity.account.organisationId,
            identity.actor.grants.contains(where: { $0.role == .enterprise && $0.scope == .organisation(organisation) })
        else { return nil }
        return organisation
    }

    /// `GET /policies?q=&issuer=&sub_industry=&in_force=1`: a bad filter is a 400 naming it.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = context.identity
        let parameters = request.uri.queryParameters
        let listing = try await search(identity) { name in parameters[name[...]].map(String.init) }
        let describe = try await describer(context.language, programmes: Set(listing.records.map(\.programmeId)))
        return .html(
            PolicyListView(layout: layout(context, "/policies"), describe: describe).render(
                relevant: listing.relevant, others: listing.others, subIndustries: listing.subIndustries,
                typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) }, today: today,
                canPublish: identity.map { AccessPolicy.allows($0, .policiesPublish) } ?? false))
    }

    /// What the library lists for a search.
    struct Listing {
        var records: [PolicyRecord]
        /// For an enterprise: the policies in force matching its profile, with the reasons (nil for others).
        var relevant: [PolicyListView.Match]?
        var others: [PolicyRecord]
        var subIndustries: [SubIndustry]
    }

    /// The policies the filters `parameter` gives (`q`, `issuer`, `sub_industry`, `in_force=1`) select
    /// — the page's and the API's one search: a bad filter is a 400 naming it; an enterprise's visit
    /// is remembered.
    func search(_ identity: Identity?, _ parameter: (String) -> String?) async throws -> Listing {
        func value(_ name: String) -> String? {
            parameter(name).flatMap {
                let text = $0.trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
        }
        // Signed in: the programme acted in; the public reads every programme's policies.
        let programmeId = identity?.programmeId
        // The sub-industries to search by: the programme's, or every programme's for the public.
        var subIndustries: [SubIndustry] = []
        let programmes: [String]
        if let programmeId {
            programmes = [programmeId]
        } else {
            programmes = try await services.store.programmes.programmes().map(\.id)
        }
        for programme in programmes {
            subIndustries += try await services.store.programmes.subIndustries(programmeId: programme)
        }
        for name in ["q", "issuer"] {
            if let text = value(name), text.count > 100 {
                throw AppError(.badRequest, code: "bad_filter", message: PolicyText.badFilter(name, String(text.prefix(40))))
            }
        }
        if let sub = value("sub_industry"), !subIndustries.contains(where: { $0.id == sub }) {
            throw AppError(.badRequest, code: "bad_filter", message: PolicyText.badFilter("sub_industry", String(sub.prefix(40))))
        }
        if let flag = value("in_force"), flag != "1" {
            throw AppError(.badRequest, code: "bad_filter", message: PolicyText.badFilter("in_force", String(flag.prefix(40))))
        }
        let today = self.today
        let words = value("q")?.lowercased()
        let issuer = value("issuer")?.lowercased()
        let records = try await services.store.policies.policies(programmeId: programmeId, includeWithdrawn: false).filter {
            record in
            let content = record.content
            if let words,
                ![content.title, content.body, content.documentNumber, content.issuer].contains(where: {
                    $0.lowercased().contains(words)
                })
            {
                return false
            }
            if let issuer, !content.issuer.lowercased().contains(issuer) { return false }
            if let sub = value("sub_industry"),
                !(content.criteria.subIndustryIds.isEmpty || content.criteria.subIndustryIds.contains(sub))
            {
                return false
            }
            if value("in_force") != nil, !content.inForce(on: today) { return false }
            return true
        }
        var relevant: [PolicyListView.Match]?
        var others = records
        if let identity, let organisation = Self.enterpriseId(identity),
            let profile = try await PolicyProfiles(store: services.store).profile(
                organisationId: organisation, programmeId: identity.programmeId)
        {
            let seen = try await services.store.policies.lastSeen(programmeId: identity.programmeId, organisationId: organisation)
            var matches: [PolicyListView.Match] = []
            others = []
            for record in records {
                if record.content.inForce(on: today), let reasons = PolicyMatch.reasons(record.content.criteria, profile) {
                    matches.append(
                        PolicyListView.Match(
                            record: record, reasons: reasons, isNew: seen.map { record.publishedAt > $0 } ?? true))
                } else {
                    others.append(record)
                }
            }
            relevant = matches
            try await services.store.policies.markSeen(programmeId: identity.programmeId, organisationId: organisation)
        }
        return Listing(records: records, relevant: relevant, others: others, subIndustries: subIndustries)
    }

    /// The policy: of the programme acted in when signed in; any for the public. 404 otherwise.
    func found(_ context: AppRequestContext) async throws -> PolicyRecord {
        try await found(context.identity, try context.parameters.require("policy"))
    }

    func found(_ identity: Identity?, _ id: String) async throws -> PolicyRecord {
        guard id.count <= 64, let record = try await services.store.policies.policy(id: id, programmeId: identity?.programmeId)
        else {
            throw AppError.notFound(PolicyText.policy)
        }
        return record
    }

    /// `GET /policies/{id}`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await found(context)
        let flash = request.uri.queryParameters["done"].map { value -> Flash in
            let text: LocalizedText =
                switch value {
                case "published": PolicyText.published
                case "attached": PolicyText.attached
                default: PolicyText.saved
                }
            return Flash(kind: .ok, text: text.text(context.language))
        }
        return .html(try await view(context, record, flash: flash))
    }

    func view(
        _ context: AppRequestContext, _ record: PolicyRecord, flash: Flash?, errors: [FieldError] = []
    ) async throws
        -> HTML
    {
        let canChange = context.identity.map { AccessPolicy.allows($0, .policiesPublish) } ?? false
        return PolicyView(
            layout: layout(context, "/policies/\(record.id)"),
            describe: try await describer(context.language, programmes: [record.programmeId])
        ).render(
            record, versions: try await services.store.policies.versions(policyId: record.id),
            documents: try await services.store.policies.documents(policyId: record.id), today: today,
            canChange: canChange, showNames: canChange, flash: flash, errors: errors)
    }
}
