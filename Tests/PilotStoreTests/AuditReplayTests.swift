import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

/// `smepilot audit verify` holds each instance to its history (replayed with the pinned workflow)
/// and, with `SMEPILOT_AUDIT_KEY`, each history row to its MAC (issue #11, defect 11).
@Suite("Audit replays history and checks the keyed chain")
struct AuditReplayTests {
    static let key = AuditKey("an audit key of at least thirty-two bytes")!

    /// A small-plan instance taken to `done`: filed, approved, publicity closed and signed by the
    /// three parties (the last signature routes it on), so the replay runs inputs, roles and routes.
    static func finishedInstance(_ service: WorkflowService, _ people: TestProgramme) async throws -> String {
        let instance = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: nil, data: ["origin": "test"], event: nil, actor: people.district)
        try await service.drive(instance.id, to: "signing", people: people)
        for signer in [people.district, people.provider, people.enterpriseUser] {
            let outcome = try await service.execute(
                Command(instanceId: instance.id, transitionId: "sign"), actor: signer)
            guard case .applied = outcome else { throw Failure("sign refused: \(outcome)") }
        }
        #expect(try await service.store.instances.instance(instance.id)?.state == "done")
        return instance.id
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func setUp(
        _ backend: BackendKind, key: AuditKey? = nil
    ) async throws -> (WorkflowService, TestProgramme) {
        let store = try await TestStores.make(backend, auditKey: key)
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        return (service, try await TestProgramme.make(in: store))
    }

    @Test("a tampered instance state is reported though the hash chain is intact", arguments: TestStores.backends)
    func tamperedState(backend: BackendKind) async throws {
        let (service, people) = try await Self.setUp(backend)
        defer { Task { await service.store.shutdown() } }
        let id = try await Self.finishedInstance(service, people)
        let clean = try await service.verifyAudit()
        #expect(clean.findings.isEmpty)
        #expect(clean.instancesReplayed == 1)
        #expect(!clean.keyedCheckRan)

        try await service.store.backend.transaction { database in
            try await database.raw("UPDATE workflow_instances SET state = 'rejected' WHERE id = \(bind: id)").run()
        }
        let report = try await service.verifyAudit()
        #expect(!report.findings.contains { $0.kind == .chain })
        #expect(report.findings.contains { $0.instanceId == id && $0.kind == .state && $0.problem.contains("field state") })
    }

