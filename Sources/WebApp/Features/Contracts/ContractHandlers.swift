import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// The contracts register (policy 004 §四(三) 合同管理, issue #15): a project's service contracts
/// between the enterprise and a provider of the pool, their invoices and payment vouchers, and the
/// main contractors' contracting task books as signed documents.
struct ContractHandlers {
    let services: AppServices

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = ContractHandlers(services: services)
        let records = RecordsHandlers(services: services)
        let windows = WindowHandlers(services: services)
        router.requiring(.contractsRead)
            .get("/contracts") { request, context in try await handlers.list(request, context) }
            .get("/contracts/export.xlsx") { request, context in try await handlers.export(request, context) }
            .get("/contracts/:contract") { request, context in try await handlers.page(request, context) }
            .get("/contracts/:contract/files/:file") { request, context in try await handlers.download(request, context) }
            .get("/instances/:instance/records") { request, context in try await records.page(request, context) }
            .get("/instances/:instance/records/files/:file") { request, context in
                try await records.download(request, context)
            }
        router.requiring(.contractsEdit)
            .post("/contracts") { request, context in try await handlers.create(request, context) }
            .post("/contracts/task-books") { request, context in
                try await TaskBookScanHandlers(services: services).register(request, context)
            }
            .post("/contracts/:contract") { request, context in try await handlers.update(request, context) }
            .post("/contracts/:contract/payments") { request, context in try await handlers.addPayment(request, context) }
            .post("/instances/:instance/investment") { request, context in try await records.addItem(request, context) }
            .post("/instances/:instance/investment/:item/delete") { request, context in
                try await records.removeItem(request, context)
            }
        router.requiring(.recordsUpload)
            .post("/instances/:instance/slots/:slot") { request, context in try await records.upload(request, context) }
            .post("/instances/:instance/slots/:slot/:document/final") { request, context in
                try await records.finalise(request, context)
            }
        router.requiring(.windowsRead)
            .get("/funds/windows") { request, context in try await windows.list(request, context) }
        router.requiring(.windowsOpen)
            .post("/funds/windows") { request, context in try await windows.open(request, context) }
    }

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    // MARK: The register

    static let pageSize = 50

    /// The filters of `/contracts` from the query; a bad value is a 400 naming it.
    func filters(_ request: Request, _ identity: Identity) throws -> (ContractQuery, page: Int, typed: [String: String]) {
        let parameters = request.uri.queryParameters
        var typed: [String: String] = [:]
        for (key, value) in parameters { typed[String(key)] = String(value) }
        let (query, page) = try filters(typed, identity)
        return (query, page, typed)
    }

    /// The register's filters from their values (page and API): `kind`, `status`, `number`,
    /// `sub_industry`, `page`; a bad value is a 400 naming it.
    func filters(_ typed: [String: String], _ identity: Identity) throws -> (ContractQuery, page: Int) {
        func value(_ name: String) -> String? {
            typed[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        func bad(_ name: String, _ text: String) -> AppError {
            AppError(.badRequest, code: "bad_filter", message: ContractText.badFilter(name, String(text.prefix(40))))
        }
        var query = ContractQuery(programmeId: identity.programmeId)
        query.reach = ContractAccess(identity: identity).reach
        if let text = value("kind") {
            guard let kind = ServiceContract.Kind(rawValue: text) else { throw bad("kind", text) }
            query.kind = kind
        }
        if let text = value("status") {
            guard text == "effective" || text == "awaiting" else { throw bad("status", text) }
            query.effective = text == "effective"
        }
        if let text = value("number") {
            guard text.count <= 50 else { throw bad("number", text) }
            query.number = text
        }
        if let text = value("sub_industry") {
            guard text.count <= 64 else { throw bad("sub_industry", text) }
            query.subIndustryId = text
        }
        var page = 1
        if let text = value("page") {
            guard let number = Int(text), (1...10_000).contains(number) else { throw bad("page", text) }
            page = number
        }
        query.limit = Self.pageSize
        query.offset = (page - 1) * Self.pageSize
        return (query, page)
    }

    /// `GET /contracts`: the contracts in reach, filtered and paged.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (query, page, typed) = try filters(request, identity)
        let (contracts, total) = try await services.store.records.contracts(query)
        let names = try await names(contracts)
        let subIndustries = try await services.store.programmes.subIndustries(programmeId: identity.programmeId)
        let taskBooks = try await TaskBookScanHandlers(services: services).pending(identity)
        return .html(
            ContractListView(layout: layout(context, identity, "/contracts")).render(
                contracts, total: total, page: page, pageSize: Self.pageSize, names: names, subIndustries: subIndustries,
                typed: typed, taskBooks: taskBooks))
    }

    /// `GET /contracts/export.xlsx`: the same filters, every page (at most 10,000 rows).
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var (query, _, _) = try filters(request, identity)
        query.offset = 0
        query.limit = 10_000
        let (contracts, _) = try await services.store.records.contracts(query)
        let names = try await names(contracts)
        let payments = try await services.store.records.payments(contractIds: contracts.map(\.id))
        let header = ["合同编号", "类型", "甲方", "乙方", "合同金额（元）", "签订日期", "履行期限", "状态", "发票合计（元）", "付款合计（元）"].map {
            Cell.text($0)
        }
        let rows = contracts.map { contract -> [Cell] in
            let mine = payments.filter { $0.contractId == contract.id }
            func sum(_ kind: ContractPayment.Kind) -> String {
                mine.filter { $0.kind == kind }.reduce(Fen.zero) { $0 + $1.amount }.yuanText
            }
            return [
                .text(contract.contractNo),
                .text(contract.kind == .service ? ContractText.serviceKind.zh : ContractText.taskBookKind.zh),
                .text(names[contract.clientOrganisationId] ?? ""), .text(names[contract.providerOrganisationId] ?? ""),
                .text(contract.amount.yuanText), .text(contract.signedOn), .text("\(contract.startsOn) 至 \(contract.endsOn)"),
                .text(contract.isEffective ? ContractText.effective.zh : ContractText.awaitingScan.zh),
                .text(sum(.invoice)), .text(sum(.voucher)),
            ]
        }
        let sheet = Sheet(name: "合同台账", rows: [header] + rows, headerRows: 1)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"contracts.xlsx\"", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: try XLSXWriter.data(Workbook(sheets: [sheet])))))
    }

    func names(_ contracts: [ServiceContract]) async throws -> [String: String] {
        try await services.store.facts.organisationNames(
            Set(contracts.flatMap { [$0.clientOrganisationId, $0.providerOrganisationId] }))
    }

    // MARK: One contract

    /// The contract if the person reaches it; 404 otherwise (ids reveal nothing).
    func reachable(_ context: AppRequestContext, _ identity: Identity) async throws -> ServiceContract {
        try await reachable(try context.parameters.require("contract"), identity)
    }

    /// Contract `id` if the person reaches it (page and API); 404 otherwise.
    func reachable(_ id: String, _ identity: Identity) async throws -> ServiceContract {
        guard let contract = try await services.store.records.contract(id: id, programmeId: identity.programmeId),
            ContractAccess(identity: identity).reaches(contract)
        else { throw AppError.notFound(LocalizedText(zh: "该合同", en: "This contract")) }
        return contract
    }

    /// `GET /contracts/:contract`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let contract = try await reachable(context, identity)
        let payments = try await services.store.records.payments(contractIds: [contract.id])
        let names = try await names([contract])
        let instance = contract.instanceId.isEmpty ? nil : try await services.store.instances.instance(contract.instanceId)
        let canEdit = instance.map { ContractAccess.edits(identity.actor, $0) && !closed($0) } ?? false
        let flash = request.uri.queryParameters["done"].map { _ in
            Flash(kind: .ok, text: ContractText.saved.text(context.language))
        }
        let providerUSCC = try await services.store.parties.organisation(contract.providerOrganisationId)?.uscc ?? ""
        return .html(
            ContractPageView(layout: layout(context, identity, "/contracts")).render(
                contract, payments: payments, names: names, instance: instance, providerUSCC: providerUSCC,
                canEdit: canEdit, flash: flash))
    }

    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let contract = try await reachable(context, identity)
        let fileId = try context.parameters.require("file")
        let payments = try await services.store.records.payments(contractIds: [contract.id])
        guard fileId == contract.scanFileId || payments.contains(where: { $0.fileId == fileId }) else {
            throw AppError.notFound(LocalizedText(zh: "该文件", en: "This file"))
        }
        return try await Self.fileResponse(services, id: fileId, programmeId: identity.programmeId)
    }

    static func fileResponse(_ services: AppServices, id: String, programmeId: String) async throws -> Response {
        guard let (file, data) = try await services.store.records.file(id: id, programmeId: programmeId) else {
            throw AppError.notFound(LocalizedText(zh: "该文件", en: "This file"))
        }
        return try FileDownload.response(
            data, sha256: file.sha256, fileName: file.fileName, contentType: file.contentType)
    }

    func closed(_ instance: InstanceSnapshot) -> Bool {
        services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?.state(instance.state)?.terminal
            == true
    }

    /// The project a contract form names, if the person may register its contracts: not found or
    /// out of sight is 404, seen but not theirs to change is 403, closed is 422.
    func editableProject(_ id: String, _ identity: Identity) async throws -> InstanceSnapshot {
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard instance.programmeId == identity.programmeId, instance.definitionId == "enterprise-project" else {
            throw AppError.notFound(LocalizedText(zh: "该项目", en: "This project"))
        }
        guard ContractAccess.edits(identity.actor, instance) else { throw AppError.forbidden }
        if closed(instance) { throw AppError(.unprocessableContent, code: "closed", message: ContractText.projectClosed) }
        return instance
    }

    // MARK: Changes

    /// `POST /contracts`: registers a service contract of a project; any problem is 422 and writes nothing.
    func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let id = try await create(form, identity).id
        return .redirect("/contracts/\(AppPath.encode(id))?done=registered")
    }

    /// Registers the service contract `form` describes (page and API); any problem is 422 and writes nothing.
    func create(_ form: RecordsUpload, _ identity: Identity) async throws -> ServiceContract {
        let projectId = form["instance"]
        guard !projectId.isEmpty else {
            throw RecordsUpload.refuse([FieldError(field: "instance", message: ContractText.chooseProject)])
        }
        let instance = try await editableProject(projectId, identity)
        let id = services.store.ids.make("con")
        var errors: [FieldError] = []
        let scan = form.file("scan", ownerId: id, identity: identity, services: services, errors: &errors)
        let terms = try await ContractTerms.check(form, instance: instance, services: services, errors: &errors)
        guard errors.isEmpty, let terms else { throw RecordsUpload.refuse(errors) }
        let now = services.store.clock.now()
        let contract = ServiceContract(
            id: id, programmeId: instance.programmeId, kind: .service, instanceId: instance.id,
            subIndustryId: instance.subIndustryId ?? "", clientOrganisationId: instance.subjectOrganisationId ?? "",
            providerOrganisationId: terms.providerId, contractNo: terms.number, amount: terms.amount, signedOn: terms.signedOn,
            startsOn: terms.startsOn, endsOn: terms.endsOn, scope: terms.scope, planLines: terms.planLines, scanFileId: nil,
            createdBy: identity.account.displayName, createdAt: now)
        do {
            try await services.store.records.registerContract(contract, scan: scan)
        } catch StoreError.conflict {
            throw RecordsUpload.refuse([FieldError(field: "contract_no", message: ContractText.duplicateNumber)])
        }
        return contract
    }

    /// `POST /contracts/:contract`: changes the terms (and the scan when a new one is posted).
    func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let contract = try await update(try await reachable(context, identity), form, identity)
        return .redirect("/contracts/\(AppPath.encode(contract.id))?done=saved")
    }

    /// Changes `contract`'s terms as `form` gives them, and its scan when one is posted (page and
    /// API): 422 bad terms, 409 when the contract changed since `version`.
    func update(_ contract: ServiceContract, _ form: RecordsUpload, _ identity: Identity) async throws -> ServiceContract {
        guard contract.kind == .service else { throw AppError.forbidden }
        let instance = try await editableProject(contract.instanceId, identity)
        var errors: [FieldError] = []
        let scan = form.file("scan", ownerId: contract.id, identity: identity, services: services, errors: &errors)
        let terms = try await ContractTerms.check(form, instance: instance, services: services, errors: &errors)
        guard errors.isEmpty, let terms else { throw RecordsUpload.refuse(errors) }
        var changed = contract
        changed.providerOrganisationId = terms.providerId
        changed.contractNo = terms.number
        changed.amount = terms.amount
        changed.signedOn = terms.signedOn
        changed.startsOn = terms.startsOn
        changed.endsOn = terms.endsOn
        changed.scope = terms.scope
        changed.planLines = terms.planLines
        changed.updatedBy = identity.account.displayName
        changed.updatedAt = services.store.clock.now()
        if let version = Int(form["version"]) { changed.version = version }
        do {
            try await services.store.records.updateContract(changed, scan: scan)
        } catch StoreError.conflict(let what) {
            let message = what == "amount_below_payments" ? ContractText.amountBelowPayments : ContractText.duplicateNumber
            throw RecordsUpload.refuse([
                FieldError(field: what == "amount_below_payments" ? "amount" : "contract_no", message: message)
            ])
        } catch StoreError.staleVersion {
            throw AppError(.conflict, code: "stale", message: ContractText.stale)
        }
        return changed
    }

    /// `POST /contracts/:contract/payments`: an invoice or voucher with its scan.
    func addPayment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let contract = try await reachable(context, identity)
        _ = try await addPayment(form, contract, identity)
        return .redirect("/contracts/\(AppPath.encode(contract.id))?done=payment#payments")
    }

    /// Records the invoice or voucher `form` describes, with its scan (page and API); 422 and
    /// nothing written for bad input, a duplicate number or more than the contract's amount.
    func addPayment(_ form: RecordsUpload, _ contract: ServiceContract, _ identity: Identity) async throws -> ContractPayment {
        guard contract.kind == .service else { throw AppError.forbidden }
        _ = try await editableProject(contract.instanceId, identity)
        let id = services.store.ids.make("pay")
        var errors: [FieldError] = []
        let kind = ContractPayment.Kind(rawValue: form["kind"])
        if kind == nil { errors.append(FieldError(field: "kind", message: ContractText.chooseKind)) }
        let number = form.text("number", max: 50, errors: &errors)
        let issuedOn = form.date("issued_on", errors: &errors)
        let amount = form.amount("amount", errors: &errors)
        let scan = form.file("scan", ownerId: id, identity: identity, services: services, errors: &errors)
        if scan == nil && !errors.contains(where: { $0.field == "scan" }) {
            errors.append(FieldError(field: "scan", message: ContractText.chooseFile))
        }
        guard errors.isEmpty, let kind, let issuedOn, let amount, let scan else { throw RecordsUpload.refuse(errors) }
        let payment = ContractPayment(
            id: id, programmeId: contract.programmeId, contractId: contract.id, kind: kind, number: number,
            issuedOn: issuedOn, amount: amount, fileId: scan.file.id, recordedBy: identity.account.displayName,
            recordedAt: services.store.clock.now())
        do {
            try await services.store.records.recordPayment(payment, scan: scan)
        } catch StoreError.conflict(let what) {
            if what == "exceeds_contract" {
                let recorded = try await services.store.records.payments(contractIds: [contract.id]).filter { $0.kind == kind }
                    .reduce(Fen.zero) { $0 + $1.amount }
                throw RecordsUpload.refuse([
                    FieldError(field: "amount", message: ContractText.exceeds(kind, recorded: recorded, amount: contract.amount))
                ])
            }
            throw RecordsUpload.refuse([FieldError(field: "number", message: ContractText.duplicatePayment)])
        }
        return payment
    }
}

