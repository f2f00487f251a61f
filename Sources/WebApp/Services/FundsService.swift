import Foundation
import Funds
import Logging
import PilotDomain
import PilotStore
import WorkflowEngine

/// The funds of a programme as the pages, the API and the workflow use them. The rules are the
/// pure `FundsBook`; this service loads and stores it (`PilotStore.changeFunds`, serialised per
/// programme), feeds it the lifecycle milestones, and after a release is paid records one
/// `record_release` transition per tranche on the project, which puts the release on the
/// project's timeline and in the national outbox.
struct FundsService: Sendable {
    let services: AppServices

    /// The sources of a Binhai-like programme (domain.md §1): the central award, the city fund,
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

    /// Which local source pays a project's local share: the development zone's own fund where the
    /// enterprise sits in one of the three zones with a fund, else district/street funds.
    static func localSource(zoneCode: String?) -> String {
        switch zoneCode {
        case "TEDA": "teda"
        case "TPFTZ": "tianjin_port_ftz"
        case "BHTZ": "binhai_hitech"
        default: "district"
        }
    }

    /// The programme's funding rules from its rule version: `central_share_percent`,
    /// `tranche_plan` ("50/50" or "30/40/30"), `hold_until_matched`.
    static func rules(_ values: [String: JSONValue]) -> FundingRules {
        let share = Int(values["central_share_percent"]?.intValue ?? 50)
        let plan: TranchePlan =
            values["tranche_plan"]?.stringValue == "30/40/30" ? .thirtyFortyThirty : .halfAtFilingHalfAtAcceptance
        return
            (try? FundingRules(
                centralSharePercent: share, tranchePlan: plan,
                holdUntilMatched: values["hold_until_matched"]?.boolValue ?? (values["hold_until_matched"]?.stringValue == "yes")))
            ?? .standard
    }

    func book(_ programmeId: String) async throws -> FundsBook {
        if let book = try await services.store.fundsBook(programmeId: programmeId) { return book }
        let rules = Self.rules(try await services.store.programmeRules(programmeId))
        let book = try FundsBook(rules: rules, sources: Self.defaultSources)
        try await services.store.createFundsBook(programmeId: programmeId, book)
        return try await services.store.fundsBook(programmeId: programmeId) ?? book
    }

    func change<Value: Sendable>(
        _ programmeId: String, _ action: String, _ detail: String, by actor: Actor,
        _ body: @Sendable (inout FundsBook) throws(FundsRefusal) -> Value
    ) async throws -> Result<Value, FundsRefusal> {
        _ = try await book(programmeId)
        return try await services.store.changeFunds(
            programmeId: programmeId, action: action, detail: detail,
            actor: ChangeActor(userId: actor.userId, name: actor.displayName), body)
    }

    // MARK: Lifecycle milestones