    @Test("a tampered version and tampered data are reported, naming the field", arguments: TestStores.backends)
    func tamperedData(backend: BackendKind) async throws {
        let (service, people) = try await Self.setUp(backend)
        defer { Task { await service.store.shutdown() } }
        let id = try await Self.finishedInstance(service, people)
        let other = try await Self.finishedInstance(service, people)
        var data = try #require(try await service.store.instances.instance(id)).data
        data["requested_subsidy"] = .int(99_000_000)
        let forged = JSONValue.canonicalText(data)
        try await service.store.backend.transaction { database in
            try await database.raw("UPDATE workflow_instances SET data = \(bind: forged) WHERE id = \(bind: id)").run()
            try await database.raw("UPDATE workflow_instances SET participants = '{}' WHERE id = \(bind: other)").run()
        }

        let report = try await service.verifyAudit()
        #expect(!report.findings.contains { $0.kind == .chain })
        #expect(
            report.findings.contains {
                $0.instanceId == id && $0.kind == .state && $0.problem.contains("data field 'requested_subsidy'")
            })
        #expect(report.findings.filter { $0.instanceId == id }.count == 1)
        #expect(report.findings.contains { $0.instanceId == other && $0.problem.contains("participants of 'sign'") })
    }

    @Test(
        "a history row rewritten with its hashes recomputed passes the chain but not the keyed check",
        arguments: TestStores.backends)
    func rewrittenHistory(backend: BackendKind) async throws {
        let (service, people) = try await Self.setUp(backend, key: Self.key)
        defer { Task { await service.store.shutdown() } }
        let rewritten = try await Self.finishedInstance(service, people)
        let stripped = try await Self.finishedInstance(service, people)
        let clean = try await service.verifyAudit()
        #expect(clean.findings.isEmpty)
        #expect(clean.keyedCheckRan && clean.rowsKeyed == clean.rowsChecked)

        // What someone with write access to the database does: change a row and recompute every
        // hash from it on, and the instance's pointer. On the second instance they drop the MACs too.
        try await Self.rewrite(rewritten, in: service.store, macs: .keep, edit: Self.changeFiler)
        try await Self.rewrite(stripped, in: service.store, macs: .drop, edit: Self.changeFiler)

        let report = try await service.verifyAudit()
        #expect(!report.findings.contains { $0.kind == .chain })
        #expect(!report.findings.contains { $0.kind == .state })
        #expect(
            report.findings.contains {
                $0.instanceId == rewritten && $0.seq == 2 && $0.kind == .mac && $0.problem.contains("wrong")
            }
        )
        #expect(
            report.findings.contains {
                $0.instanceId == stripped && $0.seq == 2 && $0.kind == .mac && $0.problem.contains("no MAC")
            })
    }

    @Test(
        "an anchor file catches a deleted instance and history rewritten by someone holding the key",
        arguments: TestStores.backends)
    func anchorCatchesKeyHolder(backend: BackendKind) async throws {
        let (service, people) = try await Self.setUp(backend, key: Self.key)
        defer { Task { await service.store.shutdown() } }
        let (kept, deleted, rewritten) = (
            try await Self.finishedInstance(service, people), try await Self.finishedInstance(service, people),
            try await Self.finishedInstance(service, people)
        )
        let text = try await service.store.audit.auditAnchor().text(sealedWith: Self.key)
        let anchor = try AuditAnchor.parse(text, key: Self.key)
        #expect(anchor.heads.count == 3)
        #expect(try await service.store.audit.checkAnchor(anchor).isEmpty)
        #expect(throws: AuditAnchor.Problem.wrongMAC) {
            try AuditAnchor.parse(text.replacingOccurrences(of: kept, with: "prj_forged"), key: Self.key)
        }

        try await Self.rewrite(rewritten, in: service.store, macs: .forge(Self.key), edit: Self.changeFiler)
        try await service.store.backend.transaction { database in
            for table in ["instance_scopes", "timers", "workflow_history", "project_facts", "outbox"] {
                try await database.raw("DELETE FROM \(unsafeRaw: table) WHERE instance_id = \(bind: deleted)").run()
            }
            try await database.raw("DELETE FROM workflow_instances WHERE id = \(bind: deleted)").run()
        }
        // The key holder's rewrite passes every check inside the database …
        #expect(try await service.verifyAudit().findings.isEmpty)
        // … but not the anchor kept outside it.
        let findings = try await service.store.audit.checkAnchor(anchor)
        #expect(Set(findings.map(\.instanceId)) == [deleted, rewritten])
        #expect(findings.contains { $0.instanceId == deleted && $0.problem.contains("deleted") })
        #expect(findings.contains { $0.instanceId == rewritten && $0.problem.contains("rewritten") })
        #expect(!findings.contains { $0.instanceId == kept })
    }

    @Test(
        "rows from before migration 19 (no context, no MAC) verify as before; the replay stops where they lack context",
        arguments: TestStores.backends)
    func rowsBeforeContext(backend: BackendKind) async throws {
        let (service, people) = try await Self.setUp(backend)
        defer { Task { await service.store.shutdown() } }
        let id = try await Self.finishedInstance(service, people)
        // As rows were written before migration 19: no context, hashed without it.
        try await Self.rewrite(id, in: service.store, macs: .drop) { $0.contextJSON = nil }

        let report = try await service.verifyAudit()
        #expect(report.findings.isEmpty)
        #expect(report.instancesReplayed == 0)
        #expect(report.replayGaps.keys.contains { $0.contains("record_signature") })

        try await service.store.backend.transaction { database in
            try await database.raw("UPDATE workflow_instances SET version = 6 WHERE id = \(bind: id)").run()
        }
        let tampered = try await service.verifyAudit()
        #expect(tampered.findings.contains { $0.instanceId == id && $0.problem.contains("version 6") })
    }

    /// The attacker's edit: who filed the plan (row 2).
    static func changeFiler(_ record: inout HistoryRecord) {
        if record.seq == 2 { record.actorName = "someone else" }
    }

    enum MACs {
        case keep, drop
        case forge(AuditKey)
    }

    /// Edits an instance's rows and recomputes the chain, as an attacker would: without the key
    /// they keep the old MACs or drop them; holding it, they forge new ones.
    static func rewrite(
        _ id: String, in store: PilotStore, macs: MACs, edit: (inout HistoryRecord) -> Void
    ) async throws {
        var previous = ""
        for var record in try await store.instances.history(id) {
            edit(&record)
            record.prevHash = previous
            let hash = record.computedHash
            previous = hash
            let mac: String? =
                switch macs {
                case .keep: record.mac
                case .drop: record.seq >= 2 ? nil : record.mac
                case .forge(let key): key.mac(of: hash)
                }
            let row = record
            try await store.backend.transaction { database in
                try await database.raw(
                    """
                    UPDATE workflow_history SET actor_name = \(bind: row.actorName), context = \(bind: row.contextJSON),
                    prev_hash = \(bind: row.prevHash), hash = \(bind: hash), mac = \(bind: mac)
                    WHERE instance_id = \(bind: id) AND seq = \(bind: row.seq)
                    """
                ).run()
            }
        }
        let head = previous
        try await store.backend.transaction { database in
            try await database.raw("UPDATE workflow_instances SET last_hash = \(bind: head) WHERE id = \(bind: id)").run()
        }
    }
}
