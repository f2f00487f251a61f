import Foundation
import Funds
import PilotDomain
import SQLKit
import WorkflowEngine

/// How a project's row reads as the lifecycle the funds book must agree with. The state names are
/// the enterprise-project workflow's; the local source paying a project's local share is the
/// programme's to decide (by the enterprise's division: a zone fund pays for its own zone), so the
/// caller supplies it.
public struct FundsLifecycleReader: Sendable {
    /// The local funding source for an enterprise at this division node (nil: none recorded).
    public var localSource: @Sendable (_ divisionCode: String?) -> String

    public init(localSource: @escaping @Sendable (_ divisionCode: String?) -> String) { self.localSource = localSource }

    /// States in which a project ends without further payment.
    static let closedUnpaid: Set<String> = ["withdrawn", "rejected", "acceptance_failed"]

    /// nil for a project without an enterprise (nothing to pay).
    public func lifecycle(_ project: SubsidisedProject) -> ProjectLifecycle? {
        guard let enterprise = project.enterpriseId else { return nil }
        let stage: ProjectLifecycle.Stage =
            if project.state == "terminated" {
                .terminated(recover: Fen(max(0, project.fundsToRecover ?? 0)))
            } else if Self.closedUnpaid.contains(project.state) {
                .closedUnpaid
            } else {
                .open
            }
        var milestones: Set<Milestone> = []
        if project.transitionsTaken.contains("file_task_book") { milestones.insert(.taskBookSigned) }
        if project.transitionsTaken.contains("pass_midterm") { milestones.insert(.midtermPassed) }
        if project.transitionsTaken.contains("accept_project") { milestones.insert(.accepted) }
        let hold: ProjectLifecycle.MidtermHold? =
            switch project.state {
            case "midterm_rectification": .rectify
            case "midterm_failed": .failed
            default: nil
            }
        return ProjectLifecycle(
            projectId: project.id, enterpriseOrganisationId: enterprise, localSourceId: localSource(project.divisionCode),
            approvedSubsidy: Fen(max(0, project.approvedSubsidy)), stage: stage, milestones: milestones, midtermHold: hold)
    }
}

/// A paid tranche waiting to be recorded on its project (`release_records`).
public struct ReleaseRecordJob: Sendable, Hashable {
    public var programmeId: String
    public var releaseNumber: Int
    public var tranche: TrancheID
    public var approverUserId: String
    public var attempts: Int
    public var lastError: String?
}

extension FundsRepository {
    /// Reconciles the book with every project queued for it (`funds_pending`), on the connection
    /// of a transaction that holds the book's lock. Each queued row is deleted only up to the
    /// instance version read here, so a decision committed meanwhile stays queued. Returns how many
    /// projects' records changed.
    func reconcileQueued(
        _ book: inout FundsBook, programmeId: String, reader: FundsLifecycleReader, at: Date, on database: any SQLDatabase
    ) async throws -> Int {
        let rows = try await database.raw(
            """
            SELECT i.id, i.state, i.subject_org_id, i.participants, i.version, i.division_code, f.approved_subsidy,
            CASE WHEN i.state = 'terminated' THEN i.data END AS data
            FROM funds_pending p JOIN workflow_instances i ON i.id = p.instance_id
            LEFT JOIN project_facts f ON f.instance_id = i.id
            WHERE p.programme_id = \(bind: programmeId) ORDER BY i.id
            """
        ).all()
        guard !rows.isEmpty else { return 0 }
        var changed = 0
        for row in rows {
            let project = SubsidisedProject(
                id: try row.string("id"), state: try row.string("state"), enterpriseId: try row.optionalString("subject_org_id"),
                divisionCode: try row.optionalString("division_code"),
                transitionsTaken: Set(Participant.parse(try row.string("participants")).keys),
                approvedSubsidy: try row.optionalInt64("approved_subsidy") ?? 0,
                fundsToRecover: try row.optionalString("data").flatMap { JSONValue.parseObject($0)["funds_to_recover"]?.intValue }
            )
            if let lifecycle = reader.lifecycle(project) {
                let before = book.projects[project.id]
                book.reconcile(lifecycle, at: at)
                if book.projects[project.id] != before { changed += 1 }
            }
            try await database.raw(
                """
                DELETE FROM funds_pending WHERE instance_id = \(bind: project.id) AND version <= \(bind: try row.int("version"))
                """
            ).run()
        }
        return changed
    }

