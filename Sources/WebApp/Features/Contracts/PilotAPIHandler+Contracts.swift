import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/contracts…` and `/api/v1/funds/windows` (issue 17): the contracts register, its
/// payments and task-book scans, and the fund-application windows, through `ContractHandlers`,
/// `TaskBookScanHandlers` and `WindowHandlers` like the pages — the same actions, the same reach
/// (404 outside it), the same checks, nothing written on a refusal. A scan travels as base64.
extension PilotAPIHandler {
    var contractHandlers: ContractHandlers { ContractHandlers(services: services) }

    func listContracts(_ input: Operations.ListContracts.Input) async throws -> Operations.ListContracts.Output {
        let identity = try identity(for: .contractsRead)
        let query = input.query
        try APIBounds.check(query.number, "number", 0...50)
        try APIBounds.check(query.subIndustry, "sub_industry", 0...64)
        let page = try PageNumber.bounded(query.page ?? 1)
        var typed: [String: String] = ["page": String(page)]
        typed["kind"] = query.kind?.rawValue
        typed["status"] = query.status?.rawValue
        typed["number"] = query.number
        typed["sub_industry"] = query.subIndustry
        let (filter, _) = try contractHandlers.filters(typed, identity)
        let (rows, total) = try await services.store.records.contracts(filter)
        let names = try await contractHandlers.names(rows)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: rows.map { ContractsMapping.contract($0, names) }, total: total, page: page,
                        pageSize: ContractHandlers.pageSize))))
    }

    func registerContract(_ input: Operations.RegisterContract.Input) async throws -> Operations.RegisterContract.Output {
        let identity = try identity(for: .contractsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.value2.instanceId, "instance_id", 1...100)
        var form = try Self.termsForm(body.value1)
        form.fields["instance"] = body.value2.instanceId
        let contract = try await contractHandlers.create(form, identity)
        return .created(.init(body: .json(try await contractDetail(contract.id, identity))))
    }

    func getContract(_ input: Operations.GetContract.Input) async throws -> Operations.GetContract.Output {
        let identity = try identity(for: .contractsRead)
        return .ok(.init(body: .json(try await contractDetail(input.path.contractId, identity))))
    }

    func updateContract(_ input: Operations.UpdateContract.Input) async throws -> Operations.UpdateContract.Output {
        let identity = try identity(for: .contractsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.value2.version, "version", 1...1_000_000)
        var form = try Self.termsForm(body.value1)
        form.fields["version"] = String(body.value2.version)
        let contract = try await contractHandlers.reachable(input.path.contractId, identity)
        _ = try await contractHandlers.update(contract, form, identity)
        return .ok(.init(body: .json(try await contractDetail(contract.id, identity))))
    }

    func recordContractPayment(
        _ input: Operations.RecordContractPayment.Input
    ) async throws
        -> Operations.RecordContractPayment.Output
    {
        let identity = try identity(for: .contractsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.number, "number", 1...50)
        try APIBounds.check(body.issuedOn, "issued_on", 1...20)
        try APIBounds.check(body.amount, "amount", 1...40)
        let form = RecordsUpload(
            fields: ["kind": body.kind.rawValue, "number": body.number, "issued_on": body.issuedOn, "amount": body.amount],
            files: ["scan": try Self.scan(body.scan)])
        let contract = try await contractHandlers.reachable(input.path.contractId, identity)
        let payment = try await contractHandlers.addPayment(form, contract, identity)
        return .created(.init(body: .json(ContractsMapping.payment(payment))))
    }

    func registerTaskBookScan(
        _ input: Operations.RegisterTaskBookScan.Input
    ) async throws
        -> Operations.RegisterTaskBookScan.Output
    {
        let identity = try identity(for: .contractsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.roundId, "round_id", 1...100)
        try APIBounds.check(body.contractNo, "contract_no", 1...50)
        try APIBounds.check(body.signedOn, "signed_on", 1...20)
        let form = RecordsUpload(
            fields: ["round": body.roundId, "contract_no": body.contractNo, "signed_on": body.signedOn],
            files: ["scan": try Self.scan(body.scan)])
        let contract = try await TaskBookScanHandlers(services: services).register(form, identity)
        return .created(.init(body: .json(try await contractDetail(contract.id, identity))))
    }

    func listFundWindows(_ input: Operations.ListFundWindows.Input) async throws -> Operations.ListFundWindows.Output {
        let identity = try identity(for: .windowsRead)
        let windows = try await services.store.records.windows(programmeId: identity.programmeId)
        return .ok(.init(body: .json(windows.map(ContractsMapping.window))))
    }

    func openFundWindow(_ input: Operations.OpenFundWindow.Input) async throws -> Operations.OpenFundWindow.Output {
        let identity = try identity(for: .windowsOpen)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.name, "name", 1...100)
        try APIBounds.check(body.opensOn, "opens_on", 1...20)
        try APIBounds.check(body.closesOn, "closes_on", 1...20)
        if let cap = body.planCap { try APIBounds.value(cap, "plan_cap", 1...100_000) }
        var fields = ["name": body.name, "opens_on": body.opensOn, "closes_on": body.closesOn]
        fields["plan_cap"] = body.planCap.map { String($0) }
        let window = try await WindowHandlers(services: services).open(RecordsUpload(fields: fields, files: [:]), identity)
        return .created(.init(body: .json(ContractsMapping.window(window))))
    }

    /// The contract form's fields as the page posts them, bounds checked.
    static func termsForm(_ terms: Components.Schemas.ContractTermsFields) throws -> RecordsUpload {
        try APIBounds.check(terms.contractNo, "contract_no", 1...50)
        try APIBounds.check(terms.amount, "amount", 1...40)
        try APIBounds.check(terms.providerUscc, "provider_uscc", 1...18)
        for (value, name) in [(terms.signedOn, "signed_on"), (terms.startsOn, "starts_on"), (terms.endsOn, "ends_on")] {
            try APIBounds.check(value, name, 1...20)
        }
        try APIBounds.check(terms.scope, "scope", 1...2000)
        try APIBounds.count(terms.planLines?.count ?? 0, "plan_lines", 0...200)
        var fields = [
            "contract_no": terms.contractNo, "amount": terms.amount, "provider_uscc": terms.providerUscc,
            "signed_on": terms.signedOn, "starts_on": terms.startsOn, "ends_on": terms.endsOn, "scope": terms.scope,
        ]
        for line in terms.planLines ?? [] {
            try APIBounds.value(line, "plan_lines", 1...200)
            fields["plan_line_\(line)"] = "on"
        }
        let files = try terms.scan.map { ["scan": try Self.scan($0)] } ?? [:]
        return RecordsUpload(fields: fields, files: files)
    }

    /// A scan's bytes from base64. Text that is not base64 is a file the server cannot read: 422
    /// naming the field, as a file of a type not accepted is (the contract's string admits any text).
    static func scan(_ scan: Components.Schemas.ScanInput) throws -> MultipartForm.File {
        try APIBounds.check(scan.fileName, "scan.file_name", 1...200)
        try APIBounds.check(scan.contentBase64, "scan.content_base64", 1...13_981_016)
        guard let data = Data(base64Encoded: scan.contentBase64) else {
            let message = LocalizedText(zh: "“scan.content_base64”须为 Base64 编码的文件内容", en: "'scan.content_base64' must be base64")
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: message,
                fields: [FieldError(field: "scan.content_base64", message: message)])
        }
        return MultipartForm.File(fileName: scan.fileName, contentType: "application/octet-stream", data: data)
    }

    func contractDetail(_ id: String, _ identity: Identity) async throws -> Components.Schemas.ContractDetail {
        let contract = try await contractHandlers.reachable(id, identity)
        let names = try await contractHandlers.names([contract])
        let payments = try await services.store.records.payments(contractIds: [contract.id])
        return .init(contract: ContractsMapping.contract(contract, names), payments: payments.map(ContractsMapping.payment))
    }
}

/// Contracts, payments and windows as the API shows them.
enum ContractsMapping {
    static func contract(_ contract: ServiceContract, _ names: [String: String]) -> Components.Schemas.ContractView {
        .init(
            id: contract.id, kind: contract.kind == .service ? .service : .contractorTaskBook,
            instanceId: contract.instanceId.isEmpty ? nil : contract.instanceId,
            roundId: contract.roundId.isEmpty ? nil : contract.roundId, subIndustryId: contract.subIndustryId,
            clientOrganisationId: contract.clientOrganisationId, clientName: names[contract.clientOrganisationId],
            providerOrganisationId: contract.providerOrganisationId, providerName: names[contract.providerOrganisationId],
            contractNo: contract.contractNo, amountFen: contract.amount.value, signedOn: contract.signedOn,
            startsOn: contract.startsOn, endsOn: contract.endsOn, scope: contract.scope, planLines: contract.planLines,
            effective: contract.isEffective, version: contract.version)
    }

    static func payment(_ payment: ContractPayment) -> Components.Schemas.PaymentView {
        .init(
            id: payment.id, contractId: payment.contractId, kind: payment.kind == .invoice ? .invoice : .voucher,
            number: payment.number, issuedOn: payment.issuedOn, amountFen: payment.amount.value, fileId: payment.fileId,
            recordedBy: payment.recordedBy, recordedAt: payment.recordedAt)
    }

    static func window(_ window: FundWindow) -> Components.Schemas.FundWindowView {
        .init(
            id: window.id, name: window.name, opensOn: window.opensOn, closesOn: window.closesOn, planCap: window.planCap,
            filed: window.filed, createdBy: window.createdBy, createdAt: window.createdAt)
    }
}
