import Foundation
import PilotDomain
import SQLKit

/// Every instance's chain head (version and newest hash) at one moment, sealed with the audit
/// key and kept outside the database (`smepilot audit anchor --out FILE`). `audit verify --anchor
/// FILE` checks the database still holds each of those rows: an instance deleted whole, or its
/// history cut back and rewritten — even by someone holding the key — no longer matches.
///
/// The file is text: a header line, `created <millis>`, one `<instance id> <version> <hash>` line
/// per instance, and last `mac <hex>`, the HMAC-SHA256 of everything before it.
public struct AuditAnchor: Sendable, Hashable {
    public struct Head: Sendable, Hashable {
        public var instanceId: String
        public var version: Int
        public var hash: String

        public init(instanceId: String, version: Int, hash: String) {
            self.instanceId = instanceId
            self.version = version
            self.hash = hash
        }
    }

    public var createdAt: Date
    public var heads: [Head]

    public init(createdAt: Date, heads: [Head]) {
        self.createdAt = createdAt
        self.heads = heads
    }

    static let header = "smepilot-audit-anchor 1"

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(line: Int)
        case wrongMAC

        public var description: String {
            switch self {
            case .malformed(let line): "the anchor file is not one `audit anchor` wrote (line \(line))"
            case .wrongMAC: "the anchor file's MAC is wrong: it was changed, or sealed with another key"
            }
        }
    }

    var body: String {
        ([Self.header, "created \(createdAt.millis)"] + heads.map { "\($0.instanceId) \($0.version) \($0.hash)" })
            .joined(separator: "\n") + "\n"
    }

    /// The file's text, sealed with `key`.
    public func text(sealedWith key: AuditKey) -> String { body + "mac \(key.mac(of: body))\n" }

    /// Reads a file `text(sealedWith:)` wrote; checks its seal when `key` is given.
    public static func parse(_ text: String, key: AuditKey?) throws(Problem) -> AuditAnchor {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines[0] == header, lines.last == "" else { throw .malformed(line: 1) }
        guard lines[1].hasPrefix("created "), let millis = Int64(lines[1].dropFirst(8)) else { throw .malformed(line: 2) }
        var heads: [Head] = []
        for (index, line) in lines[2..<(lines.count - 2)].enumerated() {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3, let version = Int(parts[1]) else { throw .malformed(line: index + 3) }
            heads.append(Head(instanceId: parts[0], version: version, hash: parts[2]))
        }
        let anchor = AuditAnchor(createdAt: Date(millis: millis), heads: heads)
        let seal = lines[lines.count - 2]
        guard seal.hasPrefix("mac ") else { throw .malformed(line: lines.count - 1) }
        if let key, !key.isValid(mac: String(seal.dropFirst(4)), of: anchor.body) { throw .wrongMAC }
        return anchor
    }
}

extension AuditRepository {
    /// Every instance's chain head now, for an anchor file.
    public func auditAnchor() async throws -> AuditAnchor {
        let now = clock.now()
        let heads = try await backend.read { database in
            try await database.raw("SELECT id, version, last_hash FROM workflow_instances ORDER BY id").all().map {
                AuditAnchor.Head(
                    instanceId: try $0.string("id"), version: try $0.int("version"), hash: try $0.string("last_hash"))
            }
        }
        return AuditAnchor(createdAt: now, heads: heads)
    }

    /// One finding for each anchored head the database no longer holds: the instance's history
    /// must still have a row at the anchored version with the anchored hash.
    public func checkAnchor(_ anchor: AuditAnchor, pageSize: Int = 500) async throws -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for start in stride(from: 0, to: anchor.heads.count, by: pageSize) {
            let page = Array(anchor.heads[start..<min(start + pageSize, anchor.heads.count)])
            let identifiers = page.map(\.instanceId)
            let hashes = try await backend.read { database in
                var found: [String: [Int: String]] = [:]
                for row in try await database.raw(
                    "SELECT instance_id, seq, hash FROM workflow_history WHERE instance_id IN (\(binds: identifiers))"
                ).all() {
                    found[try row.string("instance_id"), default: [:]][try row.int("seq")] = try row.string("hash")
                }
                return found
            }
            for head in page {
                let problem: String
                switch hashes[head.instanceId]?[head.version] {
                case head.hash: continue
                case nil where hashes[head.instanceId] == nil:
                    problem = "anchored at version \(head.version) but the instance's history is gone (deleted)"
                case nil: problem = "anchored at version \(head.version) but that history row is gone"
                default: problem = "anchored at version \(head.version) but that row's hash has changed: history was rewritten"
                }
                findings.append(AuditFinding(instanceId: head.instanceId, seq: head.version, problem: problem, kind: .anchor))
            }
        }
        return findings
    }
}
