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

    /// A form value the page could not read (an amount, a number): shown like a refusal.
    struct FormProblem: Error {
        var message: LocalizedText
    }

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

    /// Reads the form, builds the step from it and applies it to the book. `build` gets the form,
    /// the acting officer and the time, and returns the step (or throws `FormProblem`).
    func act(
        _ request: Request, _ context: AppRequestContext, _ action: String, anchor: String,
        _ build: (FormBody, Officer, Date) throws -> @Sendable (inout FundsBook) throws(FundsRefusal) -> [FundsEvent]
    ) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let officer = funds.officer(identity.actor)
        let now = services.store.clock.now()
        let step: @Sendable (inout FundsBook) throws(FundsRefusal) -> [FundsEvent]
        do {
            step = try build(form, officer, now)
        } catch let problem as FormProblem {
            return try await refused(problem.message, status: .unprocessableContent, context, identity)
        }
        let detail = context.parameters.get("number") ?? form["project"] ?? ""
        switch try await funds.change(identity.programmeId, action, detail, by: identity.actor, step) {
        case .success: return .redirect("/finance/changes?done=\(action)#\(anchor)")
        case .failure(let refusal):
            let status: HTTPResponse.Status =
                switch refusal {
                case .sameOfficer, .officerOfPaidOrganisation: .forbidden
                default: .unprocessableContent
                }
            return try await refused(refusal.message, status: status, context, identity)
        }
    }

    /// A step on the record numbered in the path (`:number`).
    func step(
        _ request: Request, _ context: AppRequestContext, _ action: String, anchor: String,
        _ build: (Int, FormBody, Officer, Date) throws -> @Sendable (inout FundsBook) throws(FundsRefusal) -> [FundsEvent]
    ) async throws -> Response {
        try await act(request, context, action, anchor: anchor) { form, officer, now in
            try build(try Self.number(context), form, officer, now)
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
            throw FormProblem(message: LocalizedText(zh: "编号无效", en: "Not a valid number"))
        }
        return number
    }

    /// A typed yuan amount; nil when left empty and `optional`.
    static func yuan(_ form: FormBody, _ field: String, optional: Bool = false) throws -> Fen? {
        let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty, optional { return nil }
        do {
            return try Fen.parseYuan(text)
        } catch {
            throw FormProblem(message: error.message)
        }
    }

    /// A required yuan amount.
    static func amount(_ form: FormBody, _ field: String) throws -> Fen {
        guard let amount = try yuan(form, field) else { throw FormProblem(message: MoneyInputProblem.empty.message) }
        return amount
    }

    static func text(_ form: FormBody, _ field: String) -> String? {
        let text = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
