import Foundation
import PilotDomain

/// The expert panel of one plan review (domain.md §2.4, issue "Review"): the district names the
/// experts; each declares conflicts of interest before seeing the plan; a conflicted expert leaves
/// the panel (and with it loses sight of the plan); each remaining expert scores once.
///
/// Data kept on the instance: `assigned_reviewers` (user ids; also a scope key, see
/// `InstanceSnapshot.scopeKeys`), `declarations` (user id → {conflict, detail, at}), `reviews`
/// (one per expert of this round), `review_count`, `reviewers_required`, and `previous_reviews`
/// (earlier rounds, kept for the record when a revised plan is reviewed again).
public enum ReviewPanel {
    public static func assigned(_ data: [String: JSONValue]) -> [String] {
        (data["assigned_reviewers"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The expert's declaration, if made: true = declared a conflict.
    public static func declaredConflict(_ data: [String: JSONValue], userId: String) -> Bool? {
        data["declarations"]?.objectValue?[userId]?.objectValue?["conflict"]?.boolValue
    }

    /// An assigned expert who has not yet declared may see only the declaration form.
    public static func mustDeclareFirst(_ data: [String: JSONValue], userId: String) -> Bool {
        assigned(data).contains(userId) && declaredConflict(data, userId: userId) == nil
    }

    public static func hasReviewed(_ data: [String: JSONValue], userId: String) -> Bool {
        (data["reviews"]?.arrayValue ?? []).contains { $0.objectValue?["reviewer"]?.stringValue == userId }
    }

    /// `reviewer_ids` as typed: user ids separated by commas, spaces or 、.
    public static func parseIds(_ text: String?) -> [String] {
        var seen: Set<String> = []
        return (text ?? "").split(whereSeparator: { ",， 、\n".contains($0) }).map(String.init).filter { seen.insert($0).inserted }
    }

    // MARK: Guards

    static let panelLargeEnough: Guard = { context in
        let ids = parseIds(context.input["reviewer_ids"]?.stringValue)
        let minimum = Int(context.rules.int("reviewers_required", default: 1))
        if ids.count >= minimum { return .pass }
        return .fail(
            LocalizedText(
                zh: "评审专家不足：已选 \(ids.count) 名，本试点规定至少 \(minimum) 名",
                en: "Too few experts: \(ids.count) chosen, the programme needs at least \(minimum)"))
    }

    static let declarationPending: Guard = { context in
        guard declaredConflict(context.data, userId: context.actor.userId) == nil else {
            return .fail(LocalizedText(zh: "您已就该方案作出利益冲突声明", en: "You have already declared on this plan"))
        }
        guard assigned(context.data).contains(context.actor.userId) else {
            return .fail(LocalizedText(zh: "您不是该方案的评审专家", en: "You are not on this plan's review panel"))
        }
        return .pass
    }

    static let conflictExplained: Guard = { context in
        let conflicted = context.input["conflict"]?.stringValue == "conflicted"
        let detail = context.input["conflict_detail"]?.stringValue ?? ""
        if !conflicted || !detail.isEmpty { return .pass }
        return .fail(
            LocalizedText(zh: "声明存在利益冲突时请说明情况", en: "Please describe the conflict of interest you declare"))
    }

    static let declaredNoConflict: Guard = { context in
        if declaredConflict(context.data, userId: context.actor.userId) == false { return .pass }
        return .fail(
            LocalizedText(
                zh: "评分前须先声明与该企业及服务商无利益冲突", en: "Declare that you have no conflict of interest before scoring"))
    }

    static let onceEach: Guard = { context in
        guard !hasReviewed(context.data, userId: context.actor.userId) else {
            return .fail(LocalizedText(zh: "您已提交过本轮评审意见", en: "You have already reviewed this round"))
        }
        return .pass
    }

    /// Every expert on the panel has scored, and the panel is as large as the programme requires.
    static let allReviewsIn: Guard = { context in
        let panel = assigned(context.data)
        let minimum = Int(context.rules.int("reviewers_required", default: 1))
        let required = max(panel.count, minimum)
        let done = panel.filter { hasReviewed(context.data, userId: $0) }.count
        if done >= required, !panel.isEmpty { return .pass }
        return .fail(
            LocalizedText(
                zh: "专家评审尚未完成（已评 \(done) 份，需 \(required) 份）",
                en: "Expert review is not complete (\(done) of \(required) reviews in)"))
    }

    // MARK: Effects

    /// Names the panel. A new round (from plan_filed, e.g. after a revision) moves earlier reviews
    /// to `previous_reviews`; changing the panel during a round keeps the reviews and declarations
    /// of experts who stay on it.
    static let assign: Effect = { context in
        let ids = parseIds(context.input["reviewer_ids"]?.stringValue)
        var reviews = context.data["reviews"]?.arrayValue ?? []
        var declarations = context.data["declarations"]?.objectValue ?? [:]
        if context.instance.state != context.transition.target(from: context.instance.state) {
            if !reviews.isEmpty {
                let previous = context.data["previous_reviews"]?.arrayValue ?? []
                context.data["previous_reviews"] = .array(previous + reviews)
            }
            reviews = []
            declarations = [:]
        } else {
            reviews = reviews.filter { ids.contains($0.objectValue?["reviewer"]?.stringValue ?? "") }
            declarations = declarations.filter { ids.contains($0.key) }
        }
        context.data["assigned_reviewers"] = .array(ids.map { .string($0) })
        context.data["reviews"] = .array(reviews)
        context.data["declarations"] = .object(declarations)
        context.data["review_count"] = .int(Int64(reviews.count))
        context.data["reviewers_required"] = .int(Int64(ids.count))
        if let deadline = context.input["review_deadline"] { context.data["review_deadline"] = deadline }
    }

    /// Records the declaration; a conflicted expert leaves the panel at once.
    static let declare: Effect = { context in
        let conflicted = context.input["conflict"]?.stringValue == "conflicted"
        var declarations = context.data["declarations"]?.objectValue ?? [:]
        declarations[context.actor.userId] = .object([
            "conflict": .bool(conflicted),
            "detail": context.input["conflict_detail"] ?? .string(""),
            "name": .string(context.actor.displayName),
            "at": .string(Shanghai.dateTimeText(context.now)),
        ])
        context.data["declarations"] = .object(declarations)
        if conflicted {
            let remaining = assigned(context.data).filter { $0 != context.actor.userId }
            context.data["assigned_reviewers"] = .array(remaining.map { .string($0) })
            context.data["reviewers_required"] = .int(Int64(remaining.count))
            var withdrawn = context.data["conflicted_reviewers"]?.arrayValue ?? []
            withdrawn.append(.string(context.actor.userId))
            context.data["conflicted_reviewers"] = .array(withdrawn)
        }
    }
}
