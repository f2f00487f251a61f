import PilotDomain

/// The guards workflow files may name. Each explains a failure in words the user can act on.
public enum StandardGuards {
    public static let all: [String: Guard] = [
        "subsidy_within_cost": subsidyWithinCost,
        "dates_in_order": datesInOrder,
        "all_reviews_in": ReviewPanel.allReviewsIn,
        "panel_large_enough": ReviewPanel.panelLargeEnough,
        "declaration_pending": ReviewPanel.declarationPending,
        "conflict_explained": ReviewPanel.conflictExplained,
        "declared_no_conflict": ReviewPanel.declaredNoConflict,
        "one_review_each": ReviewPanel.onceEach,
        "subsidy_within_cap": SubsidyCap.withinCap,
        "approved_within_request": SubsidyCap.withinRequest,
        "plan_lines_consistent": PlanLines.consistent,
        "ledger_posted": ledgerPosted,
        "task_book_fully_signed": taskBookFullySigned,
        "acceptance_level_passes": acceptanceLevelPasses,
        "no_open_objections": noOpenObjections,
        "records_complete": recordsComplete,
    ]

    /// The requested subsidy may not exceed the total cost of the plan.
    static let subsidyWithinCost: Guard = { context in
        guard let subsidy = context.value("requested_subsidy")?.intValue,
            let cost = context.value("total_cost")?.intValue
        else { return .pass }
        if subsidy <= cost { return .pass }
        return .fail(
            LocalizedText(
                zh: "申请补助（\(Fen(subsidy).yuanText) 元）不能超过项目总投资（\(Fen(cost).yuanText) 元）",
                en: "The requested subsidy (¥\(Fen(subsidy).yuanText)) exceeds the total cost (¥\(Fen(cost).yuanText))"))
    }

    /// start_date ≤ end_date, and every `x_from` ≤ `x_to`.
    static let datesInOrder: Guard = { context in
        var pairs: [(String, String)] = [("start_date", "end_date")]
        for key in context.input.keys where key.hasSuffix("_from") {
            pairs.append((key, String(key.dropLast(5)) + "_to"))
        }
        for (first, second) in pairs {
            guard let start = context.value(first)?.stringValue, let end = context.value(second)?.stringValue else {
                continue
            }
            // Both are validated YYYY-MM-DD strings, so text order is date order.
            if start > end {
                return .fail(
                    LocalizedText(
                        zh: "开始日期（\(start)）不能晚于结束日期（\(end)）",
                        en: "The start date (\(start)) is after the end date (\(end))"))
            }
        }
        return .pass
    }

    /// The authority, the digital provider and the enterprise have all signed.
    static let taskBookFullySigned: Guard = { context in
        let signed = Set((context.data["signatures"]?.objectValue ?? [:]).keys)
        let missing = TaskBookParty.allCases.filter { !signed.contains($0.rawValue) }
        if missing.isEmpty { return .pass }
        return .fail(
            LocalizedText(
                zh: "任务书尚待签署：\(missing.map(\.label.zh).joined(separator: "、"))",
                en: "The task book still needs: \(missing.map(\.label.en).joined(separator: ", "))"))
    }

    /// Acceptance needs an on-site assessed level of 2 or higher (policy 004 "全部达到二级以上";
    /// domain.md §2 step 10). A programme may demand more, never less: a rule version stored
    /// below 2 (before the bound existed) still needs level 2.
    static let acceptanceLevelPasses: Guard = { context in
        let level = context.value("assessed_level")?.intValue ?? 0
        let minimum = max(2, context.rules.int("acceptance_min_level", default: 2))
        if level >= minimum { return .pass }
        return .fail(
            LocalizedText(
                zh: "现场评估等级为 \(level) 级，验收通过需达到 \(minimum) 级及以上",
                en: "The on-site assessed level is \(level); acceptance needs level \(minimum) or higher"))
    }

