import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// The audit of the history: the hash chain, row MACs and the replay of every decision, and the anchors of the
/// chain heads.
/// Reached as `store.audit`.
public struct AuditRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let auditKey: AuditKey?
}

/// Something `smepilot audit verify` found wrong with one instance or one of its history rows.
public struct AuditFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The hash chain: a row edited, deleted, inserted or reordered without recomputing hashes.
        case chain
        /// The instance (state, version, data, participants …) disagrees with its history.
        case state
        /// The keyed check: a MAC wrong, or missing where rows are keyed.
        case mac
        /// A chain head kept in an anchor file is no longer in the database.
        case anchor
    }

    public var instanceId: String
    public var seq: Int?
    public var problem: String
    public var kind: Kind

    public init(instanceId: String, seq: Int?, problem: String, kind: Kind = .chain) {
        self.instanceId = instanceId
        self.seq = seq
        self.problem = problem
        self.kind = kind
    }

    public var description: String { "instance \(instanceId)" + (seq.map { " row \($0)" } ?? "") + ": " + problem }
}

public struct AuditReport: Sendable {
    public var instancesChecked = 0
    public var rowsChecked = 0
    public var findings: [AuditFinding] = []
    /// Instances whose data and participants were replayed from their history to the end.
    public var instancesReplayed = 0
    /// Why the others could not be: reason → number of instances. Their state, version and the
    /// links between rows are still compared.
    public var replayGaps: [String: Int] = [:]
    /// Rows whose MAC was checked with the key.
    public var rowsKeyed = 0
    /// Rows that carry a MAC although no key was given: the keyed check was skipped.
    public var keyedRowsUnchecked = 0
    /// False when the store holds no audit key.
    public var keyedCheckRan = false
}

extension AuditRepository {
    /// Walks every instance's history (`smepilot audit verify`):
    /// - **chain**: each row's hash must match its content and link to the previous row's hash,
    ///   the sequence must run 1, 2, 3 … up to the instance's version, and the instance row must
    ///   point to the newest hash;
    /// - **state**: the history must start with `_start`, each row must start where the previous
    ///   one ended, the instance's state, version, definition version and state-entered time must
    ///   be the history's; with `catalog`, each decision is replayed with the pinned definition
    ///   (`Engine.replay`) from the initial data (the `_start` row's input) and the instance's
    ///   data and participants must be the replay's, each row's target the one its routes give;
    /// - **keyed** (when the store holds the audit key): each row's MAC must be right, and no row
    ///   may lack one after the instance's first keyed row or from the first keyed row's time on.
    /// Reads in pages of instances so memory stays flat. `only` limits the walk to those
    /// instances (the benchmark checks its own).
    public func verifyAudit(
        pageSize: Int = 500, only: [String]? = nil, catalog: WorkflowCatalog? = nil, engine: Engine = Engine()
    ) async throws -> AuditReport {
        var report = AuditReport()
        report.keyedCheckRan = auditKey != nil
        let keyedSince = try await backend.read { database in
            try await database.raw("SELECT MIN(occurred_at) AS earliest FROM workflow_history WHERE mac IS NOT NULL").first()
                .flatMap { try $0.optionalInt64("earliest") }
        }
        var after = ""
        while true {
            let cursor = after
            let instances = try await backend.read { database in
                var query: SQLQueryString =
                    "SELECT \(unsafeRaw: InstanceRepository.instanceColumns) FROM workflow_instances WHERE id > \(bind: cursor)"
                if let only { query.appendInterpolation(" AND id IN (\(binds: only))" as SQLQueryString) }
                query.appendLiteral(" ORDER BY id LIMIT \(pageSize)")
                return try await database.raw(query).all().map(InstanceRepository.decodeInstance)
            }
            guard let last = instances.last else { break }
            after = last.id
            let identifiers = instances.map(\.id)
            let rows = try await backend.read { database in
                try await database.raw(
                    """
                    SELECT \(unsafeRaw: InstanceRepository.historyColumns) FROM workflow_history WHERE instance_id IN (\(binds: identifiers))
                    ORDER BY instance_id, seq
                    """
                ).all().map(InstanceRepository.decodeHistory)
            }
            let byInstance = Dictionary(grouping: rows, by: \.instanceId)
            for instance in instances {
                report.instancesChecked += 1
                let chain = byInstance[instance.id] ?? []
                report.rowsChecked += chain.count
                report.findings += Self.check(
                    chain: chain, instanceId: instance.id, version: instance.version, lastHash: instance.lastHash)
                report.findings += Self.checkStates(chain, of: instance)
                let keyFindings = checkKeys(chain, instanceId: instance.id, keyedSince: keyedSince, report: &report)
                report.findings += keyFindings
                if let catalog {
                    let (findings, gap) = Self.replay(chain, of: instance, catalog: catalog, engine: engine)
                    report.findings += findings
                    if let gap { report.replayGaps[gap, default: 0] += 1 } else { report.instancesReplayed += 1 }
                }
            }
        }
        return report
    }

