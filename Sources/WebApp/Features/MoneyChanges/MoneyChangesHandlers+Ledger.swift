import Foundation
import Funds
import Hummingbird
import PilotDomain

/// Corrections, committed amounts, recovery demands and reports.
extension MoneyChangesHandlers {
    func prepareCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "prepare_correction", anchor: "corrections") { form, officer, now in
            guard let posting = Int(form["posting"] ?? "") else {
                throw FormProblem(message: LocalizedText(zh: "请填写凭证号", en: "Give the posting number"))
            }
            let reason = form["reason"] ?? ""
            return { book throws(FundsRefusal) in
                try book.prepareCorrection(posting: posting, reason: reason, preparer: officer, at: now)
            }
        }
    }

    func approveCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "approve_correction", anchor: "corrections") { number, _, officer, now in
            { book throws(FundsRefusal) in try book.approveCorrection(number, approver: officer, at: now) }
        }
    }

    func rejectCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "reject_correction", anchor: "corrections") { number, form, officer, now in
            let reason = form["reason"] ?? ""
            return { book throws(FundsRefusal) in try book.rejectCorrection(number, by: officer, reason: reason, at: now) }
        }
    }

    func reviseCommitment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "revise_commitment", anchor: "commitments") { form, officer, now in
            let committed = try Self.amount(form, "committed")
            let (source, reason) = (form["source"] ?? "", form["reason"] ?? "")
            return { book throws(FundsRefusal) in
                try book.reviseCommitment(source: source, committed: committed, reason: reason, by: officer, at: now)
            }
        }
    }

    func demand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "demand_recovery", anchor: "recoveries") { form, officer, now in
            let amount = try Self.amount(form, "amount")
            var due: Date?
            if let text = Self.text(form, "due") {
                guard let day = ReportingCalendar.day(text) else {
                    throw FormProblem(message: AfterAwardRefusal.dateInvalid(text).message)
                }
                // Due at the end of the day typed.
                due = day.addingTimeInterval(86_399)
            }
            let (project, reason) = (form["project"] ?? "", form["reason"] ?? "")
            return { [due] book throws(FundsRefusal) in
                try book.demandRecovery(project: project, amount: amount, due: due, reason: reason, preparer: officer, at: now)
            }
        }
    }

    func approveDemand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "approve_demand", anchor: "recoveries") { number, _, officer, now in
            { book throws(FundsRefusal) in try book.approveDemand(number, approver: officer, at: now) }
        }
    }

    func rejectDemand(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "reject_demand", anchor: "recoveries") { number, form, officer, now in
            let reason = form["reason"] ?? ""
            return { book throws(FundsRefusal) in try book.rejectDemand(number, by: officer, reason: reason, at: now) }
        }
    }

    func prepareSettlement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "prepare_settlement", anchor: "recoveries") { number, form, officer, now in
            let kind: SettlementKind
            if form["kind"] == "offset" {
                let parts = (form["tranche"] ?? "").split(separator: "#")
                guard parts.count == 2, let tranche = Int(parts[1]), (1...100).contains(tranche) else {
                    throw FormProblem(message: LocalizedText(zh: "请选择要抵扣的批次", en: "Choose the tranche to offset"))
                }
                kind = .offset(TrancheID(project: String(parts[0]), number: tranche))
            } else {
                kind = .repayment(amount: try Self.amount(form, "amount"), source: form["source"] ?? "")
            }
            return { book throws(FundsRefusal) in try book.prepareSettlement(demand: number, kind, preparer: officer, at: now) }
        }
    }

    func approveSettlement(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await step(request, context, "approve_settlement", anchor: "recoveries") { number, _, officer, now in
            { book throws(FundsRefusal) in try book.approveSettlement(demand: number, approver: officer, at: now) }
        }
    }

    func schedule(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context, "schedule_reports", anchor: "reports") { form, _, _ in
            let (project, start, end) = (form["project"] ?? "", form["start"] ?? "", form["end"] ?? "")
            return { book throws(FundsRefusal) in try book.scheduleReports(project: project, start: start, end: end) }
        }
    }

    func submitReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let name = try context.requireIdentity().actingName
        return try await step(request, context, "submit_report", anchor: "reports") { number, form, officer, now in
            let summary = form["summary"] ?? ""
            return { book throws(FundsRefusal) in
                try book.submitReport(number, by: officer, name: name, summary: summary, at: now)
            }
        }
    }
}
