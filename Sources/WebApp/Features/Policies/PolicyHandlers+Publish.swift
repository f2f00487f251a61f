import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The office's side: publish, revise as a new version, withdraw. A refused form comes back with
/// its errors (422) and nothing written; a revision on an older version is a 409.
extension PolicyHandlers {
    func checker(_ programmeId: String) async throws -> PolicyForm {
        PolicyForm(
            subIndustryIds: Set(try await services.store.programmes.subIndustries(programmeId: programmeId).map(\.id)),
            divisionCodes: Set(try await services.divisions(of: programmeId).map(\.code.value)))
    }

    func formPage(
        _ context: AppRequestContext, _ identity: Identity, action: String, heading: LocalizedText, typed: [String: String],
        errors: [FieldError], version: Int?
    ) async throws -> Response {
        let layout = layout(context, action)
        let form = PolicyFormView(
            layout: layout, subIndustries: try await services.store.programmes.subIndustries(programmeId: identity.programmeId),
            divisions: try await services.divisions(of: identity.programmeId), tree: services.divisions)
        let page = layout.page(
            title: heading.text(context.language),
            flash: errors.first.map { Flash(kind: .error, text: $0.message.text(context.language)) },
            """
            <p><a href="/policies">\(PolicyText.title.text(context.language))</a></p>\
            \(form.render(action: action, heading: heading, typed: typed, errors: errors, version: version))
            """)
        return .html(page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `GET /policies/new`.
    func newPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try await formPage(
            context, identity, action: "/policies", heading: PolicyText.newTitle,
            typed: ["valid_from": today, "issued_on": today],
            errors: [], version: nil)
    }

    /// `POST /policies`: publishes the policy (version 1).
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await checker(identity.programmeId).check(form.values) {
        case .failure(let errors):
            return try await formPage(
                context, identity, action: "/policies", heading: PolicyText.newTitle, typed: form.values, errors: errors.list,
                version: nil)
        case .success(let content):
            let id = services.store.ids.make("pol")
            _ = try await services.store.policies.publish(
                id: id, programmeId: identity.programmeId, content: content, by: identity.changeActor)
            return .redirect("/policies/\(id)?done=published")
        }
    }

    /// `GET /policies/{id}/edit`: the form on the current version.
    func editPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let record = try await found(context)
        guard record.status == .published else {
            throw AppError(.conflict, code: "withdrawn", message: PolicyText.isWithdrawn)
        }
        return try await formPage(
            context, identity, action: "/policies/\(record.id)", heading: PolicyText.editTitle,
            typed: PolicyForm.values(record.content), errors: [], version: record.version)
    }

    /// The version the form was opened on (a 422 when missing or not a number).
    static func expectedVersion(_ form: FormBody) throws -> Int {
        guard let text = form["expected_version"], let version = Int(text), (1...1_000_000).contains(version) else {
            throw AppError(
                .unprocessableContent, code: "expected_version",
                message: LocalizedText(zh: "缺少表单版本，请刷新页面后重试", en: "The form's version is missing: reload the page"))
        }
        return version
    }

    static func reason(_ form: FormBody) -> (String, FieldError?) {
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            return (reason, FieldError(field: "reason", message: LocalizedText(zh: "请填写理由", en: "Give the reason")))
        }
        if reason.count > 500 {
            return (
                reason,
                FieldError(field: "reason", message: LocalizedText(zh: "理由不超过 500 字", en: "The reason: at most 500 characters"))
            )
        }
        return (reason, nil)
    }

    static func refused(_ refusal: PolicyRefusal) -> AppError {
        switch refusal {
        case .stale: AppError(.conflict, code: "stale_version", message: PolicyText.stale)
        case .withdrawn: AppError(.conflict, code: "withdrawn", message: PolicyText.isWithdrawn)
        }
    }

    /// `POST /policies/{id}`: the revision, as a new version with its reason.
    func edit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await found(context)
        let version = try Self.expectedVersion(form)
        let (reason, missing) = Self.reason(form)
        let checked = try await checker(identity.programmeId).check(form.values)
        var errors = missing.map { [$0] } ?? []
        if case .failure(let problems) = checked { errors = problems.list + errors }
        guard errors.isEmpty, case .success(let content) = checked else {
            return try await formPage(
                context, identity, action: "/policies/\(record.id)", heading: PolicyText.editTitle, typed: form.values,
                errors: errors, version: version)
        }
        switch try await services.store.policies.edit(
            id: record.id, programmeId: identity.programmeId, content: content, expectedVersion: version, reason: reason,
            by: identity.changeActor)
        {
        case .success: return .redirect("/policies/\(record.id)?done=saved")
        case .failure(let refusal): throw Self.refused(refusal)
        }
    }

    /// `POST /policies/{id}/withdraw`.
    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await found(context)
        let version = try Self.expectedVersion(form)
        let (reason, missing) = Self.reason(form)
        if let missing {
            return .html(
                try await view(
                    context, record, flash: Flash(kind: .error, text: missing.message.text(context.language)), errors: [missing]),
                status: .unprocessableContent)
        }
        switch try await services.store.policies.withdraw(
            id: record.id, programmeId: identity.programmeId, expectedVersion: version, reason: reason, by: identity.changeActor)
        {
        case .success: return .redirect("/policies/\(record.id)?done=saved")
        case .failure(let refusal): throw Self.refused(refusal)
        }
    }
}
