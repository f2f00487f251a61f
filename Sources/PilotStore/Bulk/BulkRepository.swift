import Foundation
import PilotDomain
import SQLKit
import WorkflowEngine

/// Bulk jobs over workflow instances (issue #17): made with their selection frozen into
/// `bulk_items`, dry-run per instance, then run item by item — each item its own transaction with
/// the instance's write, its history row, its projections and the item's result (see
/// `BulkRepository+Writes` and `BulkRunner`). Reached as `store.bulk`.
public struct BulkRepository: Sendable {
    let backend: any SQLBackend
    let clock: any Clock
    let ids: any IdentifierSource
    let instances: InstanceRepository

    /// The most items a chunk takes (issue #17: chunks of at most 1,000).
    public static let chunkSize = 1000
}

extension BulkRepository {
    /// Makes a job: checks the parameters against the catalogue, selects the instances by the
    /// filter (always within `programmeId`) and freezes them as items, in one transaction. A bad
    /// parameter (unknown version, a state map naming states that do not exist, ids not in the
    /// programme) throws `BulkRefusal` and writes nothing.
    public func createJob(
        programmeId: String, operation: BulkOperation, parameters: BulkParameters, by actor: ChangeActor,
        catalog: WorkflowCatalog
    ) async throws -> BulkJob {
        guard operation != .revert else {
            throw BulkRefusal(zh: "撤回请在原迁移任务上操作", en: "A revert is made from the migration job it undoes")
        }
        try Self.validate(operation: operation, parameters: parameters, catalog: catalog)
        let selected = try await select(programmeId: programmeId, filter: parameters.filter)
        guard !selected.isEmpty else {
            throw BulkRefusal(zh: "筛选条件没有选中任何项目", en: "The filter selects no instance")
        }
        return try await insertJob(
            programmeId: programmeId, operation: operation, parameters: parameters, by: actor, instanceIds: selected)
    }

    /// Makes the revert of migration job `jobId`: its items are the instances that job moved.
    public func createRevert(of jobId: String, programmeId: String, by actor: ChangeActor) async throws -> BulkJob {
        guard let source = try await job(jobId, programmeId: programmeId), source.operation == .migrate else {
            throw BulkRefusal(zh: "没有这个迁移任务", en: "There is no such migration job")
        }
        guard source.status == .done else {
            throw BulkRefusal(zh: "只有已完成的迁移任务可以撤回", en: "Only a finished migration can be reverted")
        }
        let moved = try await backend.read { database in
            try await database.raw(
                "SELECT instance_id FROM bulk_items WHERE job_id = \(bind: jobId) AND result = 'moved' ORDER BY position"
            ).all().map { try $0.string("instance_id") }
        }
        guard !moved.isEmpty else { throw BulkRefusal(zh: "该任务没有迁移任何项目", en: "The job moved no instance") }
        var parameters = source.parameters
        parameters.revertsJob = jobId
        parameters.filter.instanceIds = nil
        return try await insertJob(
            programmeId: programmeId, operation: .revert, parameters: parameters, by: actor, instanceIds: moved)
    }

