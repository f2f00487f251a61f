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
        switch try await publish(identity, form.values) {
        case .failure(let errors):
            return try await formPage(
                context, identity, action: "/policies", heading: PolicyText.newTitle, typed: form.values, errors: errors.list,
                version: nil)
        case .success(let id):
            return .redirect("/policies/\(id)?done=published")
        }
    }

    /// Publishes the policy `values` describe (version 1) — the page's and the API's one rule; the
    /// field errors (nothing written) on any problem.
    func publish(_ identity: Identity, _ values: [String: String]) async throws -> Result<String, FieldErrors> {
        switch try await checker(identity.programmeId).check(values) {
        case .failure(let errors): return .failure(errors)
        case .success(let content):
            let id = services.store.ids.make("pol")
            _ = try await services.store.policies.publish(
                id: id, programmeId: identity.programmeId, content: content, by: identity.changeActor)
            return .success(id)
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
        if case .failure(let errors) = try await revise(identity, record, form) {
            return try await formPage(
                context, identity, action: "/policies/\(record.id)", heading: PolicyText.editTitle, typed: form.values,
                errors: errors.list, version: try Self.expectedVersion(form))
        }
        return .redirect("/policies/\(record.id)?done=saved")
    }

    /// Revises `record` as `form` says (`expected_version`, `reason` and the policy's fields) — the
    /// page's and the API's one rule: the field errors (nothing written) on any problem, 409 on an
    /// older version or a withdrawn policy.
    func revise(_ identity: Identity, _ record: PolicyRecord, _ form: FormBody) async throws -> Result<Void, FieldErrors> {
        let version = try Self.expectedVersion(form)
        let (reason, missing) = Self.reason(form)
        let checked = try await checker(identity.programmeId).check(form.values)
        var errors = missing.map { [$0] } ?? []
        if case .failure(let problems) = checked { errors = problems.list + errors }
        guard errors.isEmpty, case .success(let content) = checked else { return .failure(FieldErrors(errors)) }
        switch try await services.store.policies.edit(
            id: record.id, programmeId: identity.programmeId, content: content, expectedVersion: version, reason: reason,
            by: identity.changeActor)
        {
        case .success: return .success(())
        case .failure(let refusal): throw Self.refused(refusal)
        }
    }

    /// `POST /policies/{id}/withdraw`.
    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let record = try await found(context)
        if let missing = try await withdraw(identity, record, form) {
            return .html(
                try await view(
                    context, record, flash: Flash(kind: .error, text: missing.message.text(context.language)), errors: [missing]),
                status: .unprocessableContent)
        }
        return .redirect("/policies/\(record.id)?done=saved")
    }

    /// Withdraws `record` (`expected_version`, `reason`) — the page's and the API's one rule: the
    /// missing reason's error (nothing written), 409 on an older version or when withdrawn already.
    func withdraw(_ identity: Identity, _ record: PolicyRecord, _ form: FormBody) async throws -> FieldError? {
        let version = try Self.expectedVersion(form)
        let (reason, missing) = Self.reason(form)
        if let missing { return missing }
        switch try await services.store.policies.withdraw(
            id: record.id, programmeId: identity.programmeId, expectedVersion: version, reason: reason, by: identity.changeActor)
        {
        case .success: return nil
        case .failure(let refusal): throw Self.refused(refusal)
        }
    }
}
