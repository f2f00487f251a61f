import Foundation
import Funds
import Hummingbird
import PilotDomain

/// Amendments: finance drafts, submits and withdraws; the district approves, rejects and records
/// the three parties' signatures on the amended task book.
extension MoneyChangesHandlers {
    func propose(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "propose_amendment", anchor: "amendments") { form, officer, now in
            let terms = AmendmentTerms(
                central: try Self.yuan(form, "central", optional: true), local: try Self.yuan(form, "local", optional: true),
                localSourceId: Self.text(form, "source"), endDate: Self.text(form, "end_date"), scope: Self.text(form, "scope"))
            let (project, reason) = (form["project"] ?? "", form["reason"] ?? "")
            return { book throws(FundsRefusal) in
                try book.proposeAmendment(project: project, terms: terms, reason: reason, preparer: officer, at: now)
            }
        }
    }

    func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "submit_amendment", anchor: "amendments") { number, _, _, now in
            { book throws(FundsRefusal) in try book.submitAmendment(number, at: now) }
        }
    }

    func withdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "withdraw_amendment", anchor: "amendments") { number, _, officer, now in
            { book throws(FundsRefusal) in try book.withdrawAmendment(number, by: officer, at: now) }
        }
    }

    func approveAmendment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "approve_amendment", anchor: "amendments") { number, _, officer, now in
            { book throws(FundsRefusal) in try book.approveAmendment(number, by: officer, at: now) }
        }
    }

    func rejectAmendment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "reject_amendment", anchor: "amendments") { number, form, officer, now in
            let reason = form["reason"] ?? ""
            return { book throws(FundsRefusal) in try book.rejectAmendment(number, by: officer, reason: reason, at: now) }
        }
    }

    func sign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "sign_amendment", anchor: "amendments") { number, form, _, now in
            guard let party = SigningParty(rawValue: form["party"] ?? "") else {
                throw FormProblem(message: LocalizedText(zh: "请选择签字方", en: "Choose who signed"))
            }
            let signer = form["signer"] ?? ""
            return { book throws(FundsRefusal) in try book.signAmendment(number, party: party, signer: signer, at: now) }
        }
    }
}
