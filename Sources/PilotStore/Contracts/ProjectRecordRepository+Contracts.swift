import Foundation
import PilotDomain
import SQLKit

/// Which contracts a list shows: the whole programme, or those of some sub-industries (a main
/// contractor's) and of one organisation as a party (an enterprise's or a provider's own).
public enum ContractReach: Sendable, Hashable {
    case programme
    case limited(subIndustries: [String], organisationId: String?)
}

/// The filters of the contracts register (`/contracts`).
public struct ContractQuery: Sendable {
    public var programmeId: String
    public var reach: ContractReach = .programme
    public var kind: ServiceContract.Kind?
    public var instanceId: String?
    public var subIndustryId: String?
    /// true: effective only; false: awaiting their scan only.
    public var effective: Bool?
    /// A part of the contract number.
    public var number: String?
    public var offset = 0
    public var limit = 50

    public init(programmeId: String) { self.programmeId = programmeId }
}

extension ProjectRecordRepository {
    static let contractColumns: SQLQueryString = """
        id, programme_id, kind, instance_id, round_id, sub_industry_id, client_org_id, provider_org_id, contract_no, amount,
        signed_on, starts_on, ends_on, scope, plan_lines, scan_file_id, created_by, created_at, updated_by, updated_at, version
        """

    static func contract(_ row: any SQLRow) throws -> ServiceContract {
        let lines = JSONValue.parse(try row.string("plan_lines"))?.arrayValue?.compactMap(\.stringValue) ?? []
        guard let kind = ServiceContract.Kind(rawValue: try row.string("kind")) else { throw StoreError.corrupt("kind") }
        return ServiceContract(
            id: try row.string("id"), programmeId: try row.string("programme_id"), kind: kind,
            instanceId: try row.string("instance_id"), roundId: try row.string("round_id"),
            subIndustryId: try row.string("sub_industry_id"), clientOrganisationId: try row.string("client_org_id"),
            providerOrganisationId: try row.string("provider_org_id"), contractNo: try row.string("contract_no"),
            amount: Fen(try row.int64("amount")), signedOn: try row.string("signed_on"), startsOn: try row.string("starts_on"),
            endsOn: try row.string("ends_on"), scope: try row.string("scope"), planLines: lines,
            scanFileId: try row.optionalString("scan_file_id"), createdBy: try row.string("created_by"),
            createdAt: try row.date("created_at"), updatedBy: try row.string("updated_by"), updatedAt: try row.date("updated_at"),
            version: try row.int("version"))
    }

