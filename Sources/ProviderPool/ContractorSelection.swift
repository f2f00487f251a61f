import Foundation
import PilotDomain

/// Why a step of choosing a main contractor is refused (policy 004 §四(五)): who may apply, when, and
/// which application may be selected. Pure; the store asks these inside the step's transaction.
public enum ContractorRoundRefusal: Error, Sendable, Hashable {
    /// Not a member of this programme's pool: only the pool's providers may apply (从资源池中…自主申报).
    case notInPool
    /// Removed from the pool (第八条), with its reason.
    case removed(RemovalReason)
    case appliedAlready
    case roundClosed
    /// Applications are taken from `from` to `until` (Shanghai dates, inclusive).
    case outsideWindow(from: String, until: String)
    case unknownApplication
    /// Every application is scored before one is selected.
    case unscored(Int)
    /// Choosing an application with a lower total than the best needs a written reason.
    case reasonNeeded
    case roundOpen
    case signedAlready

    public var message: LocalizedText {
        switch self {
        case .notInPool:
            LocalizedText(
                zh: "申报单位不是本试点数字化服务商资源池成员，主承包服务商须从资源池中择优选定",
                en: "The applicant is not a member of this programme's provider pool; main contractors are chosen from the pool")
        case .removed(let reason):
            LocalizedText(
                zh: "申报单位已被移出资源池（第八条第（\(reason.article)）项：\(reason.label.zh)），不能申报主承包服务商",
                en: "The applicant was removed from the pool (art. 8 (\(reason.article)): \(reason.label.en)) and cannot apply")
        case .appliedAlready: LocalizedText(zh: "本轮已提交过申报，每家服务商每轮只能申报一次", en: "One application per provider per round")
        case .roundClosed: LocalizedText(zh: "本轮遴选已结束", en: "The round is closed")
        case .outsideWindow(let from, let until):
            LocalizedText(zh: "本轮申报时间为 \(from) 至 \(until)", en: "Applications are taken from \(from) to \(until)")
        case .unknownApplication: LocalizedText(zh: "请选择本轮的一份申报", en: "Choose an application of this round")
        case .unscored(let count):
            LocalizedText(zh: "尚有 \(count) 份申报未评分，全部评分后才能确定", en: "\(count) applications are not scored yet")
        case .reasonNeeded:
            LocalizedText(
                zh: "所选申报不是综合得分最高者，须书面说明理由", en: "The chosen application is not the best scored: give the reason in writing")
        case .roundOpen: LocalizedText(zh: "本轮尚未确定主承包服务商", en: "The round has not selected its contractor yet")
        case .signedAlready: LocalizedText(zh: "该方已签署承包任务书", en: "That party has signed already")
        }
    }
}

/// The rules of a selection round, as pure functions of what the store read.
public enum ContractorSelection {
    /// Whether a provider with this pool record may apply: a member in good standing only.
    public static func eligibility(_ member: PoolMember?) -> ContractorRoundRefusal? {
        guard let member else { return .notInPool }
        if case .removed(let reason) = member.standing { return .removed(reason) }
        return nil
    }

    /// Whether `chosen` may be selected among the round's applications (id → total, nil when not
    /// scored): every application scored, and either the best total (ties are all best) or a reason.
    public static func check(totals: [String: EvaluationScore?], chosen: String, reason: String) -> ContractorRoundRefusal? {
        guard let chosenTotal = totals[chosen] else { return .unknownApplication }
        let unscored = totals.values.count { $0 == nil }
        guard unscored == 0, let chosenTotal else { return .unscored(unscored) }
        let best = totals.values.compactMap { $0 }.max() ?? chosenTotal
        if chosenTotal < best && reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .reasonNeeded }
        return nil
    }

    /// Whether `day` (YYYY-MM-DD) lies in the application window.
    public static func within(day: String, from: String, until: String) -> ContractorRoundRefusal? {
        from <= day && day <= until ? nil : .outsideWindow(from: from, until: until)
    }
}