/// The checked terms of a contract form.
struct ContractTerms {
    var providerId: String
    var number: String
    var amount: Fen
    var signedOn: String
    var startsOn: String
    var endsOn: String
    var scope: String
    var planLines: [String]

    /// The terms, or their problems added to `errors`. The provider must be a member of the
    /// programme's pool in good standing when the contract is registered (removed members are
    /// refused); the lines chosen must be lines of the project's filed plan.
    static func check(
        _ form: RecordsUpload, instance: InstanceSnapshot, services: AppServices, errors: inout [FieldError]
    ) async throws -> ContractTerms? {
        let number = form.text("contract_no", max: 50, errors: &errors)
        let amount = form.amount("amount", errors: &errors)
        let signedOn = form.date("signed_on", errors: &errors)
        let startsOn = form.date("starts_on", errors: &errors)
        let endsOn = form.date("ends_on", errors: &errors)
        let scope = form.text("scope", max: 2000, errors: &errors)
        if let startsOn, let endsOn, startsOn > endsOn {
            errors.append(FieldError(field: "ends_on", message: ContractText.datesOutOfOrder))
        }
        if let signedOn, let endsOn, signedOn > endsOn {
            errors.append(FieldError(field: "signed_on", message: ContractText.signedAfterStart))
        }
        // The plan's budget lines: the contract says which it covers.
        var chosen: [String] = []
        if let budget = instance.data["budget_lines"]?.stringValue, case .success(let lines) = PlanLines.budget(budget) {
            for (index, line) in lines.enumerated() where form["plan_line_\(index + 1)"] == "on" { chosen.append(line.item) }
            let posted = form.fields.keys.filter { $0.hasPrefix("plan_line_") }.compactMap { Int($0.dropFirst(10)) }
            if posted.contains(where: { $0 < 1 || $0 > lines.count }) {
                errors.append(FieldError(field: "plan_lines", message: ContractText.unknownLine))
            }
        } else {
            errors.append(FieldError(field: "instance", message: ContractText.noPlan))
        }
        var providerId: String?
        let uscc = form["provider_uscc"]
        if uscc.isEmpty {
            errors.append(FieldError(field: "provider_uscc", message: ContractText.needed))
        } else if let valid = try? USCC(validating: uscc) {
            if let organisation = try await services.store.parties.organisation(
                uscc: valid.value, programmeId: instance.programmeId),
                let member = try await services.store.providers.poolMember(
                    organisationId: organisation.id, programmeId: instance.programmeId)
            {
                if case .removed = member.standing {
                    errors.append(FieldError(field: "provider_uscc", message: ContractText.removed(organisation.name)))
                } else {
                    providerId = organisation.id
                }
            } else {
                errors.append(FieldError(field: "provider_uscc", message: ContractText.notInPool))
            }
        } else {
            errors.append(FieldError(field: "provider_uscc", message: ContractText.notInPool))
        }
        guard errors.isEmpty, let amount, let signedOn, let startsOn, let endsOn, let providerId else { return nil }
        return ContractTerms(
            providerId: providerId, number: number, amount: amount, signedOn: signedOn, startsOn: startsOn, endsOn: endsOn,
            scope: scope, planLines: chosen)
    }
}
