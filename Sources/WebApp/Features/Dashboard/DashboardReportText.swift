import PilotDomain

/// The monthly report's words, in Chinese and English.
enum ReportText {
    static let title = LocalizedText(zh: "月度工作报告", en: "monthly report")
    static let kicker = LocalizedText(
        zh: "中小企业数字化转型城市试点 · 领导小组会议材料", en: "SME digital-transformation city pilot · for the leadership meeting")
    static let figuresTaken = LocalizedText(zh: "数据提取时间", en: "Figures taken")
    static let beijingTime = LocalizedText(zh: "北京时间", en: "Beijing time")
    static let targetsVersion = LocalizedText(zh: "目标版本", en: "Targets")
    static let pastMonthNote = LocalizedText(
        zh: "注：第一、三至六部分为提取时的实时数据；第二部分按该月的周快照计算。",
        en: "Note: parts 1 and 3–6 are live figures as taken; part 2 is computed from that month's weekly snapshots.")
    static let section1 = LocalizedText(zh: "一、目标完成情况", en: "1. Targets")
    static let section3 = LocalizedText(zh: "三、项目所处环节", en: "3. Projects by stage")
    static let section4 = LocalizedText(zh: "四、按细分行业", en: "4. By sub-industry")
    static let section5 = LocalizedText(zh: "五、资金拨付与1:1配套", en: "5. Funds and 1:1 matching")
    static let section6 = LocalizedText(zh: "六、风险提示", en: "6. Risks")
    static let month = LocalizedText(zh: "报告月份", en: "Month")
    static let show = LocalizedText(zh: "查看", en: "Show")
    static let print = LocalizedText(zh: "打印 / 另存为 PDF", en: "Print / save as PDF")
    static let monthStart = LocalizedText(zh: "月初（上月末快照）", en: "Start (last snapshot before the month)")
    static let change = LocalizedText(zh: "本月变化", en: "Change in the month")

    static func funnelTotal(_ total: Int) -> LocalizedText {
        LocalizedText(
            zh: "共 \(total) 个项目，按所处环节列出（暂无项目的环节从略）。",
            en: "\(total) projects by the stage they are in (stages with none are left out).")
    }

    static func section2(_ month: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "二、\(month.zh)进展", en: "2. Progress in \(month.en)")
    }

    static func monthEnd(_ isCurrent: Bool) -> LocalizedText {
        isCurrent ? LocalizedText(zh: "当前", en: "Now") : LocalizedText(zh: "月末（本月最后快照）", en: "End (last snapshot in the month)")
    }

    static func monthNote(_ isCurrent: Bool) -> LocalizedText {
        let end =
            isCurrent
            ? LocalizedText(zh: "当前实时数据", en: "today's live figure")
            : LocalizedText(zh: "本月最后一次快照", en: "the month's last snapshot")
        return LocalizedText(
            zh: "各目标数值每周记录一次，以周末数值为准（一周计入其周日所在的月份）；月初取本月之前最后一周的快照，与\(end.zh)比较。"
                + "括号内为快照所在周的周一。",
            en: "Each target's value is recorded weekly, as it stands at the week's end (a week counts in the month of its "
                + "Sunday); the start is the last week before the month, compared with \(end.en). Dates in brackets are "
                + "the snapshot week's Monday.")
    }

    /// "+3", "−2", "0"; percentage targets change in points.
    static func delta(_ delta: Int?, _ unit: TargetUnit) -> LocalizedText {
        guard let delta else { return LocalizedText(zh: "—", en: "—") }
        let sign = delta > 0 ? "+\(delta)" : delta < 0 ? "−\(-delta)" : "0"
        return unit == .percent
            ? LocalizedText(zh: "\(sign) 个百分点", en: "\(sign) pts") : LocalizedText(zh: sign, en: sign)
    }

    /// The heading of the overdue list: all of it when short, else the most overdue `shown`.
    static func topOverdue(_ shown: Int, of total: Int) -> LocalizedText {
        if total == 0 { return LocalizedText(zh: "超过办理时限的项目：无", en: "Projects past their time limit: none") }
        if shown >= total {
            return LocalizedText(zh: "超过办理时限的项目（共 \(total) 个）", en: "Projects past their time limit (\(total))")
        }
        return LocalizedText(
            zh: "超过办理时限最久的 \(shown) 个项目（共 \(total) 个）",
            en: "The \(shown) most overdue projects (of \(total))")
    }

    static func badMonth(_ text: String) -> LocalizedText {
        LocalizedText(
            zh: "报告月份“\(text)”无效，应为 YYYY-MM 格式的年月（如 2025-06）",
            en: "The month '\(text)' is not valid: write it YYYY-MM (e.g. 2025-06)")
    }

    static func futureMonth(_ text: String, current: String) -> LocalizedText {
        LocalizedText(
            zh: "报告月份 \(text) 尚未开始（本月为 \(current)），无法出具报告",
            en: "The month \(text) has not begun (this month is \(current)); there is nothing to report yet")
    }
}
