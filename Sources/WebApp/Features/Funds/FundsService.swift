import Foundation
import Funds
import Logging
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The funds of a programme as the pages, the API and the workflow use them. The rules are the
/// pure `FundsBook`; this service loads and stores it (`FundsRepository.changeFunds`, serialised per
/// programme), feeds it the lifecycle milestones, and after a release is paid records one
/// `record_release` transition per tranche on the project, which puts the release on the
/// project's timeline and in the national outbox.
struct FundsService: Sendable {
    let services: AppServices

    /// The sources of a programme made without a file: a Binhai-like programme (domain.md §1): the central award, the city fund,
    /// district/street funds and the three development zones' funds. Amounts committed are the
    /// programme's to set; the demo uses the central cap (¥100m) matched 1:1.
    static let defaultSources: [FundingSource] = [
        FundingSource(
            id: "central", kind: .central, name: LocalizedText(zh: "中央财政奖补资金", en: "Central award"), committed: .yuan(100_000_000)
        ),
        FundingSource(
            id: "city", kind: .city, name: LocalizedText(zh: "市级制造业高质量发展专项资金", en: "City manufacturing fund"),
            committed: .yuan(40_000_000)),
        FundingSource(
            id: "district", kind: .districtStreet, name: LocalizedText(zh: "区级街镇资金", en: "District and street funds"),
            committed: .yuan(30_000_000)),
        FundingSource(
            id: "teda", kind: .zone(code: "teda"), name: LocalizedText(zh: "天津经济技术开发区资金", en: "TEDA fund"),
            committed: .yuan(15_000_000)),
        FundingSource(
            id: "tianjin_port_ftz", kind: .zone(code: "tianjin_port_ftz"),
            name: LocalizedText(zh: "天津港保税区资金", en: "Tianjin Port FTZ fund"), committed: .yuan(8_000_000)),
        FundingSource(
            id: "binhai_hitech", kind: .zone(code: "binhai_hitech"),
            name: LocalizedText(zh: "滨海高新区资金", en: "Binhai Hi-tech Zone fund"), committed: .yuan(7_000_000)),
    ]

    /// Which zone funds pay for which division, for a programme made without a file (`admin create`,
    /// databases from before programme files): the three Binhai zones with a fund, as before.
    static let defaultSourceDivisions: [String: DivisionCode] = [
        "teda": DivisionCode("120116400")!, "tianjin_port_ftz": DivisionCode("120116401")!,
        "binhai_hitech": DivisionCode("120116402")!,
    ]

    /// The programme's funding sources and which division each zone fund pays for: from its file,
    /// else the defaults above.
    static func funding(_ programme: Programme?) -> ProgrammeDefinition {
        if let definition = programme?.definition { return definition }
        return ProgrammeDefinition(
            code: programme?.code ?? "", kind: .cityPilot, name: programme?.name ?? LocalizedText(zh: "", en: ""),
            division: DivisionCode(programme?.division ?? "") ?? .nation, workflows: [], holidayCalendar: nil, subIndustries: [],
            fundingSources: defaultSources, sourceDivisions: defaultSourceDivisions, targets: nil, rules: [:])
    }

    /// How the store reads a project of this programme as the lifecycle the book reconciles with:
    /// the local share is paid by the zone fund whose division covers the enterprise, else by the
    /// district/street fund.
    func reader(_ programmeId: String) async throws -> FundsLifecycleReader {
        let funding = Self.funding(try await services.store.programmes.programme(id: programmeId))
        return FundsLifecycleReader { code in
            funding.localSource(for: code.flatMap(DivisionCode.init)) ?? "district"
        }
    }

    /// The programme's funding rules from its rule version: `central_share_percent`,
    /// `tranche_plan` ("50/50" or "30/40/30"), `hold_until_matched`, `matching_scope`
    /// (`programme`, the default, or `project`), `amendment_threshold_percent` (10),
    /// `report_period_months` (3) and `report_grace_days` (30).
    static func rules(_ values: [String: JSONValue]) -> FundingRules {
        let share = Int(values["central_share_percent"]?.intValue ?? 50)
        let plan: TranchePlan =
            values["tranche_plan"]?.stringValue == "30/40/30" ? .thirtyFortyThirty : .halfAtFilingHalfAtAcceptance
        return
            (try? FundingRules(
                centralSharePercent: share, tranchePlan: plan,
                holdUntilMatched: values["hold_until_matched"]?.boolValue ?? (values["hold_until_matched"]?.stringValue == "yes"),
                matching: values["matching_scope"]?.stringValue.flatMap(MatchingRule.init(rawValue:)) ?? .programme,
                amendmentThresholdPercent: Int(values["amendment_threshold_percent"]?.intValue ?? 10),
                reportPeriodMonths: Int(values["report_period_months"]?.intValue ?? 3),
                reportGraceDays: Int(values["report_grace_days"]?.intValue ?? 30)))
            ?? .standard
    }