    /// Registers a contract with its signed scan when given, in one transaction. A contract number
    /// already registered in the programme is `StoreError.conflict("contract_no")`.
    public func registerContract(_ contract: ServiceContract, scan: RecordUpload?) async throws {
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                if let scan { try await Self.insertFile(scan, on: database) }
                let lines = JSONValue.canonicalText(.array(contract.planLines.map(JSONValue.string)))
                try await database.raw(
                    """
                    INSERT INTO project_contracts (\(Self.contractColumns)) VALUES (\(bind: contract.id),
                    \(bind: contract.programmeId), \(bind: contract.kind.rawValue), \(bind: contract.instanceId),
                    \(bind: contract.roundId), \(bind: contract.subIndustryId), \(bind: contract.clientOrganisationId),
                    \(bind: contract.providerOrganisationId), \(bind: contract.contractNo), \(bind: contract.amount.value),
                    \(bind: contract.signedOn), \(bind: contract.startsOn), \(bind: contract.endsOn), \(bind: contract.scope),
                    \(bind: lines), \(bind: scan?.file.id ?? contract.scanFileId), \(bind: contract.createdBy),
                    \(bind: contract.createdAt.millis), \(bind: contract.updatedBy), \(bind: contract.updatedAt.millis), 1)
                    """
                ).run()
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("contract_no")
        }
    }

    /// Replaces a contract's terms (and its scan when a new one is given) if it is still at
    /// `contract.version`; the stored version goes up by one. An amount below what its invoices or
    /// vouchers already add up to is `StoreError.conflict("amount_below_payments")`.
    public func updateContract(_ contract: ServiceContract, scan: RecordUpload?) async throws {
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                for paymentKind in ContractPayment.Kind.allCases {
                    let recorded = try await Self.paidSum(contractId: contract.id, kind: paymentKind, on: database)
                    if recorded > contract.amount { throw StoreError.conflict("amount_below_payments") }
                }
                if let scan { try await Self.insertFile(scan, on: database) }
                let lines = JSONValue.canonicalText(.array(contract.planLines.map(JSONValue.string)))
                let updated = try await database.raw(
                    """
                    UPDATE project_contracts SET provider_org_id = \(bind: contract.providerOrganisationId),
                    contract_no = \(bind: contract.contractNo), amount = \(bind: contract.amount.value),
                    signed_on = \(bind: contract.signedOn), starts_on = \(bind: contract.startsOn),
                    ends_on = \(bind: contract.endsOn), scope = \(bind: contract.scope), plan_lines = \(bind: lines),
                    scan_file_id = \(bind: scan?.file.id ?? contract.scanFileId), updated_by = \(bind: contract.updatedBy),
                    updated_at = \(bind: contract.updatedAt.millis), version = version + 1
                    WHERE id = \(bind: contract.id) AND programme_id = \(bind: contract.programmeId)
                    AND version = \(bind: contract.version) RETURNING version
                    """
                ).first()
                guard updated != nil else { throw StoreError.staleVersion(expected: contract.version, actual: -1) }
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("contract_no")
        }
    }

    public func contract(id: String, programmeId: String) async throws -> ServiceContract? {
        try await backend.read { database in
            try await database.raw(
                "SELECT \(Self.contractColumns) FROM project_contracts WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)"
            ).first().map(Self.contract)
        }
    }

    /// The contracts of one project, by number.
    public func contracts(instanceId: String) async throws -> [ServiceContract] {
        try await backend.read { database in
            try await database.raw(
                "SELECT \(Self.contractColumns) FROM project_contracts WHERE instance_id = \(bind: instanceId) ORDER BY contract_no"
            ).all().map(Self.contract)
        }
    }

    /// One page of the register and the number of contracts the filters match.
    public func contracts(_ query: ContractQuery) async throws -> (contracts: [ServiceContract], total: Int) {
        var condition: SQLQueryString = "programme_id = \(bind: query.programmeId)"
        if case .limited(let subIndustries, let organisation) = query.reach {
            var parts: [SQLQueryString] = subIndustries.map { "sub_industry_id = \(bind: $0)" }
            if let organisation {
                parts.append("client_org_id = \(bind: organisation)")
                parts.append("provider_org_id = \(bind: organisation)")
            }
            if parts.isEmpty { return ([], 0) }
            var either: SQLQueryString = "("
            for (index, part) in parts.enumerated() {
                if index > 0 { either.appendLiteral(" OR ") }
                either.appendInterpolation(part)
            }
            either.appendLiteral(")")
            condition.appendLiteral(" AND ")
            condition.appendInterpolation(either)
        }
        if let kind = query.kind { condition.appendInterpolation(" AND kind = \(bind: kind.rawValue)" as SQLQueryString) }
        if let instance = query.instanceId {
            condition.appendInterpolation(" AND instance_id = \(bind: instance)" as SQLQueryString)
        }
        if let subIndustry = query.subIndustryId {
            condition.appendInterpolation(" AND sub_industry_id = \(bind: subIndustry)" as SQLQueryString)
        }
        if let effective = query.effective {
            condition.appendLiteral(effective ? " AND scan_file_id IS NOT NULL" : " AND scan_file_id IS NULL")
        }
        if let number = query.number, !number.isEmpty {
            let pattern = "%" + number.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            condition.appendInterpolation(" AND contract_no LIKE \(bind: pattern)" as SQLQueryString)
        }
        let finalCondition = condition
        return try await backend.read { database in
            let total =
                try await database.raw("SELECT COUNT(*) AS n FROM project_contracts WHERE \(finalCondition)").first()?.int("n")
                ?? 0
            let rows = try await database.raw(
                """
                SELECT \(Self.contractColumns) FROM project_contracts WHERE \(finalCondition)
                ORDER BY signed_on DESC, contract_no LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all().map(Self.contract)
            return (rows, total)
        }
    }

    // MARK: Invoices and vouchers

    static func paidSum(contractId: String, kind: ContractPayment.Kind, on database: any SQLDatabase) async throws -> Fen {
        let row = try await database.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM contract_payments WHERE contract_id = \(bind: contractId)
            AND kind = \(bind: kind.rawValue)
            """
        ).first()
        return Fen(try row?.int64("total") ?? 0)
    }

    /// Records an invoice or voucher with its scan in one transaction. Refused, writing nothing,
    /// when the contract's invoices (or vouchers) would add up to more than its amount
    /// (`StoreError.conflict("exceeds_contract")`) or the number is already recorded
    /// (`StoreError.conflict("payment_number")`).
    public func recordPayment(_ payment: ContractPayment, scan: RecordUpload) async throws {
        let kind = backend.kind
        do {
            try await backend.transaction { database in
                guard
                    let amountRow = try await database.raw(
                        """
                        SELECT amount FROM project_contracts WHERE id = \(bind: payment.contractId)
                        AND programme_id = \(bind: payment.programmeId)
                        """
                    ).first()
                else { throw StoreError.notFound("contract \(payment.contractId)") }
                let limit = Fen(try amountRow.int64("amount"))
                let recorded = try await Self.paidSum(contractId: payment.contractId, kind: payment.kind, on: database)
                if recorded + payment.amount > limit { throw StoreError.conflict("exceeds_contract") }
                try await Self.insertFile(scan, on: database)
                try await database.raw(
                    """
                    INSERT INTO contract_payments (id, programme_id, contract_id, kind, number, issued_on, amount, file_id,
                    recorded_by, recorded_at) VALUES (\(bind: payment.id), \(bind: payment.programmeId),
                    \(bind: payment.contractId), \(bind: payment.kind.rawValue), \(bind: payment.number),
                    \(bind: payment.issuedOn), \(bind: payment.amount.value), \(bind: scan.file.id),
                    \(bind: payment.recordedBy), \(bind: payment.recordedAt.millis))
                    """
                ).run()
            }
        } catch let error where kind.isUniqueViolation(error) {
            throw StoreError.conflict("payment_number")
        }
    }

    /// The invoices and vouchers of some contracts, oldest first.
    public func payments(contractIds: [String]) async throws -> [ContractPayment] {
        guard !contractIds.isEmpty else { return [] }
        return try await backend.read { database in
            var list: SQLQueryString = ""
            for (index, id) in contractIds.enumerated() {
                if index > 0 { list.appendLiteral(", ") }
                list.appendInterpolation(bind: id)
            }
            return try await database.raw(
                """
                SELECT id, programme_id, contract_id, kind, number, issued_on, amount, file_id, recorded_by, recorded_at
                FROM contract_payments WHERE contract_id IN (\(list)) ORDER BY issued_on, number
                """
            ).all().map { row in
                guard let kind = ContractPayment.Kind(rawValue: try row.string("kind")) else { throw StoreError.corrupt("kind") }
                return ContractPayment(
                    id: try row.string("id"), programmeId: try row.string("programme_id"),
                    contractId: try row.string("contract_id"), kind: kind, number: try row.string("number"),
                    issuedOn: try row.string("issued_on"), amount: Fen(try row.int64("amount")),
                    fileId: try row.string("file_id"),
                    recordedBy: try row.string("recorded_by"), recordedAt: try row.date("recorded_at"))
            }
        }
    }

    // MARK: The investment list

    public func addInvestmentItem(_ item: InvestmentItem) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO investment_items (id, programme_id, instance_id, item, category, amount, contract_id, recorded_by,
                recorded_at) VALUES (\(bind: item.id), \(bind: item.programmeId), \(bind: item.instanceId), \(bind: item.item),
                \(bind: item.category.rawValue), \(bind: item.amount.value), \(bind: item.contractId), \(bind: item.recordedBy),
                \(bind: item.recordedAt.millis))
                """
            ).run()
        }
    }

    /// Removes an item of the project's list; false when there was none.
    public func removeInvestmentItem(id: String, instanceId: String) async throws -> Bool {
        try await backend.transaction { database in
            try await database.raw(
                "DELETE FROM investment_items WHERE id = \(bind: id) AND instance_id = \(bind: instanceId) RETURNING id"
            ).first() != nil
        }
    }

    public func investment(instanceId: String) async throws -> [InvestmentItem] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT id, programme_id, instance_id, item, category, amount, contract_id, recorded_by, recorded_at
                FROM investment_items WHERE instance_id = \(bind: instanceId) ORDER BY recorded_at, id
                """
            ).all().map { row in
                InvestmentItem(
                    id: try row.string("id"), programmeId: try row.string("programme_id"),
                    instanceId: try row.string("instance_id"), item: try row.string("item"),
                    category: InvestmentItem.Category(rawValue: try row.string("category")) ?? .other,
                    amount: Fen(try row.int64("amount")), contractId: try row.optionalString("contract_id"),
                    recordedBy: try row.string("recorded_by"), recordedAt: try row.date("recorded_at"))
            }
        }
    }

    /// What the acceptance check reads, in one snapshot: the project's contracts, their payments
    /// and its investment list.
    public func acceptanceProblems(instanceId: String) async throws -> [LocalizedText] {
        let contracts = try await contracts(instanceId: instanceId)
        let payments = try await payments(contractIds: contracts.map(\.id))
        let investment = try await investment(instanceId: instanceId)
        return RecordsCheck.acceptanceProblems(contracts: contracts, payments: payments, investment: investment)
    }
}
