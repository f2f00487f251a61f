import Crypto
import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The demo's contracts and project records (issue #15), through the store calls the pages use:
/// two application windows (one closed with its cap, one open around today, into which every demo
/// plan is filed); before a task book is filed, the project's service contract with its signed scan
/// and the 项目备案 slots final; before acceptance is applied for, invoices and vouchers adding up to
/// the contract, the investment list and the acceptance slots final. Projects in implementation
/// therefore show the check's mismatches (no invoices yet) on their page.
extension DemoSeeder {
    /// A small valid PDF standing for a scanned document.
    static func scan(_ title: String) -> Data {
        Data("%PDF-1.4\n% \(title)\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n".utf8)
    }

    func upload(_ title: String, programmeId: String, owner: String, by name: String) -> RecordUpload {
        let data = Self.scan(title)
        return RecordUpload(
            file: RecordFile(
                id: services.store.ids.make("rfl"), programmeId: programmeId, ownerId: owner, fileName: title + ".pdf",
                contentType: "application/pdf", size: data.count, sha256: Hex.encode(SHA256.hash(data: data)),
                uploadedBy: name, uploadedAt: services.store.clock.now()),
            content: data)
    }

    /// The windows, before any plan is filed (the Binhai rule `plan_filing_windows` is on).
    func seedWindows(programmeId: String, district: Actor?) async throws {
        let now = services.store.clock.now()
        func day(_ offset: Double) -> String { Shanghai.dateText(now.addingTimeInterval(offset * 86_400)) }
        let name = district?.displayName ?? "区工信局"
        try await services.store.records.openWindow(
            FundWindow(
                id: services.store.ids.make("fwn"), programmeId: programmeId, name: "第一批实施方案申报", opensOn: day(-240),
                closesOn: day(-121), planCap: 40, createdBy: name, createdAt: now))
        try await services.store.records.openWindow(
            FundWindow(
                id: services.store.ids.make("fwn"), programmeId: programmeId, name: "第二批实施方案申报", opensOn: day(-60),
                closesOn: day(120), planCap: nil, createdBy: name, createdAt: now))
    }

    /// What a project's records need before `transition`, as its parties would file them.
    func prepareRecords(before transition: String, instanceId: String, cast: [String: Actor], seed: Int) async throws {
        guard transition == "file_task_book" || transition == "apply_acceptance",
            let instance = try await services.store.instances.instance(instanceId)
        else { return }
        let enterprise = cast["enterprise"]?.displayName ?? "企业联系人"
        if transition == "file_task_book" {
            try await seedContract(instance, seed: seed, by: enterprise)
            try await seedSlots(["filing_contract", "filing_authenticity"], instance, by: enterprise)
        } else {
            try await seedPayments(instance, seed: seed, by: enterprise)
            try await seedSlots(
                [
                    "profile_basic", "profile_transformation", "profile_outcomes", "level_before", "level_after",
                    "acceptance_investment", "subsidy_application",
                ], instance, by: enterprise)
        }
    }

    func seedContract(_ instance: InstanceSnapshot, seed: Int, by name: String) async throws {
        guard let text = instance.data["budget_lines"]?.stringValue, case .success(let lines) = PlanLines.budget(text),
            let provider = instance.data["digital_provider_org_id"]?.stringValue
        else { return }
        let amount = lines.reduce(Fen.zero) { $0 + $1.amount }
        let id = services.store.ids.make("con")
        let signed = Shanghai.dateText(services.store.clock.now().addingTimeInterval(-20 * 86_400))
        let ends = Shanghai.dateText(services.store.clock.now().addingTimeInterval(300 * 86_400))
        try await services.store.records.registerContract(
            ServiceContract(
                id: id, programmeId: instance.programmeId, kind: .service, instanceId: instance.id,
                subIndustryId: instance.subIndustryId ?? "", clientOrganisationId: instance.subjectOrganisationId ?? "",
                providerOrganisationId: provider, contractNo: String(format: "BH-FW-2025-%03d", seed + 1), amount: amount,
                signedOn: signed, startsOn: signed, endsOn: ends,
                scope: "按照经批准的数字化改造方案提供工业软件及许可、实施与集成服务，完成系统上线与试运行。", planLines: lines.map(\.item), scanFileId: nil,
                createdBy: name, createdAt: services.store.clock.now()),
            scan: upload("服务合同签署件", programmeId: instance.programmeId, owner: id, by: name))
        for line in lines {
            try await services.store.records.addInvestmentItem(
                InvestmentItem(
                    id: services.store.ids.make("inv"), programmeId: instance.programmeId, instanceId: instance.id,
                    item: line.item, category: line.item.contains("软件") ? .software : .service, amount: line.amount,
                    contractId: id, recordedBy: name, recordedAt: services.store.clock.now()))
        }
    }