    func book(_ programmeId: String) async throws -> FundsBook {
        if let book = try await services.store.funds.fundsBook(programmeId: programmeId) { return book }
        let rules = Self.rules(try await services.store.programmes.programmeRules(programmeId))
        let sources = Self.funding(try await services.store.programmes.programme(id: programmeId)).fundingSources
        let book = try FundsBook(rules: rules, sources: sources)
        try await services.store.funds.createFundsBook(programmeId: programmeId, book)
        return try await services.store.funds.fundsBook(programmeId: programmeId) ?? book
    }

    /// A change of the book. The projects queued by decisions are reconciled first in the same
    /// transaction, and releases it pays queue their project records there too (README "Money and
    /// workflow"); `recordReleases` then drains those jobs.
    func change<Value: Sendable>(
        _ programmeId: String, _ action: String, _ detail: String, by actor: Actor,
        _ body: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        try await applying(programmeId, body) { step, reader in
            try await services.store.funds.changeFunds(
                programmeId: programmeId, action: action, detail: detail, actor: Self.changeActor(actor), reader: reader, step)
        }
    }

    /// `change` under the client's `Idempotency-Key` (the API's money POSTs), or as any change when
    /// there is none (the pages: a form posts once). A retry with the same key gets the first result
    /// back and books nothing twice; the key reused for another request (another action, or another
    /// `fingerprint`, by default `detail`) is `409 idempotency_key_reused`.
    func change<Value: Codable & Sendable>(
        _ programmeId: String, _ action: String, _ detail: String, by actor: Actor, idempotencyKey key: String?,
        fingerprint: String? = nil, _ body: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        guard let key else { return try await change(programmeId, action, detail, by: actor, body) }
        return try await applying(programmeId, body) { step, reader in
            do {
                return try await services.store.funds.changeFunds(
                    programmeId: programmeId, action: action, detail: detail, actor: Self.changeActor(actor), reader: reader,
                    once: FundsRequestKey(key: key, fingerprint: fingerprint ?? detail), step)
            } catch is FundsRequestReused {
                throw AppError(.conflict, code: "idempotency_key_reused", message: Refusal.idempotencyKeyReused.message)
            }
        }
    }

    /// The log's actor: the acting officer, and the principal when a delegate acts.
    static func changeActor(_ actor: Actor) -> ChangeActor {
        ChangeActor(userId: actor.userId, name: actor.displayName, principalUserId: actor.principalUserId)
    }

    /// What every change does around the store's write: the book exists, the approval rules in
    /// force now are adopted in the change itself (a new rule version applies to the next
    /// release), and the releases a success pays are recorded on their projects.
    private func applying<Value: Sendable>(
        _ programmeId: String, _ body: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value,
        _ write: (
            @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> Value, FundsLifecycleReader
        ) async throws -> Result<Value, FundsRefusal>
    ) async throws -> Result<Value, FundsRefusal> {
        _ = try await book(programmeId)
        let current = Self.rules(try await services.store.programmes.programmeRules(programmeId))
        let result = try await write(
            { (book: inout FundsBook) throws(FundsRefusal) -> Value in
                book.adoptApprovalRules(of: current)
                return try body(&book)
            }, try await reader(programmeId))
        if case .success = result { try await recordReleases(programmeId: programmeId) }
        return result
    }

    // MARK: Lifecycle

    /// The book after reconciling every project a decision queued for it (`funds_pending`). Cheap
    /// when nothing is queued: one count, no lock, no write.
    @discardableResult
    func settled(_ programmeId: String) async throws -> FundsBook {
        _ = try await book(programmeId)
        try await services.store.funds.settleFunds(programmeId: programmeId, reader: try await reader(programmeId))
        return try await book(programmeId)
    }

