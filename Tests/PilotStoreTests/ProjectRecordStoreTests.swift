import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

/// The project records of issue #15 in the store, on both backends: a contract and its scan in one
/// transaction, a duplicate number refused; invoices and vouchers bounded by the contract's amount
/// (a refusal writes neither the row nor its scan); a slot version reaches the outbox only when
/// marked final, with the project's next event number, superseding the earlier final; windows do
/// not overlap.
@Suite("Project records in the store")
struct ProjectRecordStoreTests {
    static func upload(_ id: String, programmeId: String, owner: String) -> RecordUpload {
        let data = Data("%PDF-1.4 \(id)".utf8)
        return RecordUpload(
            file: RecordFile(
                id: id, programmeId: programmeId, ownerId: owner, fileName: "\(id).pdf", contentType: "application/pdf",
                size: data.count, sha256: "x", uploadedBy: "测试", uploadedAt: Date()),
            content: data)
    }

    static func count(_ store: PilotStore, _ table: String) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
                ?? -1
        }
    }

    @Test(
        "contracts, bounded payments, final-only outbox events, windows without overlap; refusals write nothing",
        arguments: TestStores.backends)
    func records(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let instance = try await service.start(
            definitionId: try TestWorkflows.small().id, programmeId: programmeId, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil, actor: people.district)

        // A contract with its scan; the same number again is a conflict and writes nothing.
        let contract = ServiceContract(
            id: "con_1", programmeId: programmeId, kind: .service, instanceId: instance.id,
            subIndustryId: people.subIndustry.id, clientOrganisationId: people.enterprise.id,
            providerOrganisationId: "org_provider", contractNo: "HT-001", amount: Fen(100_000_00), signedOn: "2025-03-01",
            startsOn: "2025-03-01", endsOn: "2025-12-31", scope: "实施服务", planLines: ["实施服务"], scanFileId: nil,
            createdBy: "测试", createdAt: Date())
        try await store.records.registerContract(contract, scan: Self.upload("rfl_1", programmeId: programmeId, owner: "con_1"))
        let stored = try #require(try await store.records.contract(id: "con_1", programmeId: programmeId))
        #expect(stored.isEffective && stored.scanFileId == "rfl_1" && stored.planLines == ["实施服务"])
        #expect(try await store.records.contract(id: "con_1", programmeId: "other") == nil)
        var duplicate = contract
        duplicate.id = "con_2"
        await #expect(throws: StoreError.conflict("contract_no")) {
            try await store.records.registerContract(
                duplicate, scan: Self.upload("rfl_2", programmeId: programmeId, owner: "con_2"))
        }
        #expect(try await Self.count(store, "project_contracts") == 1)
        #expect(try await Self.count(store, "record_files") == 1)

        // Scope of the register: a sub-industry, an organisation, or nothing.
        var query = ContractQuery(programmeId: programmeId)
        query.reach = .limited(subIndustries: [people.otherSubIndustry.id], organisationId: nil)
        #expect(try await store.records.contracts(query).total == 0)
        query.reach = .limited(subIndustries: [], organisationId: "org_provider")
        #expect(try await store.records.contracts(query).contracts.map(\.id) == ["con_1"])
        query.reach = .limited(subIndustries: [], organisationId: nil)
        #expect(try await store.records.contracts(query).total == 0)

        // Invoices up to the amount; one more fen is refused with nothing written.
        func payment(_ id: String, _ kind: ContractPayment.Kind, _ fen: Int64) -> ContractPayment {
            ContractPayment(
                id: id, programmeId: programmeId, contractId: "con_1", kind: kind, number: id, issuedOn: "2025-06-01",
                amount: Fen(fen), fileId: "", recordedBy: "测试", recordedAt: Date())
        }
        try await store.records.recordPayment(
            payment("inv_a", .invoice, 60_000_00), scan: Self.upload("rfl_a", programmeId: programmeId, owner: "inv_a"))
        #expect(
            try await store.records.acceptanceProblems(instanceId: instance.id).count == 3,
            "invoices short, no vouchers, no investment list")
        await #expect(throws: StoreError.conflict("exceeds_contract")) {
            try await store.records.recordPayment(
                payment("inv_b", .invoice, 40_000_01), scan: Self.upload("rfl_b", programmeId: programmeId, owner: "inv_b"))
        }
        #expect(try await Self.count(store, "contract_payments") == 1)
        #expect(try await Self.count(store, "record_files") == 2)
        try await store.records.recordPayment(
            payment("inv_b", .invoice, 40_000_00), scan: Self.upload("rfl_b", programmeId: programmeId, owner: "inv_b"))
        try await store.records.recordPayment(
            payment("vch_a", .voucher, 100_000_00), scan: Self.upload("rfl_c", programmeId: programmeId, owner: "vch_a"))
        try await store.records.addInvestmentItem(
            InvestmentItem(
                id: "inv_item", programmeId: programmeId, instanceId: instance.id, item: "实施服务", category: .service,
                amount: Fen(100_000_00), contractId: "con_1", recordedBy: "测试", recordedAt: Date()))
        #expect(try await store.records.acceptanceProblems(instanceId: instance.id).isEmpty)
        // The amount cannot fall below what is recorded against it.
        var lower = stored
        lower.amount = Fen(50_000_00)
        await #expect(throws: StoreError.conflict("amount_below_payments")) {
            try await store.records.updateContract(lower, scan: nil)
        }

        // A draft never reaches the outbox; marking it final queues one event with the next number.
        let before = try await store.outbox.outboxEvents(instanceId: instance.id)
        let snapshot = try #require(try await store.instances.instance(instance.id))
        let first = try await store.records.uploadSlotDocument(
            programmeId: programmeId, instanceId: instance.id, slot: "filing_contract", side: "enterprise",
            upload: Self.upload("rfl_s1", programmeId: programmeId, owner: "rsd_1"))
        #expect(first.version == 1 && first.status == .draft)
        #expect(try await store.outbox.outboxEvents(instanceId: instance.id).count == before.count)
        try await store.records.finaliseSlotDocument(
            id: "rsd_1", instanceId: instance.id, by: "测试", payload: ["slot": .string("filing_contract")])
        let after = try await store.outbox.outboxEvents(instanceId: instance.id)
        #expect(after.count == before.count + 1)
        let event = try #require(after.last)
        #expect(event.type == "record_filed" && event.payload["slot"] == .string("filing_contract"))
        #expect(event.sequence == (before.map(\.sequence).max() ?? 0) + 1)
        await #expect(throws: StoreError.conflict("not_draft")) {
            try await store.records.finaliseSlotDocument(id: "rsd_1", instanceId: instance.id, by: "测试", payload: [:])
        }
        // A decision read before the final mark is refused as stale: it never reuses the event number.
        let definition = try TestWorkflows.small()
        guard
            case .success(let decision) = service.engine.decide(
                Command(instanceId: instance.id, transitionId: "submit_plan", input: TestProgramme.validPlan),
                instance: snapshot, definition: definition, actor: people.contractor, now: store.decisionTime(),
                rules: RuleBook([:]))
        else {
            Issue.record("submit_plan was not decided")
            return
        }
        await #expect(throws: StoreError.self) {
            try await store.instances.commit(decision, to: snapshot, definition: definition, idempotencyKey: nil)
        }
        #expect(try await store.instances.instance(instance.id)?.version == snapshot.version)
        // A new version is a draft beside the final one; once final, the first is superseded.
        let second = try await store.records.uploadSlotDocument(
            programmeId: programmeId, instanceId: instance.id, slot: "filing_contract", side: "enterprise",
            upload: Self.upload("rfl_s2", programmeId: programmeId, owner: "rsd_2"))
        #expect(second.version == 2)
        try await store.records.finaliseSlotDocument(id: "rsd_2", instanceId: instance.id, by: "测试", payload: [:])
        let statuses = try await store.records.slotDocuments(instanceId: instance.id).map { ($0.version, $0.status) }
        #expect(statuses.map(\.1) == [.superseded, .final])
        #expect(try await store.outbox.outboxEvents(instanceId: instance.id).count == before.count + 2)

        // Windows: overlapping dates are refused.
        let window = FundWindow(
            id: "fwn_1", programmeId: programmeId, name: "第一批", opensOn: "2025-03-01", closesOn: "2025-03-31", planCap: 2,
            createdBy: "测试", createdAt: Date())
        try await store.records.openWindow(window)
        var overlapping = window
        overlapping.id = "fwn_2"
        overlapping.opensOn = "2025-03-31"
        overlapping.closesOn = "2025-04-30"
        await #expect(throws: StoreError.conflict("overlap")) { try await store.records.openWindow(overlapping) }
        let (open, next) = try await store.records.windows(programmeId: programmeId, on: "2025-03-31")
        #expect(open?.id == "fwn_1" && next == nil)
        #expect(try await store.records.windows(programmeId: programmeId, on: "2025-02-28").next?.id == "fwn_1")
    }
}