    static func validate(operation: BulkOperation, parameters: BulkParameters, catalog: WorkflowCatalog) throws {
        let filter = parameters.filter
        guard let versions = catalog.definitions[filter.definitionId], !versions.isEmpty else {
            throw BulkRefusal(zh: "没有流程“\(filter.definitionId)”", en: "There is no workflow '\(filter.definitionId)'")
        }
        if let version = filter.definitionVersion, versions[version] == nil {
            throw BulkRefusal(
                zh: "流程“\(filter.definitionId)”没有第 \(version) 版",
                en: "Workflow '\(filter.definitionId)' has no version \(version)")
        }
        if let days = filter.enteredBeforeDays, days < 0 {
            throw BulkRefusal(zh: "停留天数不能为负数", en: "The age in days cannot be negative")
        }
        let knownStates = Set(versions.values.flatMap { $0.states.map(\.id) })
        if let unknown = filter.states.first(where: { !knownStates.contains($0) }) {
            throw BulkRefusal(zh: "流程中没有状态“\(unknown)”", en: "The workflow has no state '\(unknown)'")
        }
        switch operation {
        case .migrate:
            guard let target = parameters.targetVersion.flatMap({ versions[$0] }) else {
                let asked = parameters.targetVersion.map(String.init) ?? "—"
                throw BulkRefusal(
                    zh: "目标版本 \(asked) 不存在（已有：\(versions.keys.sorted().map(String.init).joined(separator: "、"))）",
                    en:
                        "Target version \(asked) does not exist (there are: \(versions.keys.sorted().map(String.init).joined(separator: ", ")))"
                )
            }
            for (from, to) in parameters.stateMap.sorted(by: { $0.key < $1.key }) {
                guard knownStates.contains(from) else {
                    throw BulkRefusal(
                        zh: "状态映射中的“\(from.prefix(100))”不是该流程的状态",
                        en: "State map: '\(from.prefix(100))' is not a state of the workflow")
                }
                guard target.state(to) != nil else {
                    throw BulkRefusal(
                        zh: "状态映射中的“\(to)”不是第 \(target.version) 版的状态",
                        en: "State map: '\(to)' is not a state of version \(target.version)")
                }
            }
        case .cancel:
            guard !(parameters.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw BulkRefusal(zh: "批量终止必须填写理由", en: "A cancellation needs a reason")
            }
            guard versions.values.contains(where: { $0.transition(BulkRepository.cancelTransition) != nil }) else {
                throw BulkRefusal(
                    zh: "该流程没有终止操作（\(BulkRepository.cancelTransition)）",
                    en: "The workflow has no '\(BulkRepository.cancelTransition)' transition")
            }
        case .reassign:
            let from = (parameters.fromUserId ?? "").trimmingCharacters(in: .whitespaces)
            let to = (parameters.toUserId ?? "").trimmingCharacters(in: .whitespaces)
            guard !from.isEmpty, !to.isEmpty, from != to else {
                throw BulkRefusal(zh: "请填写原经办人和新经办人（不能相同）", en: "Give the person to replace and the new one (different)")
            }
        case .restart:
            let reason = (parameters.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else {
                throw BulkRefusal(zh: "退回重办必须填写理由", en: "A restart needs a reason")
            }
            let state = parameters.restartState ?? ""
            guard knownStates.contains(state) else {
                throw BulkRefusal(
                    zh: "请填写要退回的环节（流程中没有状态“\(state)”）",
                    en: "Give the state to restart from (the workflow has no state '\(state)')")
            }
        case .revert, .retry:
            break
        }
    }

    /// The ids the filter selects in the programme, in id order.
    func select(programmeId: String, filter: BulkFilter) async throws -> [String] {
        let now = clock.now()
        func query(_ ids: [String]?) -> SQLQueryString {
            var query: SQLQueryString = """
                SELECT id FROM workflow_instances WHERE programme_id = \(bind: programmeId)
                AND definition_id = \(bind: filter.definitionId)
                """
            if let version = filter.definitionVersion {
                query.appendInterpolation(" AND definition_version = \(bind: version)" as SQLQueryString)
            }
            if !filter.states.isEmpty { query.appendInterpolation(" AND state IN (\(binds: filter.states))" as SQLQueryString) }
            if let division = filter.division, !division.isEmpty {
                query.appendInterpolation(" AND division_code LIKE \(bind: division + "%")" as SQLQueryString)
            }
            if let subIndustry = filter.subIndustryId, !subIndustry.isEmpty {
                query.appendInterpolation(" AND sub_industry_id = \(bind: subIndustry)" as SQLQueryString)
            }
            if let days = filter.enteredBeforeDays {
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400).millis
                query.appendInterpolation(" AND state_entered_at <= \(bind: cutoff)" as SQLQueryString)
            }
            if let ids { query.appendInterpolation(" AND id IN (\(binds: ids))" as SQLQueryString) }
            query.appendLiteral(" ORDER BY id")
            return query
        }
        guard let listed = filter.instanceIds else {
            let full = query(nil)
            return try await backend.read { database in try await database.raw(full).all().map { try $0.string("id") } }
        }
        var selected: [String] = []
        for start in stride(from: 0, to: listed.count, by: 500) {
            let part = query(Array(listed[start..<min(start + 500, listed.count)]))
            selected += try await backend.read { database in try await database.raw(part).all().map { try $0.string("id") } }
        }
        return selected.sorted()
    }

