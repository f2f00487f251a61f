import PilotDomain

/// Something wrong with a stored book — what `smepilot ledger check` prints before exiting 1.
/// The operations never produce one; these catch hand edits, bugs and damaged data.
public enum FundsViolation: Sendable, Hashable {
    case postingInvalid(posting: Int, PostingProblem)
    case matchingBroken(scope: MatchingScope, shortfall: Fen)
    case negativeCash(source: String, balance: Fen)
    /// Release postings pay the tranche more than once.
    case tranchePaidTwice(TrancheID, postings: [Int])
    /// The ledger paid a tranche's share a different amount than the tranche says (zero when the
    /// tranche is not marked paid, or the whole share when it is marked paid but the ledger has no line).
    case trancheLedgerMismatch(TrancheID, share: FundShare, ledger: Fen, expected: Fen)
    /// A release line names a tranche the book does not have.
    case unknownTrancheInLedger(TrancheID, posting: Int)
    /// Central plus local is not the tranche amount.
    case trancheSplitBroken(TrancheID)
    /// More was repaid than the bureau decided to recover.
    case recoveryOverpaid(project: String, by: Fen)
    /// A reversal that is not the exact mirror of one earlier reversible posting, or a second
    /// reversal of the same posting.
    case reversalInvalid(posting: Int, reverses: Int?)

    public var message: LocalizedText {
        switch self {
        case .postingInvalid(let posting, let problem):
            LocalizedText(zh: "凭证 \(posting)：\(problem.message.zh)", en: "Posting \(posting): \(problem.message.en)")
        case .matchingBroken(let scope, let shortfall):
            LocalizedText(
                zh: "\(scope.label.zh)累计地方拨付比中央拨付少 \(shortfall)",
                en: "In \(scope.label.en), cumulative local payments are \(shortfall) below central ones")
        case .negativeCash(let source, let balance):
            LocalizedText(zh: "资金来源 \(source) 余额为负：\(balance)", en: "Funding source \(source) has negative cash: \(balance)")
        case .tranchePaidTwice(let id, let postings):
            LocalizedText(
                zh: "\(id) 被重复拨付（凭证 \(Self.list(postings))）",
                en: "Tranche \(id) is paid more than once (postings \(Self.list(postings)))")
        case .trancheLedgerMismatch(let id, let share, let ledger, let expected):
            LocalizedText(
                zh: "\(id) \(share == .central ? "中央" : "地方")部分账面拨付 \(ledger)，应为 \(expected)",
                en: "Tranche \(id) \(share.rawValue) share: the ledger paid \(ledger), it should be \(expected)")
        case .unknownTrancheInLedger(let id, let posting):
            LocalizedText(zh: "凭证 \(posting) 拨付了不存在的 \(id)", en: "Posting \(posting) pays unknown tranche \(id)")
        case .trancheSplitBroken(let id):
            LocalizedText(zh: "\(id) 中央与地方部分之和不等于该期金额", en: "Tranche \(id): central plus local is not its amount")
        case .recoveryOverpaid(let project, let by):
            LocalizedText(
                zh: "项目 \(project) 退回资金超出应追回 \(by)", en: "Project \(project) repaid \(by) more than was to be recovered")
        case .reversalInvalid(let posting, let reverses):
            LocalizedText(
                zh: "冲销凭证 \(posting) 与被冲销的凭证 \(reverses.map(String.init) ?? "—") 不对应（须逐行反向且只冲销一次）",
                en:
                    "Reversal \(posting) does not mirror posting \(reverses.map(String.init) ?? "—") line for line, or reverses it twice"
            )
        }
    }

    private static func list(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ", ") }
}
