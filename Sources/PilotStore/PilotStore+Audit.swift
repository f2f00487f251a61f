import Foundation
import SQLKit

/// A break in an instance's history chain.
public struct AuditFinding: Sendable, Hashable, CustomStringConvertible {
    public var instanceId: String
    public var seq: Int?
    public var problem: String

    public var description: String { "instance \(instanceId)" + (seq.map { " row \($0)" } ?? "") + ": " + problem }
}

public struct AuditReport: Sendable {
    public var instancesChecked = 0
    public var rowsChecked = 0
    public var findings: [AuditFinding] = []
}

extension PilotStore {
    /// Walks every instance's history chain (`smepilot audit verify`): each row's hash must match
    /// its content, link to the previous row's hash, and the sequence must run 1, 2, 3 … up to the
    /// instance's version with the newest hash on the instance row. Any edited, deleted, inserted
    /// or reordered row breaks one of these. Reads in pages of instances so memory stays flat.
    /// `only` limits the walk to those instances (the benchmark checks its own).
    public func verifyAudit(pageSize: Int = 500, only: [String]? = nil) async throws -> AuditReport {
        var report = AuditReport()
        var after = ""
        while true {
            let cursor = after
            let heads = try await backend.read { database in
                var query: SQLQueryString = "SELECT id, version, last_hash FROM workflow_instances WHERE id > \(bind: cursor)"
                if let only { query.appendInterpolation(" AND id IN (\(binds: only))" as SQLQueryString) }
                query.appendLiteral(" ORDER BY id LIMIT \(pageSize)")
                return try await database.raw(query).all().map {
                    (id: try $0.string("id"), version: try $0.int("version"), lastHash: try $0.string("last_hash"))
                }
            }
            guard let last = heads.last else { break }
            after = last.id
            let identifiers = heads.map(\.id)
            let rows = try await backend.read { database in
                try await database.raw(
                    """
                    SELECT \(unsafeRaw: Self.historyColumns) FROM workflow_history WHERE instance_id IN (\(binds: identifiers))
                    ORDER BY instance_id, seq
                    """
                ).all().map(Self.decodeHistory)
            }
            let byInstance = Dictionary(grouping: rows, by: \.instanceId)
            for head in heads {
                report.instancesChecked += 1
                let chain = byInstance[head.id] ?? []
                report.rowsChecked += chain.count
                report.findings += Self.check(chain: chain, instanceId: head.id, version: head.version, lastHash: head.lastHash)
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
}
