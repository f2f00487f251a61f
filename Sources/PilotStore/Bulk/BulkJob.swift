import Foundation
import PilotDomain

/// What a bulk job does to each instance it selected (issue #17 "Bulk operations and migration").
public enum BulkOperation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Move to another version of the instance's workflow definition (state kept or mapped).
    case migrate
    /// End the project through the workflow's own `terminate` transition, with the reason.
    case cancel
    /// Hand the instance's work from one person to another (participants, assigned reviewers).
    case reassign
    /// Undo a migration job for the instances it moved that nobody changed since.
    case revert
    /// Try again what failed on the instance: its dead timers and its dead-lettered national
    /// events go back to pending, due now (the timer loop and the relay take them).
    case retry
    /// Send the instance back to a named state of its workflow, keeping its data (the work done
    /// so far) — e.g. a plan approved by mistake goes back to review. A reason is required.
    case restart

    public var label: LocalizedText {
        switch self {
        case .migrate: LocalizedText(zh: "迁移到新版本流程", en: "Migrate to another workflow version")
        case .cancel: LocalizedText(zh: "批量终止（填写理由）", en: "Cancel with a reason")
        case .reassign: LocalizedText(zh: "批量转交经办人", en: "Reassign")
        case .revert: LocalizedText(zh: "撤回迁移", en: "Revert a migration")
        case .retry: LocalizedText(zh: "重试失败的步骤", en: "Retry failed steps")
        case .restart: LocalizedText(zh: "退回到指定环节重办（保留已填内容）", en: "Restart from a named step (work kept)")
        }
    }
}

/// Where a job is. A job runs only after its dry run (`dryRunDone`), so what it will do has
/// been shown before anything is written.
public enum BulkJobStatus: String, Sendable, Hashable, Codable {
    case queued
    case dryRunDone = "dry_run_done"
    case running
    case done
    case failed
    case reverted

    public var label: LocalizedText {
        switch self {
        case .queued: LocalizedText(zh: "待预演", en: "Awaiting dry run")
        case .dryRunDone: LocalizedText(zh: "预演完成，待执行", en: "Dry run done")
        case .running: LocalizedText(zh: "执行中", en: "Running")
        case .done: LocalizedText(zh: "已完成", en: "Done")
        case .failed: LocalizedText(zh: "失败", en: "Failed")
        case .reverted: LocalizedText(zh: "已撤回", en: "Reverted")
        }
    }
}

/// How instances are chosen. Always within the actor's programme; every other part narrows.
public struct BulkFilter: Sendable, Hashable, Codable {
    public var definitionId: String
    public var definitionVersion: Int?
    public var states: [String]
    /// A division node: the instance's division code starts with it (a zone and everything below).
    public var division: String?
    public var subIndustryId: String?
    /// Only instances that entered their state at least this many days ago.
    public var enteredBeforeDays: Int?
    /// Instance ids from an uploaded CSV; when set, the other parts still narrow them.
    public var instanceIds: [String]?

    public init(
        definitionId: String, definitionVersion: Int? = nil, states: [String] = [], division: String? = nil,
        subIndustryId: String? = nil, enteredBeforeDays: Int? = nil, instanceIds: [String]? = nil
    ) {
        self.definitionId = definitionId
        self.definitionVersion = definitionVersion
        self.states = states
        self.division = division
        self.subIndustryId = subIndustryId
        self.enteredBeforeDays = enteredBeforeDays
        self.instanceIds = instanceIds
    }
}

/// What the job was asked to do: kept as JSON on the job row, exactly as given.
public struct BulkParameters: Sendable, Hashable, Codable {
    public var filter: BulkFilter
    /// Migrate: the definition version to move to.
    public var targetVersion: Int?
    /// Migrate: old state → state in the target version, for states the target renamed or dropped.
    public var stateMap: [String: String]
    /// Cancel (required), and recorded in the history of every operation when given.
    public var reason: String?
    /// Reassign: the person whose work moves, and the person it moves to.
    public var fromUserId: String?
    public var toUserId: String?
    /// Revert: the migration job to undo.
    public var revertsJob: String?
    /// Restart: the state the instances go back to.
    public var restartState: String?
    /// The roles the person who made the job holds in the programme: a cancellation takes the
    /// workflow's own transition under them, so the engine's role, scope and guard checks apply
    /// as if that person had taken it on each project (any process may run the job later).
    public var actorRoles: [Role] = []

    public init(
        filter: BulkFilter, targetVersion: Int? = nil, stateMap: [String: String] = [:], reason: String? = nil,
        fromUserId: String? = nil, toUserId: String? = nil, revertsJob: String? = nil, restartState: String? = nil,
        actorRoles: [Role] = []
    ) {
        self.restartState = restartState
        self.actorRoles = actorRoles
        self.filter = filter
        self.targetVersion = targetVersion
        self.stateMap = stateMap
        self.reason = reason
        self.fromUserId = fromUserId
        self.toUserId = toUserId
        self.revertsJob = revertsJob
    }
}

public struct BulkJob: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var operation: BulkOperation
    public var parameters: BulkParameters
    public var status: BulkJobStatus
    public var createdBy: String
    public var createdByName: String
    public var total: Int
    public var moved: Int
    public var skipped: Int
    public var failed: Int
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Items the run has decided (moved, skipped or failed).
    public var finished: Int { moved + skipped + failed }
}

/// One instance of a job: what the dry run found and what the run did.
public struct BulkItem: Sendable, Hashable {
    public enum Plan: String, Sendable, Hashable { case unplanned, canMove = "can_move", cannotMove = "cannot_move" }
    public enum Result: String, Sendable, Hashable { case pending, moved, skipped, failed }

    public var position: Int
    public var instanceId: String
    public var plan: Plan
    public var result: Result
    /// Why it cannot move or was skipped, or the error it failed with.
    public var reason: String?
    /// What the move changes (state renamed, fields the new version asks for), for the dry run's table.
    public var changes: String?
    public var beforeVersion: Int?
    public var beforeDefinitionVersion: Int?
    public var beforeState: String?
    public var afterState: String?
    public var afterVersion: Int?
}

/// Why a job cannot be made or moved on: a clear message in both languages; nothing is written.
public struct BulkRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: LocalizedText

    public init(zh: String, en: String) { message = LocalizedText(zh: zh, en: en) }

    public var description: String { message.en }
}
