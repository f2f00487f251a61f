import Foundation
import Funds
import PilotDomain
import PilotStore

/// What `smepilot ledger check` verifies for every programme, after draining the queued work
/// (projects queued for reconciliation, paid tranches queued for their project record):
/// - the book as its rows hold it (rebuilt, not the cache) with every posting's lines balanced —
///   the one journal invariant the rows' constraints cannot state;
/// - the book's own invariants (`FundsBook.check`: debits = credits, 1:1 matching per project and
///   programme, no tranche paid twice, paid tranches = release postings, no negative cash,
///   recoveries within what is owed);
/// - every project's book entry against the project's own data: the amount (the approval in
///   force), the tranches (due, held, cancelled as its milestones and state say) and the state
///   (terminated, closed, held at the mid-term) — each difference is a finding;
/// - every paid tranche recorded on its project exactly once (history and national outbox), with
///   the amounts the ledger paid.
public struct LedgerCheck: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Finding: Sendable, CustomStringConvertible {
        public var programme: String
        public var message: LocalizedText
        public var description: String { "\(programme): \(message.zh) / \(message.en)" }
    }

    public func run() async throws -> (programmes: Int, postings: Int, findings: [Finding]) {
        var findings: [Finding] = []
        var postings = 0
        let programmes = try await services.store.programmes.programmes()
        let funds = FundsService(services: services)
        _ = try await funds.recordReleases()
        for programme in programmes {
            guard try await services.store.funds.fundsBook(programmeId: programme.id) != nil else { continue }
            _ = try await funds.settled(programme.id)
            // The book as its rows hold it, rebuilt for the check rather than taken from the cache.
            guard let stored = try await services.store.funds.storedFunds(programmeId: programme.id) else { continue }
            let book = stored.book
            postings += book.ledger.postings.count
            var messages = book.check().map(\.message)
            if let unbalanced = stored.unbalancedPosting {
                messages.append(
                    LocalizedText(
                        zh: "分录账第 \(unbalanced) 号凭证的行借贷不平", en: "The stored lines of posting \(unbalanced) do not balance"))
            }
            messages += try await entriesAgainstProjects(book, programmeId: programme.id)
            messages += try await recordsAgainstLedger(book, programmeId: programme.id)
            findings += messages.map { Finding(programme: programme.code, message: $0) }
        }
        return (programmes.count, postings, findings)
    }

    /// Each project's entry against what reconciling it with the project's data would make it.
    func entriesAgainstProjects(_ book: FundsBook, programmeId: String) async throws -> [LocalizedText] {
        let reader = try await FundsService(services: services).reader(programmeId)
        let projects = try await services.store.instances.subsidisedProjects(programmeId: programmeId)
        var messages: [LocalizedText] = []
        for project in projects {
            guard let lifecycle = reader.lifecycle(project) else {
                continue
            }
            var expected = book
            expected.reconcile(lifecycle, at: services.store.clock.now())
            messages += LedgerDifference.between(
                book: book.projects[project.id], project: expected.projects[project.id],
                // An effective amendment set the subsidy the book holds; the approval's no longer rules.
                approved: book.isAmended(project: project.id)
                    ? book.projects[project.id]?.approvedSubsidy ?? lifecycle.approvedSubsidy : lifecycle.approvedSubsidy,
                id: project.id)
        }
        let known = Set(projects.map(\.id))
        for id in book.projects.keys.sorted() where !known.contains(id) {
            messages.append(
                LocalizedText(
                    zh: "账上有项目 \(id) 的补助，但该项目没有有效的核定补助", en: "The book funds project \(id), which has no approved subsidy"))
        }
        return messages
    }

    /// Every paid tranche recorded on its project once, with the amount paid; nothing recorded that
    /// the ledger did not pay; no record job left failing.
    func recordsAgainstLedger(_ book: FundsBook, programmeId: String) async throws -> [LocalizedText] {
        var messages: [LocalizedText] = []
        for project in book.projects.values.sorted(by: { $0.id < $1.id }) {
            let records = try await services.store.instances.history(project.id).filter { $0.transitionId == "record_release" }
                .map { JSONValue.parseObject($0.inputJSON) }
            for tranche in project.tranches {
                let recorded = records.filter { $0["tranche_no"]?.intValue == Int64(tranche.number) }
                let amounts = recorded.compactMap { $0["tranche_amount"]?.intValue }
                switch (tranche.isPaid, recorded.count) {
                case (true, 0):
                    messages.append(
                        LocalizedText(
                            zh: "拨付批次 \(tranche.id) 已记账，但未在项目中登记（未报送国家平台）",
                            en:
                                "Tranche \(tranche.id) is paid in the ledger but not recorded on the project (not reported nationally)"
                        ))
                case (true, 1) where amounts != [tranche.amount.value]:
                    messages.append(
                        LocalizedText(
                            zh: "拨付批次 \(tranche.id) 项目登记金额与账面 \(tranche.amount.yuanText) 元不符",
                            en:
                                "Tranche \(tranche.id) is recorded on the project with another amount than the ledger's ¥\(tranche.amount.yuanText)"
                        ))
                case (false, 1...), (true, 2...):
                    messages.append(
                        LocalizedText(
                            zh: "拨付批次 \(tranche.id) 在项目中登记 \(recorded.count) 次，账面\(tranche.isPaid ? "拨付 1 次" : "未拨付")",
                            en:
                                "Tranche \(tranche.id) is recorded \(recorded.count) times on the project; the ledger paid it \(tranche.isPaid ? "once" : "never")"
                        ))
                default:
                    break
                }
            }
        }
        for job in try await services.store.funds.releaseRecordJobs(programmeId: programmeId) {
            messages.append(
                LocalizedText(
                    zh: "拨付单 \(job.releaseNumber) 的 \(job.tranche) 尚未登记到项目（已尝试 \(job.attempts) 次：\(job.lastError ?? "—")）",
                    en:
                        "Release \(job.releaseNumber), \(job.tranche): not yet recorded on the project (\(job.attempts) attempts: \(job.lastError ?? "—"))"
                ))
        }
        return messages
    }
}