    /// Whether `text` has the shape of an instance id: at most 100 ASCII letters, digits, `_`
    /// and `-` (the page's CSV and the API's id list are held to the same rule).
    public static func isInstanceId(_ text: String) -> Bool {
        text.count <= 100 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// Reads a CSV of instance ids (one a line, first column; a header `id` or `instance_id` is
    /// skipped) and checks each is an instance of the programme. Every bad line is named in the
    /// refusal; nothing is queued unless all are good.
    public func instanceIds(fromCSV text: String, programmeId: String) async throws -> [String] {
        var entries: [(line: Int, id: String)] = []
        var problems: [String] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let cell = rawLine.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let id = cell.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t\u{FEFF}"))
            if id.isEmpty || (index == 0 && ["id", "instance_id"].contains(id.lowercased())) { continue }
            guard Self.isInstanceId(id) else {
                problems.append("line \(index + 1): '\(id.prefix(40))' is not an instance id / 第 \(index + 1) 行不是项目编号")
                continue
            }
            entries.append((index + 1, id))
        }
        let wanted = entries.map(\.id)
        var known: Set<String> = []
        for start in stride(from: 0, to: wanted.count, by: 500) {
            let part = Array(wanted[start..<min(start + 500, wanted.count)])
            known.formUnion(
                try await backend.read { database in
                    try await database.raw(
                        "SELECT id FROM workflow_instances WHERE programme_id = \(bind: programmeId) AND id IN (\(binds: part))"
                    ).all().map { try $0.string("id") }
                })
        }
        var seen: Set<String> = []
        for entry in entries {
            if !known.contains(entry.id) {
                problems.append("line \(entry.line): no instance '\(entry.id)' in this programme / 第 \(entry.line) 行：本项目中没有该编号")
            } else if !seen.insert(entry.id).inserted {
                problems.append("line \(entry.line): '\(entry.id)' is listed twice / 第 \(entry.line) 行：编号重复")
            }
        }
        guard problems.isEmpty else {
            let shown = problems.prefix(20).joined(separator: "\n")
            let more = problems.count > 20 ? "\n… \(problems.count - 20) more" : ""
            throw BulkRefusal(zh: "CSV 有误，未创建任务：\n" + shown + more, en: "The CSV has errors; no job was made:\n" + shown + more)
        }
        guard !wanted.isEmpty else { throw BulkRefusal(zh: "CSV 中没有项目编号", en: "The CSV lists no instance id") }
        return wanted
    }

