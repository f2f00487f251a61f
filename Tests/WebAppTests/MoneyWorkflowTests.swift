import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// The seam between the workflow and the money (issue #11, defects 2–4): every decision that
/// matters to the funds book is queued for it in the decision's own transaction, every funds
/// change reconciles the queue under the book's lock first, and every payment queues its project
/// records in the payment's own transaction.
@Suite("Money and workflow agree: reconciliation queued with the decision, records queued with the payment")
struct MoneyWorkflowTests {
    struct Setting {
        var services: AppServices
        var programme: Programme
        var funds: FundsService { FundsService(services: services) }

        func actor(_ username: String) async throws -> Actor {
            try #require(try await services.store.accounts.user(username: username)).actor
        }

        func project(in state: String, where test: (InstanceSnapshot) -> Bool = { _ in true }) async throws -> InstanceSnapshot {
            try #require(
                try await services.store.instances.instances(programmeId: programme.id, state: state).first(where: test),
                "the demo has a project in \(state)")
        }

        /// The engine alone, as a crash after the decision would leave it: nothing but the decision's
        /// own transaction runs.
        @discardableResult
        func decide(
            _ id: String, _ transition: String, _ input: [String: JSONValue], as actor: Actor
        ) async throws
            -> WorkflowService.Outcome
        {
            let outcome = try await services.workflows.execute(
                Command(instanceId: id, transitionId: transition, input: input), actor: actor)
            guard case .applied = outcome else { throw FixtureError("\(transition) refused: \(outcome)") }
            return outcome
        }
    }

    func with(_ backend: BackendKind, _ body: (Setting) async throws -> Void) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        do {
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            try await body(Setting(services: services, programme: programme))
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }

    @Test(
        "a second approval after an upheld objection re-splits the tranches at the new (lower) subsidy",
        arguments: TestStores.backends)
    func reapproval(backend: BackendKind) async throws {
        try await with(backend) { setting in
            let district = try await setting.actor("district")
            let project = try await setting.project(in: "publicity")
            let before = try #require(try await setting.funds.settled(setting.programme.id).projects[project.id])
            try await setting.decide(
                project.id, "file_objection",
                ["objector_name": .string("张三"), "objector_contact": .string("13800000000"), "objection": .string("预算虚高")],
                as: .publicMember(programmeId: setting.programme.id))
            try await setting.decide(project.id, "uphold_objection", ["objection_resolution": .string("核减预算")], as: district)
            // Never more than asked for, cap rule or not (defect 10).
            let requested = try #require(
                try await setting.services.store.instances.instance(project.id)?.data["requested_subsidy"]?.intValue)
            let tooMuch = try await setting.services.workflows.execute(
                Command(
                    instanceId: project.id, transitionId: "approve_plan",
                    input: ["approved_subsidy": .string(Fen(requested + 1).plainYuanText), "approval_opinion": .string("多批")]),
                actor: district)
            guard case .refused(.guardFailed(_, let message)) = tooMuch else {
                Issue.record("more than requested was approved: \(tooMuch)")
                return
            }
            #expect(message.zh.contains("超过企业申请的"))
            let lowered = Fen(before.approvedSubsidy.value / 2)
            try await setting.decide(
                project.id, "approve_plan",
                ["approved_subsidy": .string(lowered.plainYuanText), "approval_opinion": .string("按核减后的预算批准")], as: district)
            let after = try #require(try await setting.funds.settled(setting.programme.id).projects[project.id])
            #expect(after.approvedSubsidy == lowered)
            #expect(after.tranches.reduce(Fen.zero) { $0 + $1.amount } == lowered)
            #expect(after.tranches.allSatisfy { $0.status == .planned })
            let check = try await LedgerCheck(services: setting.services).run()
            #expect(check.findings.isEmpty, "\(check.findings)")
        }
    }

    @Test("withdrawn and rejected projects leave 'planned': their unpaid tranches are cancelled")
    func closedUnpaid() async throws {
        try await with(.sqlite) { setting in
            let district = try await setting.actor("district")
            let projects = try await setting.services.store.instances.instances(
                programmeId: setting.programme.id, state: "publicity")
            #expect(projects.count >= 2)
            let (withdrawn, rejected) = (projects[0], projects[1])
            let enterprise = try await setting.services.store.accounts.users(programmeId: setting.programme.id).first {
                $0.organisationId == withdrawn.subjectOrganisationId
            }
            try await setting.decide(
                withdrawn.id, "withdraw", ["withdraw_reason": .string("经营调整")], as: try #require(enterprise).actor)
            try await setting.decide(
                rejected.id, "file_objection",
                ["objector_name": .string("李四"), "objector_contact": .string("022-1234"), "objection": .string("资质不符")],
                as: .publicMember(programmeId: setting.programme.id))
            try await setting.decide(rejected.id, "uphold_objection", ["objection_resolution": .string("查实")], as: district)
            try await setting.decide(rejected.id, "reject_plan", ["reject_reason": .string("资质不符")], as: district)
            let book = try await setting.funds.settled(setting.programme.id)
            for id in [withdrawn.id, rejected.id] {
                let entry = try #require(book.projects[id])
                #expect(entry.hold == .cancelled)
                #expect(entry.tranches.allSatisfy { $0.status == .cancelled })
            }
            #expect(try await LedgerCheck(services: setting.services).run().findings.isEmpty)
        }
    }

    @Test(
        "a project terminated or held by the workflow cannot be paid, even before anything caught up",
        arguments: TestStores.backends)
    func decisionBeforePayment(backend: BackendKind) async throws {
        try await with(backend) { setting in
            let district = try await setting.actor("district")
            let finance = try await setting.actor("finance")
            let book = try await setting.funds.settled(setting.programme.id)
            let due = book.projects.values.filter { $0.hold == .notHeld }.flatMap(\.tranches).filter {
                $0.status == .due && book.openRelease(containing: $0.id) == nil
            }.map(\.id).sorted()
            // Due tranches of projects still open (the demo pays most; a few wait in the queue).
            var payable: [TrancheID] = []
            for id in due {
                if let instance = try await setting.services.store.instances.instance(id.project),
                    !Self.ended.contains(instance.state)
                {
                    payable.append(id)
                }
            }
            #expect(payable.count >= 1)
            let terminated = try #require(payable.first)
            // The engine alone: the decision's transaction is all that ran.
            try await setting.decide(
                terminated.project, "terminate",
                ["termination_reason": .string("骗取补助"), "funds_to_recover": .string("0")], as: district)
            let officer = setting.funds.officer(finance)
            let now = setting.services.store.clock.now()
            let refused = try await setting.funds.change(setting.programme.id, "prepare_release", "test", by: finance) {
                book throws(FundsRefusal) in try book.prepareRelease([terminated], preparer: officer, at: now)
            }
            guard case .failure(.trancheCancelled(let id)) = refused else {
                Issue.record("a terminated project's tranche was put forward for payment: \(refused)")
                return
            }
            #expect(id == terminated)
            let after = try #require(try await setting.services.store.funds.fundsBook(programmeId: setting.programme.id))
            #expect(after.projects[terminated.project]?.hold == .terminated)
            #expect(after.releases.count == book.releases.count)
        }
    }

    static let ended: Set<String> = ["accepted", "rejected", "withdrawn", "terminated", "midterm_failed", "acceptance_failed"]

    @Test(
        "a paid tranche reaches its project under the approver's name although a routine decision came between",
        arguments: TestStores.backends)
    func paymentRecordedDespiteRace(backend: BackendKind) async throws {
        try await with(backend) { setting in
            let finance = try await setting.actor("finance")
            let finance2 = try await setting.actor("finance2")
            // A project whose task book is signed and filed now: its first tranche falls due and it
            // is in implementation (the demo's own queue of due tranches is in states by chance).
            let signed = try await setting.project(in: "task_book_signing")
            let enterprise = try #require(
                try await setting.services.store.accounts.users(programmeId: setting.programme.id).first {
                    $0.organisationId == signed.subjectOrganisationId
                })
            for party in [try await setting.actor("district"), try await setting.actor("provider"), enterprise.actor] {
                _ = try await setting.services.workflows.execute(
                    Command(
                        instanceId: signed.id, transitionId: "sign_task_book",
                        input: ["signatory": .string(party.displayName), "signed_on": .string("2024-06-28")]), actor: party)
            }
            try await setting.decide(
                signed.id, "file_task_book", ["task_book_no": .string("BH-2024-T001"), "effective_on": .string("2024-07-01")],
                as: try await setting.actor("district"))
            let book = try await setting.funds.settled(setting.programme.id)
            let tranche = TrancheID(project: signed.id, number: 1)
            #expect(book.tranche(tranche)?.status == .due)
            let now = setting.services.store.clock.now()
            _ = try await setting.funds.change(setting.programme.id, "prepare_release", "test", by: finance) {
                book throws(FundsRefusal) in try book.prepareRelease([tranche], preparer: setting.funds.officer(finance), at: now)
            }
            let number = try #require(
                try await setting.services.store.funds.fundsBook(programmeId: setting.programme.id)?.releases.last?.number)
            // The payment commits, and the process dies before recording it on the project: the
            // store's change alone, without the service's drain.
            let approver = setting.funds.officer(finance2)
            let paid = try await setting.services.store.funds.changeFunds(
                programmeId: setting.programme.id, action: "approve_release", detail: "#\(number)",
                actor: ChangeActor(userId: finance2.userId, name: finance2.displayName),
                reader: try await setting.funds.reader(setting.programme.id)
            ) { book throws(FundsRefusal) in try book.approveRelease(number, approver: approver, at: now) }
            guard case .success = paid else {
                Issue.record("approval refused: \(paid)")
                return
            }
            #expect(try await setting.services.store.funds.releaseRecordJobs().count == 1)
            // A routine decision on the project meanwhile (the old follow-up lost the record on it).
            let instance = try #require(try await setting.services.store.instances.instance(tranche.project))
            let contractor = try await setting.services.store.accounts.users(programmeId: setting.programme.id).first {
                $0.grants.contains { $0.role == .mainContractor && $0.scope == .subIndustry(instance.subIndustryId ?? "") }
            }
            try await setting.decide(
                tranche.project, "report_milestone",
                [
                    "milestone": .string("系统上线"), "progress_percent": .int(60), "reported_on": .string("2024-11-01"),
                    "progress_note": .string("按计划推进"),
                ], as: try #require(contractor).actor)
            // The drain (any process, any time later) records it, once, as the approver.
            #expect(try await setting.funds.recordReleases() == 1)
            #expect(try await setting.funds.recordReleases() == 0)
            let records = try await setting.services.store.instances.history(tranche.project).filter {
                $0.transitionId == "record_release"
            }
            .filter { JSONValue.parseObject($0.inputJSON)["release_no"]?.intValue == Int64(number) }
            #expect(records.count == 1)
            #expect(records.first?.actorUserId == finance2.userId)
            #expect(try await setting.services.store.funds.releaseRecordJobs().isEmpty)
            #expect(try await LedgerCheck(services: setting.services).run().findings.isEmpty)
        }
    }

    @Test("ledger check compares each project's book entry with the project and names each difference")
    func ledgerCheckComparesProjects() async throws {
        try await with(.sqlite) { setting in
            let book = try await setting.funds.settled(setting.programme.id)
            #expect(try await LedgerCheck(services: setting.services).run().findings.isEmpty)
            let paid = try #require(book.projects.values.filter { $0.tranches.contains(where: \.isPaid) }.map(\.id).min())
            // Someone changes the project's approved subsidy behind the book's back.
            try await setting.services.store.backend.transaction { database in
                try await database.raw(
                    "UPDATE project_facts SET approved_subsidy = approved_subsidy + 100 WHERE instance_id = \(bind: paid)"
                )
                .run()
            }
            let findings = try await LedgerCheck(services: setting.services).run().findings
            #expect(findings.contains { $0.message.zh.contains("项目 \(paid) 账上核定补助") }, "\(findings)")
        }
    }
}
