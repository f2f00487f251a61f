import Foundation
import Funds
import PilotDomain
import PilotStore
import ProviderPool

/// The city's two dossiers (policy 004 §四(九) 中期绩效评价, §四(十) 试点验收), assembled from the data:
/// the targets (`Targets.evaluate`, as the dashboard), the funds and the 1:1 matching (the funds
/// summary), cases, chain cases and benchmarks (read through the targets' figures only), the provider
/// pool, training and mobilisation — each section with the office's text; and the checklist of what
/// is missing. Pure: tests build it from constructed figures.
enum DossierKind: String, Sendable, CaseIterable, Hashable {
    case midterm
    case final

    var title: LocalizedText {
        switch self {
        case .midterm: LocalizedText(zh: "城市试点中期绩效评价", en: "The city's mid-term evaluation")
        case .final: LocalizedText(zh: "城市试点验收", en: "The city's final acceptance")
        }
    }

    /// When the policy wants it, if the programme file names no phase for it.
    var defaultDue: String { self == .midterm ? "2024-12-31" : "2025-12-31" }

    /// The documents the dossier needs (the national requirements for a city's evaluation and acceptance).
    var requiredDocuments: [(key: String, name: LocalizedText)] {
        switch self {
        case .midterm:
            [
                ("self_evaluation", LocalizedText(zh: "中期绩效自评报告", en: "Mid-term self-evaluation report")),
                ("funds_report", LocalizedText(zh: "资金使用情况报告", en: "Report on the use of funds")),
                ("cases", LocalizedText(zh: "典型案例材料", en: "Typical cases")),
            ]
        case .final:
            [
                ("acceptance_application", LocalizedText(zh: "试点验收申请书", en: "Application for acceptance")),
                ("summary_report", LocalizedText(zh: "试点工作总结报告", en: "Summary report of the pilot")),
                ("audit_report", LocalizedText(zh: "专项资金审计报告", en: "Audit report of the special funds")),
                ("cases", LocalizedText(zh: "典型案例汇编", en: "Collection of typical cases")),
            ]
        }
    }
}

/// One figure of a section: what it is and its value as shown.
struct DossierFigure: Sendable, Hashable {
    var label: LocalizedText
    var value: String
}

/// One section of a dossier: its figures and the office's text.
struct DossierSection: Sendable {
    var key: String
    var title: LocalizedText
    var figures: [DossierFigure]
    /// Newest first.
    var versions: [DossierText]
    var latest: DossierText? { versions.first }

    static let keys: [(String, LocalizedText)] = [
        ("overview", LocalizedText(zh: "一、总体情况", en: "1. Overview")),
        ("targets", LocalizedText(zh: "二、目标完成情况", en: "2. Targets")),
        ("funds", LocalizedText(zh: "三、资金使用与 1:1 配套", en: "3. Funds and the 1:1 matching")),
        ("cases", LocalizedText(zh: "四、典型案例、链式转型与标杆", en: "4. Cases, chain cases and benchmarks")),
        ("providers", LocalizedText(zh: "五、数字化服务商", en: "5. Service providers")),
        ("training", LocalizedText(zh: "六、人才培训", en: "6. Training")),
        ("mobilisation", LocalizedText(zh: "七、攻坚动员与参与比例", en: "7. Mobilisation and participation")),
    ]

    static let maxText = 20_000
}

/// Something a dossier still misses.
enum DossierMissing: Sendable, Hashable {
    case target(key: String, label: LocalizedText, current: Int?, goal: Int, percent: Bool)
    case matching(central: Fen, local: Fen)
    case text(section: String, title: LocalizedText)
    case document(key: String, name: LocalizedText)

    var message: LocalizedText {
        switch self {
        case .target(_, let label, let current, let goal, let percent):
            let unit = percent ? "%" : ""
            let now = current.map { "\($0)\(unit)" } ?? "—"
            return LocalizedText(
                zh: "目标未达成：\(label.zh)（当前 \(now)，目标 \(goal)\(unit)）",
                en: "Target not met: \(label.en) (now \(now), goal \(goal)\(unit))")
        case .matching(let central, let local):
            return LocalizedText(
                zh: "地方资金未实现 1:1 配套：中央已拨 \(central.yuanText) 元，地方已拨 \(local.yuanText) 元",
                en: "Local money does not match 1:1: central paid ¥\(central.yuanText), local paid ¥\(local.yuanText)")
        case .text(_, let title):
            return LocalizedText(zh: "缺少试点办公室说明：\(title.zh)", en: "No text by the office: \(title.en)")
        case .document(_, let name):
            return LocalizedText(zh: "缺少必备文件：\(name.zh)", en: "Required document missing: \(name.en)")
        }
    }
}

/// The figures a dossier is assembled from, read by `DossierService`.
struct DossierInputs: Sendable {
    var asOf: Date
    var targets: [TargetResult]
    var funds: FundsSummary
    /// Pool members in good standing, removed, and the latest graded year's grades.
    var poolMembers: Int
    var poolRemoved: Int
    var gradeYear: Int?
    var grades: [ProviderGrade: Int]
    var training: TrainingCounts
    var mobilisation: MobilisationStatus.Rate?
    var participationGoal: Int
    var texts: [String: [DossierText]]
    var documents: [DossierDocument]
}

