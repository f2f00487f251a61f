import Funds
import PilotDomain

/// The ledger as officials read it: each account by name — what it holds, the enterprise and the
/// funding source ("已拨补助 · 天津某某公司 · 中央财政奖补资金") — and each entry's kind and side in the
/// page's language, instead of the internal ids (`subsidy_paid:prj_…:central`, `release`; issue #11).
struct LedgerNames {
    var book: FundsBook
    /// Enterprise names by project (instance) id.
    var enterprises: [String: String]
    var language: UILanguage
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func account(_ account: Account) -> String {
        let parts: [String] =
            switch account {
            case .cash(let id): [t(LedgerText.cash), source(id)]
            case .contributions(let id): [t(LedgerText.contributions), source(id)]
            case .subsidyPaid(let project, let share): [t(LedgerText.subsidyPaid), enterprise(project), self.share(share)]
            case .recoveryReceivable(let project): [t(LedgerText.recoveryReceivable), enterprise(project)]
            case .recoveries(let project): [t(LedgerText.recoveries), enterprise(project)]
            }
        return parts.joined(separator: " · ")
    }

    func source(_ id: String) -> String { book.sources[id].map { t($0.name) } ?? id }

    func enterprise(_ project: String) -> String { enterprises[project] ?? project }

    /// A paid subsidy is split by share, not by source: central money has one source (the central
    /// award), named as such; local money may come from several, so it is named as a whole.
    func share(_ share: FundShare) -> String {
        let sources = book.sources.values.filter { $0.kind.isLocal == (share == .local) }
        if sources.count == 1, let only = sources.first { return t(only.name) }
        return t(share == .central ? LedgerText.centralShare : LedgerText.localShare)
    }

    func kind(_ kind: PostingKind) -> String {
        switch kind {
        case .receipt: t(LedgerText.receipt)
        case .release: t(LedgerText.release)
        case .recoveryOpened: t(LedgerText.recoveryOpened)
        case .recoveryRepaid: t(LedgerText.recoveryRepaid)
        case .reversal: t(LedgerText.reversal)
        case .recoveryOffset: t(LedgerText.recoveryOffset)
        }
    }

    func side(_ side: PostingSide) -> String { t(side == .debit ? LedgerText.debit : LedgerText.credit) }
}

enum LedgerText {
    static let cash = LocalizedText(zh: "可用资金", en: "Cash")
    static let contributions = LocalizedText(zh: "拨入资金", en: "Contributions")
    static let subsidyPaid = LocalizedText(zh: "已拨补助", en: "Subsidy paid")
    static let recoveryReceivable = LocalizedText(zh: "应追回补助", en: "Subsidy to recover")
    static let recoveries = LocalizedText(zh: "已追回补助", en: "Subsidy recovered")
    static let centralShare = LocalizedText(zh: "中央资金", en: "Central money")
    static let localShare = LocalizedText(zh: "地方配套资金", en: "Local matching money")
    static let receipt = LocalizedText(zh: "资金到位", en: "Receipt")
    static let release = LocalizedText(zh: "补助拨付", en: "Release")
    static let recoveryOpened = LocalizedText(zh: "确认应追回", en: "Recovery stated")
    static let recoveryRepaid = LocalizedText(zh: "追回到账", en: "Recovery repaid")
    static let reversal = LocalizedText(zh: "红字冲销", en: "Reversal")
    static let recoveryOffset = LocalizedText(zh: "追回抵扣拨付", en: "Recovery offset")
    static let debit = LocalizedText(zh: "借", en: "Debit")
    static let credit = LocalizedText(zh: "贷", en: "Credit")
    static let kindHeading = LocalizedText(zh: "业务类型", en: "Kind")
    static let when = LocalizedText(zh: "记账时间", en: "Posted")
    static let lines = LocalizedText(zh: "分录", en: "Entries")
}