    /// Whether any project of the programme waits to be reconciled (a cheap look before locking).
    public func fundsPending(programmeId: String) async throws -> Int {
        try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM funds_pending WHERE programme_id = \(bind: programmeId)")
                .first()?.int("n") ?? 0
        }
    }

    /// Queues, in the payment's own transaction, one record job per tranche of every release the
    /// change paid (compared with the book before it), as that release's approver — in multi-row
    /// statements: a release of 5,000 tranches queues 5,000 jobs.
    func queueReleaseRecords(
        before: FundsBook, after: FundsBook, programmeId: String, at: Date, on database: any SQLDatabase
    ) async throws {
        var jobs: [[any Encodable & Sendable]] = []
        for release in after.releases {
            guard case .paid(let approver, _, _) = release.state else { continue }
            if case .paid = before.release(release.number)?.state { continue }
            for tranche in release.tranches {
                jobs.append([
                    programmeId, Int64(release.number), tranche.project, Int64(tranche.number),
                    approver.principalUserId ?? approver.userId, at.millis,
                ])
            }
        }
        try await FundsRows.insert(
            into: "release_records", ["programme_id", "release_no", "project_id", "tranche_no", "approver_user_id", "queued_at"],
            jobs, " ON CONFLICT DO NOTHING", on: database)
    }

    /// Record jobs still waiting, oldest first (every programme when `programmeId` is nil).
    public func releaseRecordJobs(programmeId: String? = nil, limit: Int = 500) async throws -> [ReleaseRecordJob] {
        try await backend.read { database in
            var query: SQLQueryString =
                "SELECT programme_id, release_no, project_id, tranche_no, approver_user_id, attempts, last_error FROM release_records"
            if let programmeId { query.appendInterpolation(" WHERE programme_id = \(bind: programmeId)" as SQLQueryString) }
            query.appendLiteral(" ORDER BY queued_at, release_no, project_id, tranche_no LIMIT \(max(1, min(limit, 5000)))")
            return try await database.raw(query).all().map { row in
                ReleaseRecordJob(
                    programmeId: try row.string("programme_id"), releaseNumber: try row.int("release_no"),
                    tranche: TrancheID(project: try row.string("project_id"), number: try row.int("tranche_no")),
                    approverUserId: try row.string("approver_user_id"), attempts: try row.int("attempts"),
                    lastError: try row.optionalString("last_error"))
            }
        }
    }

    /// The job is done: the tranche is on its project.
    public func finishReleaseRecord(_ job: ReleaseRecordJob) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                DELETE FROM release_records WHERE programme_id = \(bind: job.programmeId) AND release_no = \(bind: job.releaseNumber)
                AND project_id = \(bind: job.tranche.project) AND tranche_no = \(bind: job.tranche.number)
                """
            ).run()
        }
    }

    /// The job failed this time; it stays queued with the reason for the next drain and `ledger check`.
    public func failReleaseRecord(_ job: ReleaseRecordJob, error: String) async throws {
        try await backend.transaction { database in
            try await database.raw(
                """
                UPDATE release_records SET attempts = attempts + 1, last_error = \(bind: String(error.prefix(500)))
                WHERE programme_id = \(bind: job.programmeId) AND release_no = \(bind: job.releaseNumber)
                AND project_id = \(bind: job.tranche.project) AND tranche_no = \(bind: job.tranche.number)
                """
            ).run()
        }
    }
}