struct Dossier: Sendable {
    var kind: DossierKind
    var due: String
    var asOf: Date
    var sections: [DossierSection]
    var documents: [DossierDocument]
    var missing: [DossierMissing]
    var targets: [TargetResult]

    var isComplete: Bool { missing.isEmpty }

    static func assemble(_ kind: DossierKind, due: String, _ inputs: DossierInputs) -> Dossier {
        func figure(_ zh: String, _ en: String, _ value: String) -> DossierFigure {
            DossierFigure(label: LocalizedText(zh: zh, en: en), value: value)
        }
        func target(_ key: String) -> TargetResult? { inputs.targets.first { $0.target.key == key } }
        func shown(_ result: TargetResult?) -> String {
            guard let result else { return "—" }
            let unit = result.target.unit == .percent ? "%" : ""
            return "\(result.current.map { "\($0)\(unit)" } ?? "—") / \(result.goal)\(unit)"
        }
        let funds = inputs.funds
        var figures: [String: [DossierFigure]] = [:]
        figures["targets"] = inputs.targets.map { DossierFigure(label: $0.target.label, value: shown($0)) }
        figures["funds"] =
            [
                figure("中央资金已拨付（元）", "Central paid (yuan)", funds.centralPaid.yuanText),
                figure("地方配套已拨付（元）", "Local paid (yuan)", funds.localPaid.yuanText),
                figure("1:1 配套", "1:1 matched", funds.isMatched ? "是" : "否"),
                figure("已批准补助合计（元）", "Approved subsidies (yuan)", funds.planned.yuanText),
            ]
            + funds.sources.map {
                DossierFigure(
                    label: LocalizedText(zh: "\($0.name.zh)：到账 / 已拨付（元）", en: "\($0.name.en): received / paid (yuan)"),
                    value: "\($0.received.yuanText) / \($0.disbursed.yuanText)")
            }
        figures["cases"] = ["typical_cases", "chain_led", "benchmarks", "distinctive_practices"].compactMap { key in
            target(key).map { DossierFigure(label: $0.target.label, value: shown($0)) }
        }
        figures["providers"] =
            [
                figure("资源池服务商（在库）", "Pool members in good standing", String(inputs.poolMembers)),
                figure("已移出服务商", "Removed providers", String(inputs.poolRemoved)),
            ]
            + (target("solutions").map { [DossierFigure(label: $0.target.label, value: shown($0))] } ?? [])
            + ProviderGrade.allCases.map { grade in
                DossierFigure(
                    label: LocalizedText(
                        zh: "\(inputs.gradeYear.map { "\($0) 年度" } ?? "")评价：\(grade.label.zh)",
                        en: "\(inputs.gradeYear.map { "\($0) " } ?? "")grade: \(grade.label.en)"),
                    value: String(inputs.grades[grade] ?? 0))
            }
        figures["training"] =
            [
                figure("出席人次", "Attendees", String(inputs.training.attendees)),
                figure("覆盖企业", "Enterprises reached", String(inputs.training.enterprises)),
            ]
            + inputs.training.byAudience.map { row in
                let audience = TrainingAudience(rawValue: row.key)?.label ?? TrainingText.unknown
                return DossierFigure(
                    label: LocalizedText(zh: "\(audience.zh)：出席人次 / 覆盖企业", en: "\(audience.en): attendees / enterprises"),
                    value: "\(row.attendees) / \(row.enterprises)")
            }
        let rate = inputs.mobilisation
        figures["mobilisation"] = [
            figure("规上企业（名单）", "Above-scale firms (roster)", String(rate?.roster ?? 0)),
            figure("已报名项目", "Registered a project", String(rate?.registered ?? 0)),
            figure("参与改造", "Taking part", String(rate?.participating ?? 0)),
            figure("参与比例", "Rate", (rate?.percent).map { "\($0)% / \(inputs.participationGoal)%" } ?? "—"),
        ]
        let sections = DossierSection.keys.map { key, title in
            DossierSection(key: key, title: title, figures: figures[key] ?? [], versions: inputs.texts[key] ?? [])
        }
        var missing: [DossierMissing] = []
        for result in inputs.targets where (result.current ?? Int.min) < result.goal {
            missing.append(
                .target(
                    key: result.target.key, label: result.target.label, current: result.current, goal: result.goal,
                    percent: result.target.unit == .percent))
        }
        if !funds.isMatched { missing.append(.matching(central: funds.centralPaid, local: funds.localPaid)) }
        for section in sections
        where (section.latest?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            missing.append(.text(section: section.key, title: section.title))
        }
        let uploaded = Set(inputs.documents.map(\.kind))
        for document in kind.requiredDocuments where !uploaded.contains(document.key) {
            missing.append(.document(key: document.key, name: document.name))
        }
        return Dossier(
            kind: kind, due: due, asOf: inputs.asOf, sections: sections, documents: inputs.documents, missing: missing,
            targets: inputs.targets)
    }
}