    /// Why a project cannot be closed yet: tranches not paid, or a typed total that differs from
    /// the ledger's.
    func closingProblem(_ instance: InstanceSnapshot, typedTotal: Int64?) async throws -> FieldError? {
        guard let project = try await settled(instance.programmeId).projects[instance.id] else { return nil }
        let open = project.tranches.filter { !$0.isPaid && $0.status != .cancelled }
        if !open.isEmpty {
            return FieldError(
                field: "subsidy_paid_total",
                message: LocalizedText(
                    zh: "尚有 \(open.count) 笔补助资金未拨付（第 \(open.map { String($0.number) }.joined(separator: "、")) 批），不能结项",
                    en:
                        "\(open.count) tranche(s) are not paid yet (\(open.map { "#\($0.number)" }.joined(separator: ", "))); the project cannot be closed"
                ))
        }
        let paid = project.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount }
        if let typedTotal, typedTotal != paid.value {
            return FieldError(
                field: "subsidy_paid_total",
                message: LocalizedText(
                    zh: "累计拨付应为账上 \(paid.yuanText) 元", en: "The total paid must be the ledger's ¥\(paid.yuanText)"))
        }
        return nil
    }

    // MARK: Releases

    func officer(_ actor: Actor) -> Officer {
        Officer(userId: actor.userId, organisationId: actor.organisationId, principalUserId: actor.principalUserId)
    }

    /// Drains the record jobs the payments queued (`release_records`): one `record_release` per
    /// paid tranche on its project (history + national outbox), as the release's approver, with the
    /// ledger's release number as the fact that allows it. A job is removed only once its record is
    /// on the project (applied now, or found applied by its idempotency key after a crash); a stale
    /// version (another decision on the project meanwhile) is retried at once, anything else stays
    /// queued with its reason for the next drain and `ledger check`.
    /// Returns how many tranches were recorded.
    @discardableResult
    func recordReleases(programmeId: String? = nil) async throws -> Int {
        var recorded = 0
        var books: [String: FundsBook] = [:]
        for job in try await services.store.funds.releaseRecordJobs(programmeId: programmeId) {
            if books[job.programmeId] == nil {
                books[job.programmeId] = try await services.store.funds.fundsBook(programmeId: job.programmeId)
            }
            guard let book = books[job.programmeId], let release = book.release(job.releaseNumber),
                case .paid(_, let at, _) = release.state, let tranche = book.tranche(job.tranche)
            else {
                try await services.store.funds.failReleaseRecord(job, error: "release or tranche not paid in the book")
                continue
            }
            guard let approver = try await services.store.accounts.user(id: job.approverUserId) else {
                try await services.store.funds.failReleaseRecord(job, error: "approver \(job.approverUserId) not found")
                continue
            }
            // As the approving officer, acting in the finance-officer role of the programme.
            let actor = Actor(
                userId: approver.id, displayName: approver.displayName, organisationId: approver.organisationId,
                grants: [RoleGrant(role: .financeOfficer, scope: .programme(job.programmeId))])
            let input: [String: JSONValue] = [
                "release_no": .int(Int64(release.number)), "tranche_no": .int(Int64(tranche.number)),
                "tranche_amount": .string(tranche.amount.plainYuanText),
                "central_amount": .string(tranche.central.plainYuanText),
                "local_amount": .string(tranche.local.plainYuanText),
                "paid_on": .string(Shanghai.dateText(at)),
            ]
            let command = Command(
                instanceId: job.tranche.project, transitionId: "record_release", input: input,
                idempotencyKey: "release-\(release.number)-\(job.tranche)", facts: ["ledger_release": .int(Int64(release.number))]
            )
            var outcome = try await services.workflows.execute(command, actor: actor)
            for _ in 0..<3 {
                guard case .refused(.staleVersion) = outcome else { break }
                outcome = try await services.workflows.execute(command, actor: actor)
            }
            switch outcome {
            case .applied, .replayed:
                try await services.store.funds.finishReleaseRecord(job)
                recorded += 1
            case .refused(let refusal):
                services.logger.warning(
                    "release record waits for a retry",
                    metadata: ["release": "\(release.number)", "tranche": "\(job.tranche)", "refusal": "\(refusal.code)"])
                try await services.store.funds.failReleaseRecord(job, error: refusal.message.zh + " / " + refusal.message.en)
            }
        }
        return recorded
    }
}
