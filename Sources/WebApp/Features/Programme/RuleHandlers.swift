import Foundation
import Funds
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The programme's rules as versioned data: the administrator saves a new version with a reason
/// (`rules.edit`); oversight roles read the current values and every earlier version (`rules.read`).
struct RuleHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let saved = request.uri.queryParameters["saved"].map { _ in Flash(kind: .ok, text: RulesText.saved.text(context.language))
        }
        return try await render(context, identity, typed: nil, errors: [], flash: saved)
    }

    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        // The version the form was drawn from (bounded: a number from the client).
        let basedOn = form["based_on"].flatMap { Int($0) }.flatMap { (0...1_000_000).contains($0) ? $0 : nil }
        switch try await saveVersion(identity, values: form.values, reason: form["reason"] ?? "", basedOn: basedOn) {
        case .saved: return .redirect(AppPath.programmeRules.url + "?saved=1")
        case .invalid(let errors):
            let flash = Flash(kind: .error, text: errors.first?.message.text(context.language) ?? "")
            return try await render(
                context, identity, typed: form.values, errors: errors, flash: flash, status: .unprocessableContent)
        case .stale(let message):
            return try await render(
                context, identity, typed: nil, errors: [FieldError(field: "reason", message: message)],
                flash: Flash(kind: .error, text: message.text(context.language)), status: .conflict)
        }
    }

    /// What saving a rule version came to.
    enum Saved {
        case saved
        /// Refused by field (422): a value out of range, no reason, nothing changed.
        case invalid([FieldError])
        /// Someone saved a version after `basedOn` (409).
        case stale(LocalizedText)
    }

    /// A new version of the programme's rules from the page's fields (every field as text; an
    /// empty or absent one unsets it), with a reason — the page and the API alike. On success the
    /// workflows and the funds book take the new rules.
    func saveVersion(_ identity: Identity, values: [String: String], reason: String, basedOn: Int?) async throws -> Saved {
        let programmeId = identity.programmeId
        let current = try await services.store.programmes.programmeRules(programmeId)
        var (rules, errors) = ProgrammeRuleFields.parse(values, current: current)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            errors.append(FieldError(field: "reason", message: LocalizedText(zh: "请说明修改原因", en: "Say why the rules change")))
        }
        if rules == current && errors.isEmpty {
            errors.append(FieldError(field: "reason", message: LocalizedText(zh: "规则没有变化", en: "Nothing changed")))
        }
        guard errors.isEmpty else { return .invalid(errors) }
        do {
            try await services.store.programmes.updateRules(
                programmeId: programmeId, rules: rules, by: identity.account.id, reason: reason, basedOn: basedOn)
        } catch StoreError.staleVersion(_, let actual) {
            return .stale(
                LocalizedText(
                    zh: "规则已被他人修改（现为第 \(actual) 版），您的修改未保存；请查看最新规则后重新填写",
                    en:
                        "Someone saved the rules meanwhile (now version \(actual)); yours were not saved — review the latest and try again"
                ))
        }
        services.workflows.rulesChanged(programmeId: programmeId)
        // New funding rules apply to projects registered from now on (FundsBook.rules).
        let funding = FundsService.rules(rules)
        _ = try await FundsService(services: services).change(programmeId, "rules", "version", by: identity.actor) {
            book throws(FundsRefusal) in book.rules = funding
        }
        return .saved
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, typed: [String: String]?, errors: [FieldError], flash: Flash?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let programmeId = identity.programmeId
        let versions = try await services.store.programmes.ruleVersions(programmeId: programmeId)
        let current = try await services.store.programmes.programmeRules(programmeId)
        let editable = AccessPolicy.allows(identity, .rulesEdit)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.programmeRules.url)
        let html = RulesView(layout: layout).render(
            current: current, versions: versions, editable: editable, typed: typed, errors: errors, flash: flash)
        return .html(html, status: status)
    }
}
