import Foundation
import Funds
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/funds…`: the finance workspace as data, through `FundsService` like the page — the same
/// `finance.*` actions, the same book operations (one transaction each; a refusal writes nothing),
/// four eyes and the paid enterprise's officers checked by the book itself.
extension PilotAPIHandler {
    var funds: FundsService { FundsService(services: services) }

    /// Rows per page of the funds lists.
    static let fundsPageSize = 50

    func listFundingSources(_ input: Operations.ListFundingSources.Input) async throws -> Operations.ListFundingSources.Output {
        let programmeId = try identity(for: .financeRead).programmeId
        let book = try await funds.settled(programmeId)
        return .ok(.init(body: .json(book.sources.values.sorted { $0.id < $1.id }.map { FundsMapping.source($0, book) })))
    }

    func listFundedProjects(_ input: Operations.ListFundedProjects.Input) async throws -> Operations.ListFundedProjects.Output {
        let programmeId = try identity(for: .financeRead).programmeId
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let book = try await funds.settled(programmeId)
        let names = try await services.store.instances.enterpriseNamesByInstance(programmeId: programmeId)
        let all = book.projects.values.sorted { $0.id < $1.id }
        let items = Self.page(all, page).map { FundsMapping.project($0, name: names[$0.id] ?? "", book) }
        return .ok(.init(body: .json(.init(items: items, total: all.count, page: page, pageSize: Self.fundsPageSize))))
    }

    func listTranches(_ input: Operations.ListTranches.Input) async throws -> Operations.ListTranches.Output {
        let programmeId = try identity(for: .financeRead).programmeId
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let book = try await funds.settled(programmeId)
        var all = book.projects.values.flatMap(\.tranches).sorted { $0.id < $1.id }
        if let status = input.query.status { all = all.filter { FundsMapping.status($0.status) == status.rawValue } }
        if input.query.payable == true { all = all.filter { FundsMapping.isPayable($0, book) } }
        let items = Self.page(all, page).map { FundsMapping.tranche($0, book) }
        return .ok(.init(body: .json(.init(items: items, total: all.count, page: page, pageSize: Self.fundsPageSize))))
    }

    func listReleases(_ input: Operations.ListReleases.Input) async throws -> Operations.ListReleases.Output {
        let programmeId = try identity(for: .financeRead).programmeId
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let book = try await funds.settled(programmeId)
        let items = Self.page(book.releases.reversed(), page).map { FundsMapping.release($0, book, scope.language) }
        return .ok(.init(body: .json(.init(items: items, total: book.releases.count, page: page, pageSize: Self.fundsPageSize))))
    }

    func getRelease(_ input: Operations.GetRelease.Input) async throws -> Operations.GetRelease.Output {
        let programmeId = try identity(for: .financeRead).programmeId
        return .ok(.init(body: .json(try await release(programmeId, input.path.releaseNumber))))
    }

    func prepareRelease(_ input: Operations.PrepareRelease.Input) async throws -> Operations.PrepareRelease.Output {
        let identity = try identity(for: .financePrepareRelease)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.count(body.tranches.count, "tranches", 1...500)
        for text in body.tranches { try APIBounds.check(text, "tranches", 3...200) }
        var ids: [TrancheID] = []
        for text in body.tranches {
            guard let id = FundsService.trancheID(text) else {
                let message = LocalizedText(
                    zh: "拨付批次“\(text)”格式不正确，应为“项目编号#期数”（期数 1–100）",
                    en: "Tranche '\(text)' must be '<project id>#<number>' (number 1–100)")
                throw AppError(
                    .unprocessableContent, code: "invalid_input", message: message,
                    fields: [FieldError(field: "tranches", message: message)])
            }
            ids.append(id)
        }
        let key = try APIBounds.idempotencyKey(input.headers.idempotencyKey)
        switch try await funds.prepareRelease(identity.programmeId, ids, by: identity.actor, idempotencyKey: key) {
        case .failure(let refusal): throw refusal.appError
        case .success(let number): return .created(.init(body: .json(try await release(identity.programmeId, number))))
        }
    }

    func approveRelease(_ input: Operations.ApproveRelease.Input) async throws -> Operations.ApproveRelease.Output {
        let identity = try identity(for: .financeApproveRelease)
        let number = input.path.releaseNumber
        let key = try APIBounds.idempotencyKey(input.headers.idempotencyKey)
        switch try await funds.approveRelease(identity.programmeId, number, by: identity.actor, idempotencyKey: key) {
        case .failure(let refusal): throw refusal.appError
        case .success: return .ok(.init(body: .json(try await release(identity.programmeId, number))))
        }
    }

    func rejectRelease(_ input: Operations.RejectRelease.Input) async throws -> Operations.RejectRelease.Output {
        // Rejecting is the approver's other answer (the same action as on the page).
        let identity = try identity(for: .financeApproveRelease)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.reason, "reason", 1...1000)
        let number = input.path.releaseNumber
        let key = try APIBounds.idempotencyKey(input.headers.idempotencyKey)
        switch try await funds.rejectRelease(
            identity.programmeId, number, reason: body.reason, by: identity.actor, idempotencyKey: key)
        {
        case .failure(let refusal): throw refusal.appError
        case .success: return .ok(.init(body: .json(try await release(identity.programmeId, number))))
        }
    }

    func recordReceipt(_ input: Operations.RecordReceipt.Input) async throws -> Operations.RecordReceipt.Output {
        let identity = try identity(for: .financeRecordReceipt)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.source, "source", 1...100)
        try APIBounds.check(body.amount, "amount", 1...40)
        let amount: Fen
        do {
            amount = try Fen.parseYuan(body.amount)
        } catch {
            let message = LocalizedText(
                zh: FinanceText.amount.zh + "：" + error.message.zh, en: FinanceText.amount.en + ": " + error.message.en)
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: message,
                fields: [FieldError(field: "amount", message: error.message)])
        }
        let key = try APIBounds.idempotencyKey(input.headers.idempotencyKey)
        switch try await funds.recordReceipt(
            identity.programmeId, source: body.source, amount: amount, by: identity.actor, idempotencyKey: key)
        {
        case .failure(let refusal): throw refusal.appError
        case .success:
            let book = try await funds.book(identity.programmeId)
            guard let source = book.sources[body.source] else {
                throw AppError.notFound(LocalizedText(zh: "资金来源", en: "The funding source"))
            }
            return .created(.init(body: .json(FundsMapping.source(source, book))))
        }
    }

    /// Release `number` as it stands in the book now (404 when there is none).
    func release(_ programmeId: String, _ number: Int) async throws -> Components.Schemas.ReleaseView {
        let book = try await funds.book(programmeId)
        guard let release = book.release(number) else { throw FundsRefusal.unknownRelease(number).appError }
        return FundsMapping.release(release, book, scope.language)
    }

    static func page<C: Collection>(_ rows: C, _ page: Int) -> [C.Element] {
        Array(rows.dropFirst(PageNumber.offset(page, limit: fundsPageSize)).prefix(fundsPageSize))
    }
}
