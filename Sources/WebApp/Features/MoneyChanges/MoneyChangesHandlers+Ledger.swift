import Foundation
import Funds
import Hummingbird
import PilotDomain

/// Corrections, committed amounts, recovery demands and reports.
extension MoneyChangesHandlers {
    func prepareCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, anchor: "corrections") { form, _ in
            guard let posting = Int(form["posting"] ?? "") else {
                throw MoneyChange.InputProblem(
                    field: "posting", message: LocalizedText(zh: "请填写凭证号", en: "Give the posting number"))
            }
            return .prepareCorrection(posting: posting, reason: form["reason"] ?? "")
        }
    }

    func approveCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "corrections") { number, _, _ in .approveCorrection(number) }
    }

    func rejectCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "corrections") { number, form, _ in
            .rejectCorrection(number, reason: form["reason"] ?? "")
        }
    }

    func reviseCommitment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, anchor: "commitments") { form, _ in
            .reviseCommitment(
                source: form["source"] ?? "", committed: try MoneyChange.amount(form["committed"], "committed"),
                reason: form["reason"] ?? "")
        }
    }

    func demand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, anchor: "recoveries") { form, _ in
            .demandRecovery(
                project: form["project"] ?? "", amount: try MoneyChange.amount(form["amount"], "amount"),
                due: try MoneyChange.due(form["due"]), reason: form["reason"] ?? "")
        }
    }

    func approveDemand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "recoveries") { number, _, _ in .approveDemand(number) }
    }

    func rejectDemand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "recoveries") { number, form, _ in
            .rejectDemand(number, reason: form["reason"] ?? "")
        }
    }

    func prepareSettlement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "recoveries") { number, form, _ in
            .prepareSettlement(
                demand: number,
                try MoneyChange.settlement(
                    offset: form["kind"] == "offset", tranche: form["tranche"], amount: form["amount"], source: form["source"]))
        }
    }

    func approveSettlement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "recoveries") { number, _, _ in .approveSettlement(demand: number) }
    }

    func schedule(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, anchor: "reports") { form, _ in
            .scheduleReports(project: form["project"] ?? "", start: form["start"] ?? "", end: form["end"] ?? "")
        }
    }

    func submitReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, anchor: "reports") { number, form, identity in
            .submitReport(number, name: identity.actingName, summary: form["summary"] ?? "")
        }
    }
}
