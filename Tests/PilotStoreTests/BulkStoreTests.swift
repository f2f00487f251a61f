import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// Bulk jobs in the store (issue #17), on both backends: a migration's dry run and run on a mixed
/// population (some incompatible, skipped with the reason), a run killed after one chunk and
/// finished by a second runner once the lease ran out (nothing done twice), a revert that spares
/// an instance changed since, a cancellation through the workflow's own transition, a
/// reassignment, and bad input that writes nothing. Every history stays verifiable.
@Suite("Bulk jobs: migrate, resume, revert, cancel, reassign")
struct BulkStoreTests {
    /// Version 1: the small workflow plus a `terminate` (a bulk cancellation takes it).
    static func versionOne() throws -> WorkflowDefinition {
        var definition = try TestWorkflows.small()
        definition.transitions.append(
            TransitionDefinition(
                id: "terminate", label: LocalizedText(zh: "终止", en: "Terminate"),
                from: ["draft", "submitted", "publicity", "signing"], to: "rejected", roles: [.districtOfficial],
                effects: ["record_input"],
                input: [
                    InputField(
                        name: "termination_reason", kind: .longtext, label: LocalizedText(zh: "理由", en: "Reason"), required: true)
                ]))
        return definition
    }

    /// Version 2 renames `submitted` to `reviewing` and makes approval ask for a risk rating: an
    /// instance approved under version 1 lacks it and cannot move.
    static func versionTwo() throws -> WorkflowDefinition {
        var definition = try versionOne()
        definition.version = 2
        func renamed(_ state: String) -> String { state == "submitted" ? "reviewing" : state }
        definition.states = definition.states.map { state in
            var state = state
            state.id = renamed(state.id)
            return state
        }
        definition.transitions = definition.transitions.map { transition in
            var transition = transition
            transition.from = transition.from.map(renamed)
            transition.to = renamed(transition.to)
            if transition.id == "approve" {
                transition.input.append(
                    InputField(name: "risk_rating", kind: .text, label: LocalizedText(zh: "风险评级", en: "Risk"), required: true))
            }
            return transition
        }
        return definition
    }

    struct World {
        var service: WorkflowService
        var people: TestProgramme
        var clock: ManualClock
        var drafts: [String]
        var submitted: [String]
        var approved: [String]
        var store: PilotStore { service.store }
        var office: ChangeActor { ChangeActor(userId: people.district.userId, name: people.district.displayName) }
        var filter: BulkFilter { BulkFilter(definitionId: "small-plan") }
        var all: [String] { drafts + submitted + approved }
    }

