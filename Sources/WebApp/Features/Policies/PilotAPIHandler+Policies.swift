import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/policies…`: the policy library as data, through the page handlers' own rules (`search`,
/// `publish`, `revise`, `withdraw`, `attach`): the same filters and matching, the same checks of
/// every field, a revision on the version read.
extension PilotAPIHandler {
    static let policiesPageSize = 50

    func listPolicies(_ input: Operations.ListPolicies.Input) async throws -> Operations.ListPolicies.Output {
        let identity = try identity(for: .policiesRead)
        let query = input.query
        try APIBounds.check(query.q, "q", 0...100)
        try APIBounds.check(query.issuer, "issuer", 0...100)
        try APIBounds.check(query.subIndustry, "sub_industry", 0...100)
        let page = try PageNumber.bounded(query.page ?? 1)
        let filters = [
            "q": query.q, "issuer": query.issuer, "sub_industry": query.subIndustry,
            "in_force": query.inForce == true ? "1" : nil,
        ]
        let handlers = PolicyHandlers(services: services)
        let listing: PolicyHandlers.Listing
        do {
            listing = try await handlers.search(identity) { filters[$0] ?? nil }
        } catch let error as AppError where error.code == "bad_filter" {
            // The page's 400 for a filter naming nothing of the programme: to the contract, a
            // well-formed request the programme refuses (an unknown sub-industry) is a 422.
            throw AppError(.unprocessableContent, code: error.code, message: error.message, fields: error.fields)
        }
        let today = handlers.today
        let describe = try await PoliciesMapping.describers(handlers, Set(listing.records.map(\.programmeId)))
        return .ok(
            .init(
                body: .json(
                    .init(
                        relevant: listing.relevant?.map {
                            Components.Schemas.PolicyMatchView(
                                policy: PoliciesMapping.policy($0.record, today: today),
                                reasons: $0.reasons.map { reason in
                                    LocalizedText(zh: describe.zh.reason(reason), en: describe.en.reason(reason))
                                }.map(APIMapping.text),
                                new: $0.isNew)
                        },
                        others: Self.page(listing.others, page, size: Self.policiesPageSize).map {
                            PoliciesMapping.policy($0, today: today)
                        },
                        total: listing.others.count, page: page, pageSize: Self.policiesPageSize))))
    }

    func getPolicy(_ input: Operations.GetPolicy.Input) async throws -> Operations.GetPolicy.Output {
        let identity = try identity(for: .policiesRead)
        let record = try await PolicyHandlers(services: services).found(identity, input.path.policyId)
        return .ok(.init(body: .json(try await policyDetail(identity, record.id))))
    }

    func publishPolicy(_ input: Operations.PublishPolicy.Input) async throws -> Operations.PublishPolicy.Output {
        let identity = try identity(for: .policiesPublish)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        switch try await PolicyHandlers(services: services).publish(identity, try PoliciesMapping.values(body)) {
        case .failure(let errors):
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors.list[0].message, fields: errors.list)
        case .success(let id):
            return .created(.init(body: .json(try await policyDetail(identity, id))))
        }
    }

    func revisePolicy(_ input: Operations.RevisePolicy.Input) async throws -> Operations.RevisePolicy.Output {
        let identity = try identity(for: .policiesPublish)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.expectedVersion, "expected_version", 1...1_000_000)
        try APIBounds.check(body.reason, "reason", 0...500)
        var values = try PoliciesMapping.values(body.policy)
        values["expected_version"] = String(body.expectedVersion)
        values["reason"] = body.reason
        let handlers = PolicyHandlers(services: services)
        let record = try await handlers.found(identity, input.path.policyId)
        if case .failure(let errors) = try await handlers.revise(identity, record, FormBody(values: values)) {
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors.list[0].message, fields: errors.list)
        }
        return .ok(.init(body: .json(try await policyDetail(identity, record.id))))
    }

    func withdrawPolicy(_ input: Operations.WithdrawPolicy.Input) async throws -> Operations.WithdrawPolicy.Output {
        let identity = try identity(for: .policiesPublish)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.expectedVersion, "expected_version", 1...1_000_000)
        try APIBounds.check(body.reason, "reason", 0...500)
        let handlers = PolicyHandlers(services: services)
        let record = try await handlers.found(identity, input.path.policyId)
        let form = FormBody(values: ["expected_version": String(body.expectedVersion), "reason": body.reason])
        if let missing = try await handlers.withdraw(identity, record, form) {
            throw AppError(.unprocessableContent, code: "invalid_input", message: missing.message, fields: [missing])
        }
        return .ok(.init(body: .json(try await policyDetail(identity, record.id))))
    }

    func attachPolicyDocument(
        _ input: Operations.AttachPolicyDocument.Input
    ) async throws -> Operations.AttachPolicyDocument.Output {
        let identity = try identity(for: .policiesPublish)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        let handlers = PolicyHandlers(services: services)
        let record = try await handlers.found(identity, input.path.policyId)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let document = try await handlers.attach(identity, record, fileName: input.query.fileName, data: data)
        return .created(.init(body: .json(PoliciesMapping.document(document))))
    }

    /// Policy `id` with its versions (the names for those who publish, as on the page) and documents.
    func policyDetail(_ identity: Identity, _ id: String) async throws -> Components.Schemas.PolicyDetail {
        let handlers = PolicyHandlers(services: services)
        let record = try await handlers.found(identity, id)
        let showNames = AccessPolicy.allows(identity, .policiesPublish)
        let versions = try await services.store.policies.versions(policyId: record.id)
        let documents = try await services.store.policies.documents(policyId: record.id)
        return .init(
            policy: PoliciesMapping.policy(record, today: handlers.today),
            versions: versions.map {
                Components.Schemas.PolicyVersionView(
                    version: $0.version, action: $0.action, reason: $0.reason, byName: showNames ? $0.byName : nil, at: $0.at)
            },
            documents: documents.map(PoliciesMapping.document))
    }
}

/// The policy records to and from the contract's wire types.
enum PoliciesMapping {
    /// The describers of match reasons in both languages.
    static func describers(
        _ handlers: PolicyHandlers, _ programmes: Set<String>
    ) async throws -> (zh: PolicyDescriptions, en: PolicyDescriptions) {
        (try await handlers.describer(.zh, programmes: programmes), try await handlers.describer(.en, programmes: programmes))
    }

    /// The request as the policy form's fields (each bounded first), for `PolicyForm.check`.
    static func values(_ body: Components.Schemas.PolicyRequest) throws -> [String: String] {
        let texts: [(String, String?, Int)] = [
            ("title", body.title, 200), ("issuer", body.issuer, 100), ("document_number", body.documentNumber, 100),
            ("issued_on", body.issuedOn, 10), ("valid_from", body.validFrom, 10), ("valid_to", body.validTo, 10),
            ("body", body.body, 50_000),
        ]
        var values: [String: String] = [:]
        for (field, text, limit) in texts {
            try APIBounds.check(text, field, 0...limit)
            values[field] = text
        }
        let lists: [(String, [String], Int, Int)] = [
            ("sub_industries", body.subIndustries ?? [], 100, 100), ("divisions", body.divisions ?? [], 200, 12),
            ("sizes", (body.sizes ?? []).map(\.rawValue), 4, 10), ("flags", (body.flags ?? []).map(\.rawValue), 3, 20),
        ]
        for (field, items, count, length) in lists {
            try APIBounds.count(items.count, field, 0...count)
            for item in items { try APIBounds.check(item, field, 1...length) }
            // The form's lists are comma-separated: an item with a comma names nothing of the programme.
            if let item = items.first(where: { $0.contains(",") }) {
                let message = LocalizedText(
                    zh: "“\(field)”中的“\(item.prefix(20))”不是本试点的取值",
                    en: "'\(field)': “\(item.prefix(20))” is not one of the programme's")
                throw AppError(
                    .unprocessableContent, code: "invalid_input", message: message,
                    fields: [FieldError(field: field, message: message)])
            }
            values[field] = items.joined(separator: ",")
        }
        if let low = body.minLevel {
            try APIBounds.value(low, "min_level", 0...4)
            values["min_level"] = String(low)
        }
        if let high = body.maxLevel {
            try APIBounds.value(high, "max_level", 0...4)
            values["max_level"] = String(high)
        }
        return values
    }

    static func policy(_ record: PolicyRecord, today: String) -> Components.Schemas.PolicyView {
        let content = record.content
        let criteria = content.criteria
        return .init(
            id: record.id, status: record.status == .published ? .published : .withdrawn, version: record.version,
            title: content.title, issuer: content.issuer, documentNumber: content.documentNumber, issuedOn: content.issuedOn,
            validFrom: content.validFrom, validTo: content.validTo, body: content.body, inForce: content.inForce(on: today),
            criteria: .init(
                subIndustries: criteria.subIndustryIds, minLevel: criteria.minLevel, maxLevel: criteria.maxLevel,
                sizes: criteria.sizes.compactMap { .init(rawValue: $0.rawValue) }, divisions: criteria.divisionCodes,
                flags: criteria.flags.compactMap { .init(rawValue: $0.rawValue) }),
            publishedAt: record.publishedAt, updatedAt: record.updatedAt)
    }

    static func document(_ document: PolicyDocument) -> Components.Schemas.PolicyDocumentView {
        .init(
            id: document.id, policyId: document.policyId, fileName: document.fileName, contentType: document.contentType,
            size: document.size, sha256: document.sha256, uploadedAt: document.uploadedAt)
    }
}
