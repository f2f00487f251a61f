import Foundation
import Funds
import Hummingbird
import PilotDomain
import PilotStore

/// `/finance/changes`: money after the award (issue 17) — amendments of task books, corrections by
/// reversal, committed amounts by version, recovery demands with their settlements, and the
/// reporting calendars. Every step is one `FundsService.change` (one transaction, the book's lock,
/// the rules of `Funds`); a refusal re-renders the page with its reason and writes nothing.
struct MoneyChangesHandlers {
    let services: AppServices

    var funds: FundsService { FundsService(services: services) }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let flash: Flash? =
            request.uri.queryParameters["done"] != nil
            ? Flash(kind: .ok, text: MoneyChangesText.done.text(context.language)) : nil
        return .html(try await render(context, identity, flash: flash))
    }

    func render(_ context: AppRequestContext, _ identity: Identity, flash: Flash?) async throws -> HTML {
        let programmeId = identity.programmeId
        try await funds.recordReleases(programmeId: programmeId)
        let book = try await funds.settled(programmeId)
        var names = try await services.store.instances.enterpriseNamesByInstance(programmeId: programmeId)
        let officers = Set(
            book.amendments.map(\.preparer.userId) + book.corrections.map(\.preparer.userId)
                + book.recoveryDemands.map(\.preparer.userId))
        for officer in officers { names[officer] = try await services.store.accounts.user(id: officer)?.displayName }
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/finance/changes")
        return MoneyChangesView(layout: layout).render(
            MoneyChangesView.Model(
                book: book, names: names, officer: funds.officer(identity.actor), now: services.store.clock.now(),
                canPropose: AccessPolicy.allows(identity, .amendmentsPropose),
                canDecide: AccessPolicy.allows(identity, .amendmentsDecide),
                canCorrect: AccessPolicy.allows(identity, .financeCorrect),
                canReport: AccessPolicy.allows(identity, .reportsManage)),
            flash: flash)
    }

    /// Reads the form into the typed change (`MoneyChange`, the same the API builds) and applies
    /// it to the book. `build` gets the form and the caller, and returns the change (or throws
    /// `MoneyChange.InputProblem`).
    func act(
        _ request: Request, _ context: AppRequestContext, anchor: String,
        _ build: (FormBody, Identity) throws -> MoneyChange
    ) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let change: MoneyChange
        do {
            change = try build(form, identity)
        } catch let problem as MoneyChange.InputProblem {
            return try await refused(problem.message, status: .unprocessableContent, context, identity)
        }
        switch try await funds.apply(identity.programmeId, change, by: identity.actor) {
        case .success: return .redirect("/finance/changes?done=\(change.action)#\(anchor)")
        case .failure(let refusal):
            return try await refused(
                refusal.message, status: refusal.status == .forbidden ? .forbidden : .unprocessableContent, context, identity)
        }
    }

    /// A change of the record numbered in the path (`:number`).
    func step(
        _ request: Request, _ context: AppRequestContext, anchor: String, _ build: (Int, FormBody, Identity) throws -> MoneyChange
    ) async throws -> Response {
        try await act(request, context, anchor: anchor) { form, identity in
            try build(try Self.number(context), form, identity)
        }
    }

    func refused(
        _ message: LocalizedText, status: HTTPResponse.Status, _ context: AppRequestContext, _ identity: Identity
    ) async throws -> Response {
        .html(
            try await render(context, identity, flash: Flash(kind: .error, text: message.text(context.language))), status: status)
    }

    // MARK: Reading the form

    /// The record number in the path.
    static func number(_ context: AppRequestContext) throws -> Int {
        guard let text = context.parameters.get("number"), let number = Int(text), number >= 1 else {
            throw MoneyChange.InputProblem(field: "number", message: LocalizedText(zh: "编号无效", en: "Not a valid number"))
        }
        return number
    }

    static func text(_ form: FormBody, _ field: String) -> String? {
        let text = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