    /// 4 drafts, 3 submitted and 2 approved instances, all on version 1.
    func world(_ backend: BackendKind, rules: [String: JSONValue] = ["publicity_days": 7]) async throws -> World {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        let store = try await TestStores.make(backend, clock: clock)
        let one = try Self.versionOne()
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([one, try Self.versionTwo()]))
        let people = try await TestProgramme.make(in: store, rules: rules)
        var ids: [String] = []
        for _ in 0..<9 {
            let instance = try await store.instances.createInstance(
                NewInstance(
                    programmeId: people.programme.id, definition: one, subjectOrganisationId: people.enterprise.id,
                    subIndustryId: people.subIndustry.id, divisionCode: people.zone),
                actor: people.district)
            ids.append(instance.id)
        }
        ids.sort()
        for id in ids[4...] {
            let outcome = try await service.execute(
                Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan), actor: people.contractor)
            guard case .applied = outcome else { throw BulkRefusal(zh: "", en: "submit refused: \(outcome)") }
        }
        for id in ids[7...] {
            let outcome = try await service.execute(
                Command(instanceId: id, transitionId: "approve", input: ["opinion": .string("同意")]), actor: people.district)
            guard case .applied = outcome else { throw BulkRefusal(zh: "", en: "approve refused: \(outcome)") }
        }
        return World(
            service: service, people: people, clock: clock, drafts: Array(ids[0..<4]), submitted: Array(ids[4..<7]),
            approved: Array(ids[7...]))
    }

    func migration(_ world: World) async throws -> BulkJob {
        try await world.store.bulk.createJob(
            programmeId: world.people.programme.id, operation: .migrate,
            parameters: BulkParameters(filter: world.filter, targetVersion: 2, stateMap: ["submitted": "reviewing"]),
            by: world.office, catalog: world.service.catalog)
    }

    func make(
        _ world: World, _ operation: BulkOperation, _ parameters: BulkParameters, by actor: ChangeActor? = nil
    ) async throws -> BulkJob {
        try await world.store.bulk.createJob(
            programmeId: world.people.programme.id, operation: operation, parameters: parameters, by: actor ?? world.office,
            catalog: world.service.catalog)
    }

    /// The dry run, the start and the run to the end: what a person does on the job's page.
    func dryRunAndRun(_ runner: BulkRunner, _ job: BulkJob, _ programme: String) async throws -> BulkJob {
        try await runner.dryRun(jobId: job.id, programmeId: programme)
        try await runner.start(jobId: job.id, programmeId: programme)
        return try #require(try await runner.run(jobId: job.id, programmeId: programme))
    }

    func historyCount(_ store: PilotStore, _ id: String, transition: String) async throws -> Int {
        try await store.instances.history(id).filter { $0.transitionId == transition }.count
    }

    @Test("dry run then run on a mixed population; revert spares an instance changed since", arguments: TestStores.backends)
    func migrateAndRevert(backend: BackendKind) async throws {
        let world = try await world(backend)
        defer { Task { await world.store.shutdown() } }
        let programme = world.people.programme.id
        let runner = BulkRunner(service: world.service)
        let job = try await migration(world)
        #expect(job.total == 9 && job.status == .queued)
        // The run waits for the dry run.
        await #expect(throws: BulkRefusal.self) { try await runner.start(jobId: job.id, programmeId: programme) }

        let planned = try await runner.dryRun(jobId: job.id, programmeId: programme)
        #expect(planned.status == .dryRunDone)
        let counts = try await world.store.bulk.planCounts(jobId: job.id)
        #expect(counts.canMove == 7 && counts.cannotMove == 2)
        let items = try await world.store.bulk.items(jobId: job.id)
        let approvedPlans = items.filter { world.approved.contains($0.instanceId) }
        #expect(approvedPlans.allSatisfy { $0.plan == .cannotMove && ($0.reason ?? "").contains("approve.risk_rating") })
        let submittedPlans = items.filter { world.submitted.contains($0.instanceId) }
        #expect(submittedPlans.allSatisfy { $0.plan == .canMove && ($0.changes ?? "").contains("submitted → reviewing") })
        // The dry run wrote nothing to the instances.
        for id in world.all { #expect(try await world.store.instances.instance(id)?.definitionVersion == 1) }

        try await runner.start(jobId: job.id, programmeId: programme)
        let finished = try #require(try await runner.run(jobId: job.id, programmeId: programme))
        #expect(finished.status == .done)
        #expect((finished.moved, finished.skipped, finished.failed) == (7, 2, 0))
        for id in world.drafts + world.submitted {
            let instance = try #require(try await world.store.instances.instance(id))
            #expect(instance.definitionVersion == 2)
            #expect(try await historyCount(world.store, id, transition: BulkStep.migrate) == 1)
        }
        #expect(try await world.store.instances.instance(world.submitted[0])?.state == "reviewing")
        for id in world.approved {
            let instance = try #require(try await world.store.instances.instance(id))
            #expect(instance.definitionVersion == 1 && instance.state == "publicity")
        }
        let skipped = try await world.store.bulk.items(jobId: job.id, result: .skipped)
        #expect(Set(skipped.map(\.instanceId)) == Set(world.approved))
        // A moved instance goes on under version 2.
        let onward = try await world.service.execute(
            Command(
                instanceId: world.submitted[0], transitionId: "approve",
                input: ["opinion": .string("同意"), "risk_rating": .string("低")]),
            actor: world.people.district)
        guard case .applied(let result) = onward else {
            Issue.record("expected applied, got \(onward)")
            return
        }
        #expect(result.toState == "publicity")
        #expect(try await world.service.verifyAudit().findings == [])

        // Revert: every moved instance but the one that moved on goes back to version 1.
        let revert = try await world.store.bulk.createRevert(of: job.id, programmeId: programme, by: world.office)
        #expect(revert.total == 7)
        let reverted = try await dryRunAndRun(runner, revert, programme)
        #expect((reverted.moved, reverted.skipped) == (6, 1))
        #expect(try await world.store.bulk.job(job.id, programmeId: programme)?.status == .reverted)
        let back = try #require(try await world.store.instances.instance(world.submitted[1]))
        #expect(back.definitionVersion == 1 && back.state == "submitted")
        let kept = try #require(try await world.store.instances.instance(world.submitted[0]))
        #expect(kept.definitionVersion == 2 && kept.state == "publicity")
        #expect(try await historyCount(world.store, world.submitted[1], transition: BulkStep.migrate) == 2)
        #expect(try await world.service.verifyAudit().findings == [])
        // The state counters follow: nothing is left counted under the renamed state.
        let states = try await world.store.instances.stateCounts(programmeId: programme)
        #expect(states["reviewing"] == nil && states["submitted"] == 2 && states["publicity"] == 3)
    }

    @Test("a run killed after one chunk is finished by another runner once its lease runs out", arguments: TestStores.backends)
    func resumeAfterKill(backend: BackendKind) async throws {
        let world = try await world(backend)
        defer { Task { await world.store.shutdown() } }
        let programme = world.people.programme.id
        let first = BulkRunner(service: world.service, owner: "first", leaseSeconds: 60, chunkSize: 3)
        let job = try await migration(world)
        try await first.dryRun(jobId: job.id, programmeId: programme)
        try await first.start(jobId: job.id, programmeId: programme)
        let partway = try #require(try await first.run(jobId: job.id, programmeId: programme, chunkLimit: 1))
        #expect(partway.status == .running && partway.finished == 3)
        // The first runner is gone (kill -9): its lease still holds, so a second waits…
        let second = BulkRunner(service: world.service, owner: "second", leaseSeconds: 60, chunkSize: 3)
        #expect(try await second.run(jobId: job.id, programmeId: programme) == nil)
        #expect(try await second.runAvailable() == 0)
        // …until the lease runs out; then it finishes the job without redoing an item.
        world.clock.advance(by: 61)
        #expect(try await second.runAvailable() == 6)
        let done = try #require(try await world.store.bulk.job(job.id, programmeId: programme))
        #expect(done.status == .done && (done.moved, done.skipped, done.failed) == (7, 2, 0))
        for id in world.drafts + world.submitted {
            #expect(try await historyCount(world.store, id, transition: BulkStep.migrate) == 1)
        }
        #expect(try await world.store.bulk.items(jobId: job.id, result: .pending).isEmpty)
        #expect(try await world.service.verifyAudit().findings == [])
    }

    @Test("cancel takes the workflow's terminate with the reason; reassign moves a person's part", arguments: TestStores.backends)
    func cancelAndReassign(backend: BackendKind) async throws {
        let world = try await world(backend)
        defer { Task { await world.store.shutdown() } }
        let programme = world.people.programme.id
        let runner = BulkRunner(service: world.service)
        var cancelFilter = world.filter
        cancelFilter.states = ["draft"]
        let cancel = try await make(
            world, .cancel, BulkParameters(filter: cancelFilter, reason: "企业注销", actorRoles: [.districtOfficial]))
        #expect(cancel.total == 4)
        let cancelled = try await dryRunAndRun(runner, cancel, programme)
        #expect(cancelled.moved == 4)
        for id in world.drafts {
            let instance = try #require(try await world.store.instances.instance(id))
            #expect(instance.state == "rejected" && instance.data["termination_reason"] == .string("企业注销"))
            #expect(try await historyCount(world.store, id, transition: "terminate") == 1)
        }
        // A maker without the transition's role: the dry run says so, and every item is skipped with it.
        var submittedFilter = world.filter
        submittedFilter.states = ["submitted"]
        let refused = try await make(
            world, .cancel, BulkParameters(filter: submittedFilter, reason: "测试", actorRoles: [.admin]),
            by: ChangeActor(userId: "u_admin", name: "管理员"))
        let none = try await dryRunAndRun(runner, refused, programme)
        #expect((none.moved, none.skipped) == (0, 3))
        let refusals = try await world.store.bulk.items(jobId: refused.id)
        #expect(
            refusals.allSatisfy { $0.plan == .cannotMove && ($0.reason ?? "").contains("Your role may not take this action") })
        for id in world.submitted { #expect(try await world.store.instances.instance(id)?.state == "submitted") }

        // Reassign: the district official who approved hands that part to a colleague.
        let reassign = try await make(
            world, .reassign,
            BulkParameters(filter: world.filter, reason: "调岗", fromUserId: "u_district", toUserId: "u_district2"))
        let moved = try await dryRunAndRun(runner, reassign, programme)
        // The approved two (approve) and the four cancelled (terminate) had the official's part.
        #expect(moved.moved == 6 && moved.skipped == 3)
        let approved = try #require(try await world.store.instances.instance(world.approved[0]))
        #expect(approved.participants["approve"]?.map(\.userId) == ["u_district2"])
        #expect(try await historyCount(world.store, world.approved[0], transition: BulkStep.reassign) == 1)
        #expect(try await world.service.verifyAudit().findings == [])
    }

    @Test(
        "retry re-arms a dead timer; restart sends a project back to a named step keeping its data",
        arguments: TestStores.backends)
    func retryAndRestart(backend: BackendKind) async throws {
        let world = try await world(backend)
        defer { Task { await world.store.shutdown() } }
        let programme = world.people.programme.id
        let runner = BulkRunner(service: world.service)
        let (failing, other) = (world.approved[0], world.approved[1])
        // The publicity timer of one approved project failed for good.
        try await world.store.backend.transaction { database in
            try await database.raw(
                """
                UPDATE timers SET status = 'dead', attempts = 5, last_error = 'boom', dead_at = 1
                WHERE instance_id = \(bind: failing) AND status = 'pending'
                """
            ).run()
        }
        var approvedFilter = world.filter
        approvedFilter.instanceIds = world.approved
        let retry = try await make(world, .retry, BulkParameters(filter: approvedFilter, reason: "网络恢复"))
        // The dry run counts what failed: the one with a dead timer can move, the other has nothing to retry.
        try await runner.dryRun(jobId: retry.id, programmeId: programme)
        let planned = try await world.store.bulk.items(jobId: retry.id)
        let failingPlan = try #require(planned.first { $0.instanceId == failing })
        #expect(failingPlan.plan == .canMove && failingPlan.changes?.contains("1 dead timer(s) → pending") == true)
        #expect(planned.first { $0.instanceId == other }?.plan == .cannotMove)
        let retried = try await dryRunAndRun(runner, retry, programme)
        #expect((retried.moved, retried.skipped) == (1, 1))
        let skipped = try await world.store.bulk.items(jobId: retry.id).first { $0.instanceId == other }
        #expect(skipped?.reason?.contains("nothing failed") == true)
        let timer = try await world.store.backend.read { database in
            try await database.raw(
                "SELECT status, attempts, last_error FROM timers WHERE instance_id = \(bind: failing) AND timer_id = 'publicity_ends'"
            ).first()
        }
        #expect(try timer?.decode(column: "status", as: String.self) == "pending")
        #expect(try timer?.decode(column: "attempts", as: Int.self) == 0)
        #expect(try timer?.decode(column: "last_error", as: String?.self) == .some(nil))
        #expect(try await historyCount(world.store, failing, transition: BulkStep.retry) == 1)

        // Restart: no reason, or a state the workflow lacks, is refused with nothing written.
        var one = world.filter
        one.instanceIds = [other]
        for parameters in [
            BulkParameters(filter: one, restartState: "submitted"),
            BulkParameters(filter: one, reason: "误批", restartState: "nowhere"),
        ] {
            await #expect(throws: BulkRefusal.self) { try await make(world, .restart, parameters) }
        }
        let before = try #require(try await world.store.instances.instance(other))
        let restart = try await make(world, .restart, BulkParameters(filter: one, reason: "误批，退回重审", restartState: "submitted"))
        #expect(try await dryRunAndRun(runner, restart, programme).moved == 1)
        let back = try #require(try await world.store.instances.instance(other))
        #expect(back.state == "submitted" && back.data["summary"] == before.data["summary"])
        #expect(back.version == before.version + 1 && back.definitionVersion == before.definitionVersion)
        #expect(try await historyCount(world.store, other, transition: BulkStep.restart) == 1)
        // The workflow goes on from there: the plan is approved again.
        let again = try await world.service.execute(
            Command(instanceId: other, transitionId: "approve", input: ["opinion": .string("复核同意")]), actor: world.people.district
        )
        guard case .applied = again else { throw BulkRefusal(zh: "", en: "approve refused: \(again)") }
        #expect(try await world.service.verifyAudit().findings == [])
    }

    @Test(
        "a state entered by restart starts its timers with the programme's days, not the workflow's default",
        arguments: TestStores.backends)
    func restartTimersFollowProgrammeRules(backend: BackendKind) async throws {
        // This programme's publicity lasts 12 days; the workflow's default is 7.
        let world = try await world(backend, rules: ["publicity_days": 12])
        defer { Task { await world.store.shutdown() } }
        let (id, definition) = (world.submitted[0], try Self.versionOne())
        #expect(definition.timers(enteringState: "publicity").first?.days == 7)
        var one = world.filter
        one.instanceIds = [id]
        let restart = try await make(world, .restart, BulkParameters(filter: one, reason: "材料补正后重新公示", restartState: "publicity"))
        #expect(try await dryRunAndRun(BulkRunner(service: world.service), restart, world.people.programme.id).moved == 1)
        let due = try await world.store.backend.read { database in
            try await database.raw(
                "SELECT due_at FROM timers WHERE instance_id = \(bind: id) AND timer_id = 'publicity_ends' AND status = 'pending'"
            ).first()?.decode(column: "due_at", as: Int64.self)
        }
        let now = world.clock.now()
        let expected = world.service.engine.startTimers(entering: "publicity", definition, now, RuleBook(["publicity_days": 12]))
        let fallback = world.service.engine.startTimers(entering: "publicity", definition, now, RuleBook())
        #expect(due == expected.first?.dueAt.millis)
        #expect(expected.first?.dueAt != fallback.first?.dueAt)
        // The history row records the rule the timer read, like a decision's.
        let rules = try await world.store.backend.read { database in
            try await database.raw(
                "SELECT rule_values FROM workflow_history WHERE instance_id = \(bind: id) AND transition_id = \(bind: BulkStep.restart)"
            ).first()?.decode(column: "rule_values", as: String.self)
        }
        #expect(rules.map(JSONValue.parseObject) == ["publicity_days": .int(12)])
        #expect(try await world.service.verifyAudit().findings == [])
    }

    @Test("bad input — unknown version, bad state map, bad CSV, no reason — writes nothing", arguments: TestStores.backends)
    func badInputWritesNothing(backend: BackendKind) async throws {
        let world = try await world(backend)
        defer { Task { await world.store.shutdown() } }
        let programme = world.people.programme.id
        let bulk = world.store.bulk
        let catalog = world.service.catalog
        func refusal(_ parameters: BulkParameters, _ operation: BulkOperation = .migrate) async -> BulkRefusal? {
            do {
                _ = try await bulk.createJob(
                    programmeId: programme, operation: operation, parameters: parameters, by: world.office, catalog: catalog)
                return nil
            } catch let refusal as BulkRefusal {
                return refusal
            } catch {
                return BulkRefusal(zh: "", en: "unexpected \(error)")
            }
        }
        let unknownVersion = await refusal(BulkParameters(filter: world.filter, targetVersion: 7))
        #expect(unknownVersion?.message.en.contains("Target version 7 does not exist") == true)
        #expect(unknownVersion?.message.zh.contains("目标版本 7 不存在") == true)
        let badTarget = await refusal(BulkParameters(filter: world.filter, targetVersion: 2, stateMap: ["submitted": "nowhere"]))
        #expect(badTarget?.message.en.contains("'nowhere' is not a state of version 2") == true)
        let badSource = await refusal(BulkParameters(filter: world.filter, targetVersion: 2, stateMap: ["ghost": "reviewing"]))
        #expect(badSource?.message.en.contains("'ghost' is not a state") == true)
        let noReason = await refusal(BulkParameters(filter: world.filter, reason: "  "), .cancel)
        #expect(noReason?.message.en.contains("needs a reason") == true)
        let csv = "instance_id\n\(world.drafts[0])\nprj_nosuch\n\(world.drafts[0])\nbad id!\n"
        do {
            _ = try await bulk.instanceIds(fromCSV: csv, programmeId: programme)
            Issue.record("a bad CSV was accepted")
        } catch let refusal as BulkRefusal {
            #expect(refusal.message.en.contains("line 3: no instance 'prj_nosuch'"))
            #expect(refusal.message.en.contains("line 4: '\(world.drafts[0])' is listed twice"))
            #expect(refusal.message.en.contains("line 5: 'bad id!' is not an instance id"))
        }
        let good = try await bulk.instanceIds(fromCSV: "id\n\(world.drafts[1])\n\(world.drafts[0])\n", programmeId: programme)
        #expect(good == [world.drafts[1], world.drafts[0]])
        #expect(try await bulk.jobs(programmeId: programme).isEmpty)
        for id in world.all { #expect(try await world.store.instances.instance(id)?.definitionVersion == 1) }
        // A CSV selection is a job over exactly those instances.
        var listed = world.filter
        listed.instanceIds = good
        let job = try await bulk.createJob(
            programmeId: programme, operation: .migrate, parameters: BulkParameters(filter: listed, targetVersion: 2),
            by: world.office,
            catalog: catalog)
        #expect(job.total == 2)
    }
}