    /// Brings the book up to date with the projects' lifecycle: registers approved projects and
    /// applies milestones, mid-term outcomes and terminations. Idempotent, so it runs after every
    /// decision that matters to money and again whenever the finance workspace opens (which also
    /// repairs anything a crash between the two writes left behind).
    /// Returns the book as it stands afterwards.
    @discardableResult
    func catchUp(_ programmeId: String, only instanceIds: [String]? = nil) async throws -> FundsBook {
        let book = try await book(programmeId)
        let zones = Dictionary(
            try await services.store.areas(programmeId: programmeId).map { ($0.id, $0.code) },
            uniquingKeysWith: { first, _ in first })
        var steps: [LifecycleStep] = []
        var projects: [SubsidisedProject] = []
        if let instanceIds {
            for id in instanceIds {
                if let instance = try await services.store.instance(id) { projects.append(Self.subsidised(instance)) }
            }
        } else {
            // Every page load of /finance: a light row per subsidised project, no documents.
            projects = try await services.store.subsidisedProjects(programmeId: programmeId)
        }
        for instance in projects {
            let subsidy = instance.approvedSubsidy
            guard subsidy > 0, let enterprise = instance.enterpriseId else { continue }
            let id = instance.id
            let taken = instance.transitionsTaken
            let project = book.projects[id]
            if project == nil {
                let source = Self.localSource(zoneCode: instance.zoneId.flatMap { zones[$0] })
                steps.append(.register(id, enterprise: enterprise, subsidy: Fen(subsidy), source: source))
            }
            if project?.hold == .terminated { continue }
            if instance.state == "terminated" {
                // Never more than was paid (checked when terminating; kept safe here too).
                let paid = project?.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount } ?? .zero
                let stated = Fen(instance.fundsToRecover ?? 0)
                steps.append(.terminate(id, recover: min(stated, paid)))
                continue
            }
            if taken.contains("file_task_book") { steps.append(.milestone(id, .taskBookSigned)) }
            switch instance.state {
            case "midterm_rectification": if project?.hold != .rectify { steps.append(.midterm(id, .rectify)) }
            case "midterm_failed": if project?.hold != .failed { steps.append(.midterm(id, .failed)) }
            default:
                if taken.contains("pass_midterm") {
                    if project?.hold == .rectify { steps.append(.midterm(id, .passed)) }
                    steps.append(.milestone(id, .midtermPassed))
                }
            }
            if taken.contains("accept_project") { steps.append(.milestone(id, .accepted)) }
        }
        // Most runs find the book up to date (every page load of /finance runs one). Only steps that
        // change their project in the book just read are written: a write takes the programme's
        // funds lock, stores a new version of the book and adds a line to the funds log, which
        // would otherwise fill with "catch_up" lines that changed nothing.
        let now = services.store.clock.now()
        var trial = book
        var effective: [LifecycleStep] = []
        for step in steps {
            let before = trial.projects[step.projectId]
            step.applyIfPossible(to: &trial, at: now)
            if trial.projects[step.projectId] != before { effective.append(step) }
        }
        guard !effective.isEmpty else { return book }
        let all = effective
        // One change, on the book as it is under the lock: each step that applies is kept; one that
        // no longer does (another process applied it meanwhile) is skipped.
        let outcome = try await services.store.changeFunds(
            programmeId: programmeId, action: "catch_up", detail: "\(all.count) lifecycle steps",
            actor: ChangeActor(userId: "system", name: "系统 System")
        ) { book throws(FundsRefusal) in
            for step in all { step.applyIfPossible(to: &book, at: now) }
            return book
        }
        return (try? outcome.get()) ?? trial
    }

    /// The catch-up's view of one instance (after a decision, read with its document).
    static func subsidised(_ instance: InstanceSnapshot) -> SubsidisedProject {
        SubsidisedProject(
            id: instance.id, state: instance.state, enterpriseId: instance.subjectOrganisationId, zoneId: instance.zoneId,
            transitionsTaken: Set(instance.participants.keys), approvedSubsidy: instance.data["approved_subsidy"]?.intValue ?? 0,
            fundsToRecover: instance.data["funds_to_recover"]?.intValue)
    }

    /// The transitions after which the book must hear about the project.
    static let moneyMilestones: Set<String> = [
        "approve_plan", "file_task_book", "pass_midterm", "rectify_midterm", "fail_midterm", "accept_project", "terminate",
    ]

    /// Why a project cannot be closed yet: tranches not paid, or a typed total that differs from
    /// the ledger's.
    func closingProblem(_ instance: InstanceSnapshot, typedTotal: Int64?) async throws -> FieldError? {
        guard let project = try await book(instance.programmeId).projects[instance.id] else { return nil }
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

    /// After a paid release: one `record_release` per tranche on its project (history + outbox),
    /// as the approving officer, with the ledger's release number as the fact that allows it.
    func recordOnProjects(_ release: Release, book: FundsBook, approver: Actor) async throws {
        guard case .paid(_, let at, _) = release.state else { return }
        for id in release.tranches {
            guard let tranche = book.tranche(id) else { continue }
            let input: [String: JSONValue] = [
                "release_no": .int(Int64(release.number)), "tranche_no": .int(Int64(tranche.number)),
                "tranche_amount": .string(tranche.amount.plainYuanText),
                "central_amount": .string(tranche.central.plainYuanText),
                "local_amount": .string(tranche.local.plainYuanText),
                "paid_on": .string(Shanghai.dateText(at)),
            ]
            let command = Command(
                instanceId: id.project, transitionId: "record_release", input: input,
                idempotencyKey: "release-\(release.number)-\(id)", facts: ["ledger_release": .int(Int64(release.number))])
            let outcome = try await services.workflows.execute(command, actor: approver)
            if case .refused(let refusal) = outcome {
                services.logger.error(
                    "release recorded in the ledger but not on the project",
                    metadata: ["release": "\(release.number)", "tranche": "\(id)", "refusal": "\(refusal)"])
            }
        }
    }
}

/// One lifecycle fact the funds book must know about.
enum LifecycleStep: Sendable {
    case register(String, enterprise: String, subsidy: Fen, source: String)
    case milestone(String, Milestone)
    case midterm(String, MidtermOutcome)
    case terminate(String, recover: Fen)

    /// The project the step is about (each step changes that project's record alone, or the
    /// ledger along with it).
    var projectId: String {
        switch self {
        case .register(let id, _, _, _), .milestone(let id, _), .midterm(let id, _), .terminate(let id, _): id
        }
    }

    func apply(to book: inout FundsBook, at: Date) throws(FundsRefusal) {
        switch self {
        case .register(let id, let enterprise, let subsidy, let source):
            try book.registerProject(id, enterpriseOrganisationId: enterprise, approvedSubsidy: subsidy, localSourceId: source)
        case .milestone(let id, let milestone): _ = try book.milestoneReached(project: id, milestone)
        case .midterm(let id, let outcome): _ = try book.midtermOutcome(project: id, outcome)
        case .terminate(let id, let recover): _ = try book.terminate(project: id, toRecover: recover, at: at)
        }
    }

    /// Applies the step to a copy and keeps the copy only if the step was accepted.
    func applyIfPossible(to book: inout FundsBook, at: Date) {
        var attempt = book
        do {
            try apply(to: &attempt, at: at)
            book = attempt
        } catch {
            return
        }
    }
}