    /// Two invoices and two vouchers per contract, each pair adding up to the contract's amount.
    func seedPayments(_ instance: InstanceSnapshot, seed: Int, by name: String) async throws {
        for contract in try await services.store.records.contracts(instanceId: instance.id) where contract.kind == .service {
            let first = Fen(contract.amount.value * 6 / 10)
            let parts = [first, contract.amount - first]
            for kind in ContractPayment.Kind.allCases {
                for (index, part) in parts.enumerated() where part > .zero {
                    let id = services.store.ids.make("pay")
                    let number =
                        kind == .invoice
                        ? String(format: "1200%04d%02d", seed + 1, index + 1)
                        : String(format: "FK2025%04d%02d", seed + 1, index + 1)
                    try await services.store.records.recordPayment(
                        ContractPayment(
                            id: id, programmeId: instance.programmeId, contractId: contract.id, kind: kind, number: number,
                            issuedOn: Shanghai.dateText(services.store.clock.now()), amount: part, fileId: "",
                            recordedBy: name, recordedAt: services.store.clock.now()),
                        scan: upload(
                            "\(kind.label.zh)\(number)", programmeId: instance.programmeId, owner: id, by: name))
                }
            }
        }
    }

    /// Uploads each slot's document as the enterprise and marks it final (queued for the national platform).
    func seedSlots(_ slots: [String], _ instance: InstanceSnapshot, by name: String) async throws {
        for id in slots {
            guard let slot = RecordSlot.slot(id) else { continue }
            let documentId = services.store.ids.make("rsd")
            let document = try await services.store.records.uploadSlotDocument(
                programmeId: instance.programmeId, instanceId: instance.id, slot: id, side: "enterprise",
                upload: upload(
                    "\(slot.stage.zh)-\(slot.name.zh)", programmeId: instance.programmeId, owner: documentId, by: name))
            try await RecordsHandlers.finalise(document, slot: slot, instance: instance, by: name, services)
        }
    }

    /// After the journeys: a draft left in a slot of a project in implementation (to be marked
    /// final), so the demo shows the three statuses.
    func seedContracts(programmeId: String, actors: [String: Actor]) async throws {
        // The contracting task books of two main contractors, signed by both online, registered
        // with their scans (the others wait for theirs on /contracts).
        let providers = services.store.providers
        var registered = 0
        for round in try await providers.contractorRounds(programmeId: programmeId) where !round.isOpen && registered < 2 {
            guard
                let selected = try await providers.contractorApplications(roundId: round.id).first(where: {
                    $0.id == round.selectedApplicationId
                }), Set(try await providers.contractorSignatures(roundId: round.id).map(\.party)).count == 2
            else { continue }
            registered += 1
            let id = services.store.ids.make("con")
            let signed = Shanghai.dateText(round.closedAt ?? services.store.clock.now())
            try await services.store.records.registerContract(
                ServiceContract(
                    id: id, programmeId: programmeId, kind: .contractorTaskBook, instanceId: "", roundId: round.id,
                    subIndustryId: round.subIndustryId, clientOrganisationId: "", providerOrganisationId: selected.organisationId,
                    contractNo: String(format: "BH-CB-2025-%02d", registered), amount: .zero, signedOn: signed, startsOn: signed,
                    endsOn: round.termUntil, scope: round.requirements, planLines: [], scanFileId: nil,
                    createdBy: selected.organisationName, createdAt: services.store.clock.now()),
                scan: upload("承包任务书签署件", programmeId: programmeId, owner: id, by: selected.organisationName))
        }
        guard
            let project = try await services.store.instances.instances(programmeId: programmeId, state: "implementation").first
        else { return }
        let documentId = services.store.ids.make("rsd")
        _ = try await services.store.records.uploadSlotDocument(
            programmeId: programmeId, instanceId: project.id, slot: "profile_basic", side: "enterprise",
            upload: upload("企业档案-基本信息（草稿）", programmeId: programmeId, owner: documentId, by: "企业联系人"))
    }
}