    static func check(chain: [HistoryRecord], instanceId: String, version: Int, lastHash: String) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        var previousHash = ""
        for (index, record) in chain.enumerated() {
            if record.seq != index + 1 {
                findings.append(
                    AuditFinding(
                        instanceId: instanceId, seq: record.seq,
                        problem: "expected row \(index + 1) here: a row is missing or out of order"))
                break
            }
            if record.prevHash != previousHash {
                findings.append(
                    AuditFinding(instanceId: instanceId, seq: record.seq, problem: "does not link to the previous row's hash"))
            }
            if record.computedHash != record.hash {
                findings.append(
                    AuditFinding(
                        instanceId: instanceId, seq: record.seq, problem: "content does not match its hash: the row was edited"))
            }
            previousHash = record.hash
        }
        if chain.count != version {
            findings.append(
                AuditFinding(
                    instanceId: instanceId, seq: nil,
                    problem: "has \(chain.count) history rows but version \(version): rows were deleted or added"))
        } else if previousHash != lastHash {
            findings.append(
                AuditFinding(
                    instanceId: instanceId, seq: nil, problem: "the newest history row is not the one the instance points to"))
        }
        return findings
    }

    /// What the history says of the instance without replaying effects: where it starts, that
    /// each step starts where the last ended, and the state, definition version and the time the
    /// state was entered that it ends with.
    static func checkStates(_ chain: [HistoryRecord], of instance: InstanceSnapshot) -> [AuditFinding] {
        func finding(_ seq: Int?, _ problem: String) -> AuditFinding {
            AuditFinding(instanceId: instance.id, seq: seq, problem: problem, kind: .state)
        }
        guard let first = chain.first, let last = chain.last else { return [finding(nil, "has no history at all")] }
        var findings: [AuditFinding] = []
        if first.transitionId != "_start" || !first.fromState.isEmpty {
            findings.append(finding(first.seq, "the history does not begin with the instance's start (_start)"))
        }
        for (previous, record) in zip(chain, chain.dropFirst()) where record.fromState != previous.toState {
            findings.append(
                finding(
                    record.seq, "starts from state '\(record.fromState)' but row \(previous.seq) ended in '\(previous.toState)'"))
        }
        if instance.state != last.toState {
            findings.append(finding(nil, "field state is '\(instance.state)' but its history ends in '\(last.toState)'"))
        }
        // The version in force changes only at a bulk migration's row (issue #17): every other
        // row is written under the version the row before it left.
        var inForce = first.definitionVersion
        for record in chain.dropFirst() {
            if record.transitionId == BulkStep.migrate {
                inForce = record.definitionVersion
            } else if record.definitionVersion != inForce {
                findings.append(
                    finding(
                        record.seq,
                        "was written under version \(record.definitionVersion) but version \(inForce) was in force"))
            }
        }
        if inForce != instance.definitionVersion {
            findings.append(
                finding(
                    nil,
                    "field definition_version is \(instance.definitionVersion) but the history was written under version \(inForce)"
                ))
        }
        let entered = chain.last { $0.fromState != $0.toState }?.occurredAt ?? first.occurredAt
        if entered.millis != instance.stateEnteredAt.millis {
            findings.append(finding(nil, "field state_entered_at is not the time its history entered '\(last.toState)'"))
        }
        return findings
    }

    /// The keyed check of one instance's rows; counts what it checked in `report`.
    func checkKeys(
        _ chain: [HistoryRecord], instanceId: String, keyedSince: Int64?, report: inout AuditReport
    ) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        var keyed = false
        for record in chain {
            guard let mac = record.mac else {
                if keyed || keyedSince.map({ record.occurredAt.millis >= $0 }) == true {
                    findings.append(
                        AuditFinding(
                            instanceId: instanceId, seq: record.seq,
                            problem: "has no MAC although history rows are keyed from an earlier row on", kind: .mac))
                }
                continue
            }
            keyed = true
            guard let auditKey else {
                report.keyedRowsUnchecked += 1
                continue
            }
            report.rowsKeyed += 1
            if !auditKey.isValid(mac: mac, of: record.hash) {
                findings.append(
                    AuditFinding(
                        instanceId: instanceId, seq: record.seq,
                        problem: "MAC is wrong: the row or its hash was rewritten without the audit key", kind: .mac))
            }
        }
        return findings
    }

    /// Replays the history's decisions with the pinned definition and compares the result with
    /// the instance. Returns the findings, and why the replay stopped short if it did (then the
    /// data and participants are not compared).
    static func replay(
        _ chain: [HistoryRecord], of instance: InstanceSnapshot, catalog: WorkflowCatalog, engine: Engine
    ) -> (findings: [AuditFinding], gap: String?) {
        guard let first = chain.first, first.transitionId == "_start" else { return ([], "the history has no _start row") }
        // Replayed under the version each row was written under: a bulk migration (issue #17)
        // changes it part-way through the history.
        guard var definition = catalog.definition(instance.definitionId, version: first.definitionVersion) else {
            return ([], "workflow \(instance.definitionId) version \(first.definitionVersion) is not loaded")
        }
        var findings: [AuditFinding] = []
        var replayed = instance
        replayed.state = first.toState
        replayed.data = JSONValue.parseObject(first.inputJSON)
        replayed.participants = [:]
        for record in chain.dropFirst() {
            replayed.state = record.fromState
            if record.transitionId == BulkStep.migrate {
                guard let next = catalog.definition(instance.definitionId, version: record.definitionVersion) else {
                    return (findings, "workflow \(instance.definitionId) version \(record.definitionVersion) is not loaded")
                }
                definition = next
                continue
            }
            // A restart's state is the next row's `from_state`; a retry changes nothing replayed.
            if record.transitionId == BulkStep.restart || record.transitionId == BulkStep.retry { continue }
            if record.transitionId == BulkStep.reassign {
                let input = JSONValue.parseObject(record.inputJSON)
                let moved = BulkStep.reassigned(
                    replayed, from: input["from_user"]?.stringValue ?? "", to: input["to_user"]?.stringValue ?? "")
                replayed.data = moved.data
                replayed.participants = moved.participants
                continue
            }
            let context = record.contextJSON.map { DecisionContext(canonicalText: $0) }
            if context == .some(nil) { return (findings, "a row's recorded context is unreadable") }
            let step = RecordedStep(
                transitionId: record.transitionId, input: JSONValue.parseObject(record.inputJSON),
                ruleValues: JSONValue.parseObject(record.ruleValuesJSON), actorUserId: record.actorUserId,
                actorName: record.actorName, actorOrganisationId: record.actorOrganisationId,
                principalUserId: record.principalUserId, occurredAt: record.occurredAt, context: context ?? nil)
            switch engine.replay(step, on: replayed, definition: definition) {
            case .failure(.unknownTransition(let id)):
                findings.append(
                    AuditFinding(
                        instanceId: instance.id, seq: record.seq, problem: "transition '\(id)' is not in the pinned workflow",
                        kind: .state))
                return (findings, "a transition is not in the pinned workflow")
            case .failure(.unrecordedContext(let effect)):
                return (findings, "written before decision contexts were recorded (effect \(effect))")
            case .success(let outcome):
                if outcome.target != record.toState {
                    findings.append(
                        AuditFinding(
                            instanceId: instance.id, seq: record.seq,
                            problem:
                                "goes to '\(record.toState)' but the workflow's routes take '\(record.transitionId)' to '\(outcome.target)'",
                            kind: .state))
                }
                replayed.data = outcome.data
                replayed.participants = outcome.participants
            }
        }
        // Through the text the store writes, as the instance's own data and participants went.
        replayed.data = JSONValue.parseObject(JSONValue.canonicalText(replayed.data))
        replayed.participants = Participant.parse(Participant.text(replayed.participants))
        let keys = Set(instance.data.keys).union(replayed.data.keys).sorted()
        for key in keys where instance.data[key] != replayed.data[key] {
            findings.append(
                AuditFinding(
                    instanceId: instance.id, seq: nil, problem: "data field '\(key)' is not what its history gives",
                    kind: .state))
        }
        let transitions = Set(instance.participants.keys).union(replayed.participants.keys).sorted()
        for transition in transitions where instance.participants[transition] != replayed.participants[transition] {
            findings.append(
                AuditFinding(
                    instanceId: instance.id, seq: nil,
                    problem: "participants of '\(transition)' (who took it) are not those its history names", kind: .state))
        }
        return (findings, nil)
    }
}