/// The differences between a project's entry in the book and the entry its data calls for.
enum LedgerDifference {
    /// `approved` is the subsidy of the approval in force on the project (zero: none).
    static func between(book: ProjectFunding?, project: ProjectFunding?, approved: Fen, id: String) -> [LocalizedText] {
        switch (book, project) {
        case (nil, nil):
            return []
        case (nil, .some(let expected)):
            return [
                LocalizedText(
                    zh: "项目 \(id) 已核定补助 \(expected.approvedSubsidy.yuanText) 元，但账上没有登记",
                    en: "Project \(id) has an approved subsidy of ¥\(expected.approvedSubsidy.yuanText) the book does not know")
            ]
        case (.some, nil):
            return [LocalizedText(zh: "账上登记了项目 \(id)，但项目未获核定补助", en: "The book registers project \(id), which has no approval")]
        case (.some(let entry), .some(let expected)):
            var messages: [LocalizedText] = []
            let closed = expected.hold == .terminated || expected.hold == .cancelled
            if approved > .zero, !closed, entry.approvedSubsidy != approved {
                messages.append(
                    LocalizedText(
                        zh: "项目 \(id) 账上核定补助 \(entry.approvedSubsidy.yuanText) 元，项目为 \(approved.yuanText) 元",
                        en:
                            "Project \(id): the book's subsidy is ¥\(entry.approvedSubsidy.yuanText), the project's ¥\(approved.yuanText)"
                    ))
            }
            if entry.hold != expected.hold {
                messages.append(
                    LocalizedText(
                        zh: "项目 \(id) 账上状态为“\(entry.hold.label.zh)”，按项目应为“\(expected.hold.label.zh)”",
                        en:
                            "Project \(id): the book says \"\(entry.hold.label.en)\", the project calls for \"\(expected.hold.label.en)\""
                    ))
            }
            let tranches = entry.tranches.map(\.amount)
            if tranches.reduce(Fen.zero, +) != entry.approvedSubsidy {
                messages.append(
                    LocalizedText(
                        zh: "项目 \(id) 各期金额之和不等于核定补助", en: "Project \(id): the tranches do not add up to the approved subsidy"))
            }
            if entry.approvedSubsidy == expected.approvedSubsidy {
                for (have, want) in zip(entry.tranches, expected.tranches) where have.status != want.status {
                    messages.append(
                        LocalizedText(
                            zh: "拨付批次 \(have.id) 账上为 \(text(have.status))，按项目应为 \(text(want.status))",
                            en:
                                "Tranche \(have.id): the book says \(text(have.status)), the project calls for \(text(want.status))"
                        ))
                }
            }
            return messages
        }
    }

    static func text(_ status: TrancheStatus) -> String {
        switch status {
        case .planned: "planned 计划"
        case .due: "due 待拨付"
        case .paid(let release): "paid 已拨付 #\(release)"
        case .cancelled: "cancelled 已取消"
        }
    }
}