    /// The project's records hold what the step needs (issue #15): the application window of a plan
    /// filing, the record slots a transition needs final, the contracts, invoices, vouchers and
    /// investment list before acceptance. The server looks them up (`ProjectCommands`, by the
    /// programme's rules) and passes what is missing as the fact `records_problems`, a list of
    /// `{zh, en}` sentences, which the history row keeps for the replay.
    static let recordsComplete: Guard = { context in
        let problems = (context.facts["records_problems"]?.arrayValue ?? []).compactMap(\.objectValue).map {
            LocalizedText(zh: $0["zh"]?.stringValue ?? "", en: $0["en"]?.stringValue ?? "")
        }
        if problems.isEmpty { return .pass }
        return .fail(
            LocalizedText(
                zh: "项目资料尚不满足办理条件：" + problems.map(\.zh).joined(separator: "；"),
                en: "The project's records do not allow this step yet: " + problems.map(\.en).joined(separator: "; ")))
    }

    /// No objection filed during publicity is still open.
    static let noOpenObjections: Guard = { context in
        let open = context.data["open_objections"]?.intValue ?? 0
        if open <= 0 { return .pass }
        return .fail(
            LocalizedText(zh: "尚有 \(open) 件异议未处理", en: "\(open) objection(s) are still open"))
    }
}

/// The three parties of the project task book (项目任务书).
public enum TaskBookParty: String, CaseIterable, Sendable {
    case authority
    case provider
    case enterprise

    public var label: LocalizedText {
        switch self {
        case .authority: LocalizedText(zh: "主管部门", en: "the authority")
        case .provider: LocalizedText(zh: "数字化服务商", en: "the digital provider")
        case .enterprise: LocalizedText(zh: "试点企业", en: "the enterprise")
        }
    }

    /// Which party a role signs for.
    public static func party(for roles: Set<Role>) -> TaskBookParty? {
        if roles.contains(.districtOfficial) { return .authority }
        if roles.contains(.digitalProvider) || roles.contains(.mainContractor) { return .provider }
        if roles.contains(.enterprise) { return .enterprise }
        return nil
    }
}

/// A release may be recorded on a project only with the ledger's release number as a fact (set by
/// the finance workspace after the four-eyes approval), never from a typed form.
let ledgerPosted: Guard = { context in
    guard let posted = context.facts["ledger_release"]?.intValue, posted == context.input["release_no"]?.intValue else {
        return .fail(
            LocalizedText(
                zh: "资金拨付须在资金管理中经两名财务人员审核后由系统登记", en: "Releases are recorded by the finance workspace after four-eyes approval"))
    }
    return .pass
}

/// Subsidy caps per target level (domain.md §2.7: e.g. L2 ≤ ¥300k, L3 ≤ ¥600k, L4 ≤ ¥1m in one
/// city): programme rules `subsidy_cap_level_N` in fen. No rule for the level, no cap.
enum SubsidyCap {
    static let withinCap: Guard = { context in
        guard let subsidy = context.value("approved_subsidy")?.intValue ?? context.value("requested_subsidy")?.intValue,
            let level = context.value("target_level")?.intValue
        else { return .pass }
        let cap = context.rules.int("subsidy_cap_level_\(level)", default: -1)
        guard cap >= 0, subsidy > cap else { return .pass }
        return .fail(
            LocalizedText(
                zh: "补助资金 \(Fen(subsidy).yuanText) 元超过目标等级 \(level) 级的上限 \(Fen(cap).yuanText) 元",
                en: "The subsidy ¥\(Fen(subsidy).yuanText) exceeds the cap for target level \(level), ¥\(Fen(cap).yuanText)"))
    }

    /// The approval never grants more than the plan asked for, nor more than the plan costs — with
    /// or without a cap rule (issue #11, defect 10).
    static let withinRequest: Guard = { context in
        guard let approved = context.input["approved_subsidy"]?.intValue else { return .pass }
        if let requested = context.data["requested_subsidy"]?.intValue, approved > requested {
            return .fail(
                LocalizedText(
                    zh: "核定补助 \(Fen(approved).yuanText) 元超过企业申请的 \(Fen(requested).yuanText) 元",
                    en: "The approved subsidy ¥\(Fen(approved).yuanText) exceeds the ¥\(Fen(requested).yuanText) requested"))
        }
        if let cost = context.data["total_cost"]?.intValue, approved > cost {
            return .fail(
                LocalizedText(
                    zh: "核定补助 \(Fen(approved).yuanText) 元超过项目总投资 \(Fen(cost).yuanText) 元",
                    en: "The approved subsidy ¥\(Fen(approved).yuanText) exceeds the total cost ¥\(Fen(cost).yuanText)"))
        }
        return .pass
    }
}
