import PilotDomain

/// The typed record slots of a project as the national platform expects them (issue #15): per
/// stage, the documents it files (企业档案, 项目备案, 数字化水平评测, 申请验收, 申请奖补资金). Each
/// upload into a slot is a version, draft until the uploader's side or the district marks it final;
/// only final versions are sent to the national platform. A slot named by a transition's
/// `requiredFor` must hold a final version before that transition, when the programme rule
/// `record_slots_required` is on.
public struct RecordSlot: Sendable, Hashable {
    public var id: String
    public var stage: LocalizedText
    public var name: LocalizedText
    /// The transitions refused while the slot has no final version.
    public var requiredFor: [String]

    public static let all: [RecordSlot] = [
        RecordSlot(
            id: "profile_basic", stage: Stage.profile, name: LocalizedText(zh: "基本信息", en: "Basic information"),
            requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "profile_transformation", stage: Stage.profile,
            name: LocalizedText(zh: "转型情况", en: "Transformation so far"), requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "profile_outcomes", stage: Stage.profile,
            name: LocalizedText(zh: "改造前后成效", en: "Results before and after"), requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "filing_contract", stage: Stage.filing, name: LocalizedText(zh: "改造合同", en: "Transformation contract"),
            requiredFor: ["file_task_book"]),
        RecordSlot(
            id: "filing_authenticity", stage: Stage.filing,
            name: LocalizedText(zh: "真实性声明", en: "Declaration of authenticity"), requiredFor: ["file_task_book"]),
        RecordSlot(
            id: "level_before", stage: Stage.level,
            name: LocalizedText(zh: "改造前自评报告", en: "Self-assessment before"), requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "level_after", stage: Stage.level,
            name: LocalizedText(zh: "改造后自评报告", en: "Self-assessment after"), requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "acceptance_investment", stage: Stage.acceptance,
            name: LocalizedText(zh: "投入清单明细表", en: "Investment list in detail"), requiredFor: ["apply_acceptance"]),
        RecordSlot(
            id: "subsidy_application", stage: Stage.subsidy,
            name: LocalizedText(zh: "奖补资金申请表", en: "Subsidy application form"), requiredFor: []),
    ]

    public enum Stage {
        public static let profile = LocalizedText(zh: "企业档案", en: "Enterprise file")
        public static let filing = LocalizedText(zh: "项目备案", en: "Project filing")
        public static let level = LocalizedText(zh: "数字化水平评测", en: "Digital level assessment")
        public static let acceptance = LocalizedText(zh: "申请验收", en: "Acceptance application")
        public static let subsidy = LocalizedText(zh: "申请奖补资金", en: "Subsidy application")
        public static let all = [profile, filing, level, acceptance, subsidy]
    }

    public static func slot(_ id: String) -> RecordSlot? { all.first { $0.id == id } }

    /// The slots `transition` needs final.
    public static func required(for transition: String) -> [RecordSlot] { all.filter { $0.requiredFor.contains(transition) } }
}

/// What a project's records lack before a transition: the rule-dependent checks of issue #15, each
/// a sentence the person can act on. `ProjectCommands` passes them to the engine as the fact
/// `records_problems`; the guard `records_complete` refuses the transition while there are any.
public enum RecordsCheck {
    /// The check of the records before acceptance (申请验收): every service contract effective (its
    /// signed scan on file), its invoices and its payment vouchers each adding up exactly to its amount
    /// (an invoice or voucher beyond the amount is refused when recorded), and the investment list
    /// adding up to the contracts. At least one contract is needed.
    public static func acceptanceProblems(
        contracts: [ServiceContract], payments: [ContractPayment], investment: [InvestmentItem]
    ) -> [LocalizedText] {
        let services = contracts.filter { $0.kind == .service }
        guard !services.isEmpty else {
            return [
                LocalizedText(
                    zh: "尚未登记服务合同（合同管理）", en: "No service contract is registered (contract management)")
            ]
        }
        var problems: [LocalizedText] = []
        for contract in services.sorted(by: { $0.contractNo < $1.contractNo }) {
            let number = contract.contractNo
            if !contract.isEffective {
                problems.append(
                    LocalizedText(
                        zh: "合同 \(number) 未上传签署扫描件，尚未生效", en: "Contract \(number) has no signed scan and is not effective"))
            }
            for kind in ContractPayment.Kind.allCases {
                let sum = payments.filter { $0.contractId == contract.id && $0.kind == kind }.reduce(Fen.zero) { $0 + $1.amount }
                if sum != contract.amount {
                    problems.append(
                        LocalizedText(
                            zh: "合同 \(number)：\(kind.label.zh)合计 \(sum.yuanText) 元，与合同金额 \(contract.amount.yuanText) 元不符",
                            en:
                                "Contract \(number): \(kind.label.en.lowercased())s add up to ¥\(sum.yuanText), the contract is ¥\(contract.amount.yuanText)"
                        ))
                }
            }
        }
        let contracted = services.reduce(Fen.zero) { $0 + $1.amount }
        let listed = investment.reduce(Fen.zero) { $0 + $1.amount }
        if listed != contracted {
            problems.append(
                LocalizedText(
                    zh: "投入清单合计 \(listed.yuanText) 元，与合同金额合计 \(contracted.yuanText) 元不符",
                    en: "The investment list adds up to ¥\(listed.yuanText), the contracts to ¥\(contracted.yuanText)"))
        }
        return problems
    }

    /// The slots `transition` needs that have no final version.
    public static func missingSlots(for transition: String, documents: [SlotDocument]) -> [LocalizedText] {
        let finals = Set(documents.filter { $0.status == .final }.map(\.slot))
        return RecordSlot.required(for: transition).filter { !finals.contains($0.id) }.map { slot in
            LocalizedText(
                zh: "\(slot.stage.zh)·\(slot.name.zh) 尚无定稿文件", en: "\(slot.stage.en): \(slot.name.en) has no final document")
        }
    }

    /// Why a plan cannot be filed on `day` (nil: `window` is open and has room). `window` is the
    /// window open on `day`, `next` the next one to open after it.
    public static func windowProblem(
        day: String, window: FundWindow?, next: FundWindow?, alreadyFiledThere: Bool
    ) -> LocalizedText? {
        guard let window else {
            if let next {
                return LocalizedText(
                    zh: "\(day) 不在任何开放的申报批次内，下一批次“\(next.name)”于 \(next.opensOn) 至 \(next.closesOn) 受理",
                    en:
                        "\(day) is outside every open application window; the next, “\(next.name)”, takes plans from \(next.opensOn) to \(next.closesOn)"
                )
            }
            return LocalizedText(
                zh: "\(day) 不在任何开放的申报批次内，且尚未安排后续批次",
                en: "\(day) is outside every open application window and no later window is planned")
        }
        if let cap = window.planCap, window.filed >= cap, !alreadyFiledThere {
            return LocalizedText(
                zh: "申报批次“\(window.name)”已达 \(cap) 个方案的上限",
                en: "The window “\(window.name)” already holds its cap of \(cap) plans")
        }
        return nil
    }
}
