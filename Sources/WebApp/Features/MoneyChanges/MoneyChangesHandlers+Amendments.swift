import Foundation
import Funds
import Hummingbird
import PilotDomain

/// Amendments: finance drafts, submits and withdraws; the district approves, rejects and records
/// the three parties' signatures on the amended task book.
extension MoneyChangesHandlers {
    func propose(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, anchor: "amendments") { form, _ in
            let terms = AmendmentTerms(
                central: try MoneyChange.yuan(form["central"], "central", optional: true),
                local: try MoneyChange.yuan(form["local"], "local", optional: true),
                localSourceId: Self.text(form, "source"), endDate: Self.text(form, "end_date"), scope: Self.text(form, "scope"))
            return .proposeAmendment(project: form["project"] ?? "", terms: terms, reason: form["reason"] ?? "")
        }
    }

    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "amendments") { number, _, _ in .submitAmendment(number) }
    }

    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "amendments") { number, _, _ in .withdrawAmendment(number) }
    }

    func approveAmendment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "amendments") { number, _, _ in .approveAmendment(number) }
    }

    func rejectAmendment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "amendments") { number, form, _ in
            .rejectAmendment(number, reason: form["reason"] ?? "")
        }
    }

    func sign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "amendments") { number, form, _ in
            .signAmendment(number, party: try MoneyChange.party(form["party"]), signer: form["signer"] ?? "")
        }
    }
}
