import Foundation
import Funds
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// The finance workspace. Finance officers act; leadership, the district bureau and the
/// administrator read (`finance.*` in `AccessPolicy`, enforced by the route groups). Every change
/// goes through `FundsService`/`FundsRepository.changeFunds`, so a refusal (four eyes, matching, cash,
/// paid twice) writes nothing.
struct FinanceHandlers {
    let services: AppServices

    var funds: FundsService { FundsService(services: services) }

    /// The officers' actions; the workspace shows its forms to whoever may take one of them.
    static let acting: [FeatureAction] = [.financePrepareRelease, .financeApproveRelease, .financeRecordReceipt]

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = identity.programmeId
        let canAct = Self.acting.contains { AccessPolicy.allows(identity, $0) }
        // Checked first: a bad page number is a 400 before anything is read or drained.
        let page = try PageNumber.parse(request.uri.queryParameters["page"].map(String.init))
        // Jobs a crash or a refusal left queued are drained here too (each is idempotent).
        try await funds.recordReleases(programmeId: programmeId)
        let book = try await funds.settled(programmeId)
        let done = request.uri.queryParameters["done"].map(String.init)
        let flash: Flash? = done.flatMap { key in
            let text: LocalizedText? =
                switch key {
                case "prepared": FinanceText.preparedDone
                case "paid": FinanceText.paid
                case "held": FinanceText.heldDone
                case "rejected": FinanceText.rejected
                case "received": FinanceText.receivedDone
                case "repaid": FinanceText.repaid
                default: nil
                }
            return text.map { Flash(kind: .ok, text: $0.text(context.language)) }
        }
        return .html(
            try await render(context, identity, programmeId: programmeId, canAct: canAct, flash: flash, book: book, page: page))
    }

    /// `book`: the book as the caller just read it (the page's catch-up returns it), else read here.
    func render(
        _ context: AppRequestContext, _ identity: Identity, programmeId: String, canAct: Bool, flash: Flash?,
        book given: FundsBook? = nil, page: Int = 1
    ) async throws -> HTML {
        let book: FundsBook
        if let given { book = given } else { book = try await funds.book(programmeId) }
        var names = try await enterpriseNames(programmeId)
        // Officers by name on the release cards.
        for officer in Set(book.releases.map(\.preparer.userId)) {
            names[officer] = try await services.store.accounts.user(id: officer)?.displayName
        }
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/finance")
        // The rule the next approval applies (the rule version in force now).
        let matching = FundsService.rules(try await services.store.programmes.programmeRules(programmeId)).matching
        return FinanceView(layout: layout).render(
            FinanceView.Model(
                book: book, names: names, canAct: canAct, userId: identity.actor.userId, matching: matching,
                page: page, now: services.store.clock.now()),
            flash: flash)
    }

    /// Project id → enterprise name, in one query (the workspace and the exports name every project).
    func enterpriseNames(_ programmeId: String) async throws -> [String: String] {
        try await services.store.instances.enterpriseNamesByInstance(programmeId: programmeId)
    }

    /// A refusal re-renders the workspace with the reason, status 422 (or 403 for who-may).
    func refused(
        _ refusal: FundsRefusal, _ context: AppRequestContext, _ identity: Identity, _ programmeId: String
    ) async throws -> Response {
        let flash = Flash(kind: .error, text: refusal.message.text(context.language))
        // The workspace answers an unknown release like any other refusal (422), on its own page.
        let status: HTTPResponse.Status = refusal.status == .forbidden ? .forbidden : .unprocessableContent
        return .html(try await render(context, identity, programmeId: programmeId, canAct: true, flash: flash), status: status)
    }

    func actor(_ context: AppRequestContext, _ request: Request) async throws -> (FormBody, Identity, String) {
        let (form, identity) = try await PageForm.read(request, context)
        return (form, identity, identity.programmeId)
    }

    func prepare(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity, programmeId) = try await actor(context, request)
        let ids = (form["tranche"] ?? "").split(separator: ",").compactMap(FundsService.trancheID)
        let result = try await funds.prepareRelease(programmeId, ids, by: identity.actor)
        switch result {
        case .success: return .redirect("/finance?done=prepared#open-releases")
        case .failure(let refusal): return try await refused(refusal, context, identity, programmeId)
        }
    }

    func approve(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity, programmeId) = try await actor(context, request)
        guard let number = Int(try context.parameters.require("release")) else { throw AppError.notFound(FinanceText.release) }
        let result = try await funds.approveRelease(programmeId, number, by: identity.actor)
        switch result {
        case .failure(let refusal): return try await refused(refusal, context, identity, programmeId)
        case .success:
            // The payment queued its project records in its own transaction; `change` drained them.
            if let release = try await funds.book(programmeId).release(number), case .paid = release.state {
                return .redirect("/finance?done=paid")
            }
            return .redirect("/finance?done=held")
        }
    }

    func reject(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity, programmeId) = try await actor(context, request)
        guard let number = Int(try context.parameters.require("release")) else { throw AppError.notFound(FinanceText.release) }
        let result = try await funds.rejectRelease(programmeId, number, reason: form["reason"] ?? "", by: identity.actor)
        switch result {
        case .success: return .redirect("/finance?done=rejected")
        case .failure(let refusal): return try await refused(refusal, context, identity, programmeId)
        }
    }

    func receive(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity, programmeId) = try await actor(context, request)
        let amount: Fen
        do {
            amount = try Fen.parseYuan(form["amount"] ?? "")
        } catch {
            let flash = Flash(
                kind: .error, text: FinanceText.amount.text(context.language) + "：" + error.message.text(context.language))
            return .html(
                try await render(context, identity, programmeId: programmeId, canAct: true, flash: flash),
                status: .unprocessableContent)
        }
        let result = try await funds.recordReceipt(programmeId, source: form["source"] ?? "", amount: amount, by: identity.actor)
        switch result {
        case .failure(let refusal): return try await refused(refusal, context, identity, programmeId)
        case .success:
            // Releases freed from a hold were paid under their approver's name, and their records
            // queued in the same transaction (`change` drained them).
            return .redirect("/finance?done=received")
        }
    }

    /// Money recovered from a terminated project, into a source (never more than owed).
    func repay(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity, programmeId) = try await actor(context, request)
        let amount: Fen
        do {
            amount = try Fen.parseYuan(form["amount"] ?? "")
        } catch {
            let flash = Flash(
                kind: .error, text: FinanceText.amount.text(context.language) + "：" + error.message.text(context.language))
            return .html(
                try await render(context, identity, programmeId: programmeId, canAct: true, flash: flash),
                status: .unprocessableContent)
        }
        let repayment = MoneyChange.repayRecovery(project: form["project"] ?? "", amount: amount, source: form["source"] ?? "")
        let result = try await funds.apply(programmeId, repayment, by: identity.actor)
        switch result {
        case .success: return .redirect("/finance?done=repaid#recoveries")
        case .failure(let refusal): return try await refused(refusal, context, identity, programmeId)
        }
    }

    /// XLSX or CSV of the tranches, the ledger or the balances, for the finance bureau.
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let programmeId = try context.requireIdentity().programmeId
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".")
        guard parts.count == 2, let table = FinanceExport.Table(rawValue: String(parts[0])), ["xlsx", "csv"].contains(parts[1])
        else {
            throw AppError.notFound(FinanceText.exports)
        }
        let book = try await funds.book(programmeId)
        let names = try await enterpriseNames(programmeId)
        let sheet = FinanceExport.sheet(table, book: book, names: names, language: context.language)
        let (data, type): (Data, String) =
            parts[1] == "xlsx"
            ? (
                try XLSXWriter.data(Workbook(sheets: [sheet])),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            : (CSVWriter.data(rows: sheet.textRows, neutralizingFormulas: true), "text/csv; charset=utf-8")
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