    func insertJob(
        programmeId: String, operation: BulkOperation, parameters: BulkParameters, by actor: ChangeActor,
        instanceIds: [String]
    ) async throws -> BulkJob {
        let now = clock.now()
        let job = BulkJob(
            id: ids.make("blk"), programmeId: programmeId, operation: operation, parameters: parameters, status: .queued,
            createdBy: actor.userId, createdByName: actor.name, total: instanceIds.count, moved: 0, skipped: 0, failed: 0,
            leaseOwner: nil, leaseUntil: nil, createdAt: now, updatedAt: now)
        let parametersJSON = String(decoding: try JSONEncoder.sorted.encode(parameters), as: UTF8.self)
        try await backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO bulk_jobs (id, programme_id, operation, parameters, status, created_by, created_by_name, total,
                reverts_job, created_at, updated_at) VALUES (\(bind: job.id), \(bind: programmeId), \(bind: operation.rawValue),
                \(bind: parametersJSON), 'queued', \(bind: actor.userId), \(bind: actor.name), \(bind: instanceIds.count),
                \(bind: parameters.revertsJob), \(bind: now.millis), \(bind: now.millis))
                """
            ).run()
            // Many rows a statement: a selection of 10,000 is 20 statements, not 10,000.
            for start in stride(from: 0, to: instanceIds.count, by: 500) {
                var query: SQLQueryString = "INSERT INTO bulk_items (job_id, position, instance_id, plan, result) VALUES "
                for position in start..<min(start + 500, instanceIds.count) {
                    if position > start { query.appendLiteral(", ") }
                    query.appendInterpolation(
                        "(\(bind: job.id), \(bind: position), \(bind: instanceIds[position]), 'unplanned', 'pending')"
                            as SQLQueryString)
                }
                try await database.raw(query).run()
            }
        }
        return job
    }

    static let jobColumns = """
        id, programme_id, operation, parameters, status, created_by, created_by_name, total, moved, skipped, failed,
        lease_owner, lease_until, created_at, updated_at
        """

    static func decodeJob(_ row: any SQLRow) throws -> BulkJob {
        let parameters = try JSONDecoder().decode(BulkParameters.self, from: Data(try row.string("parameters").utf8))
        return BulkJob(
            id: try row.string("id"), programmeId: try row.string("programme_id"),
            operation: BulkOperation(rawValue: try row.string("operation")) ?? .migrate, parameters: parameters,
            status: BulkJobStatus(rawValue: try row.string("status")) ?? .failed, createdBy: try row.string("created_by"),
            createdByName: try row.string("created_by_name"), total: try row.int("total"), moved: try row.int("moved"),
            skipped: try row.int("skipped"), failed: try row.int("failed"), leaseOwner: try row.optionalString("lease_owner"),
            leaseUntil: try row.optionalDate("lease_until"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    /// A job of the programme (nil for another programme's: never shown across programmes).
    public func job(_ id: String, programmeId: String) async throws -> BulkJob? {
        try await backend.read { database in
            try await database.raw(
                "SELECT \(unsafeRaw: Self.jobColumns) FROM bulk_jobs WHERE id = \(bind: id) AND programme_id = \(bind: programmeId)"
            ).first().map(Self.decodeJob)
        }
    }

    /// The programme's jobs, newest first.
    public func jobs(programmeId: String, limit: Int = 100) async throws -> [BulkJob] {
        try await backend.read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.jobColumns) FROM bulk_jobs WHERE programme_id = \(bind: programmeId)
                ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map(Self.decodeJob)
        }
    }

    /// A page of a job's items in order; `result` narrows to one result.
    public func items(
        jobId: String, result: BulkItem.Result? = nil, limit: Int = 100, offset: Int = 0
    ) async throws -> [BulkItem] {
        try await backend.read { database in
            var query: SQLQueryString = """
                SELECT position, instance_id, plan, result, reason, changes, before_version, before_definition_version,
                before_state, after_state, after_version FROM bulk_items WHERE job_id = \(bind: jobId)
                """
            if let result { query.appendInterpolation(" AND result = \(bind: result.rawValue)" as SQLQueryString) }
            query.appendLiteral(" ORDER BY position LIMIT \(limit) OFFSET \(offset)")
            return try await database.raw(query).all().map(Self.decodeItem)
        }
    }

    static func decodeItem(_ row: any SQLRow) throws -> BulkItem {
        BulkItem(
            position: try row.int("position"), instanceId: try row.string("instance_id"),
            plan: BulkItem.Plan(rawValue: try row.string("plan")) ?? .unplanned,
            result: BulkItem.Result(rawValue: try row.string("result")) ?? .pending, reason: try row.optionalString("reason"),
            changes: try row.optionalString("changes"), beforeVersion: try row.optionalInt64("before_version").map(Int.init),
            beforeDefinitionVersion: try row.optionalInt64("before_definition_version").map(Int.init),
            beforeState: try row.optionalString("before_state"), afterState: try row.optionalString("after_state"),
            afterVersion: try row.optionalInt64("after_version").map(Int.init))
    }

    /// How many of the job's items the dry run found movable, and not.
    public func planCounts(jobId: String) async throws -> (canMove: Int, cannotMove: Int) {
        try await backend.read { database in
            let row = try await database.raw(
                """
                SELECT COALESCE(SUM(CASE WHEN plan = 'can_move' THEN 1 ELSE 0 END), 0) AS can,
                COALESCE(SUM(CASE WHEN plan = 'cannot_move' THEN 1 ELSE 0 END), 0) AS cannot
                FROM bulk_items WHERE job_id = \(bind: jobId)
                """
            ).first()
            return (Int(try row?.int64("can") ?? 0), Int(try row?.int64("cannot") ?? 0))
        }
    }
}

extension JSONEncoder {
    /// Keys sorted: the same parameters always print the same JSON.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
