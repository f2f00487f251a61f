import PilotDomain

/// The words of main-contractor selection (policy 004 §四(五)): rounds, applications, scores, the
/// selection and the contracting task book (承包任务书).
enum ContractorRoundText {
    static let rounds = LocalizedText(zh: "主承包服务商遴选", en: "Main-contractor selection")
    static let calls = LocalizedText(zh: "主承包服务商申报", en: "Apply as main contractor")
    static let callsIntro = LocalizedText(
        zh: "主承包服务商在数字化服务商资源池中通过自主申报、择优选定，每一试点细分行业确定一家（《实施方案》四（五））。仅资源池中在库的服务商可以申报。",
        en:
            "Main contractors are chosen on merit from the provider pool by application, one per sub-industry; only members in good standing may apply."
    )
    static let openRound = LocalizedText(zh: "发起遴选", en: "Open a selection round")
    static let round = LocalizedText(zh: "遴选轮次", en: "Round")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let open = LocalizedText(zh: "申报中", en: "Open")
    static let closed = LocalizedText(zh: "已选定", en: "Selected")
    static let window = LocalizedText(zh: "申报时间", en: "Applications")
    static let from = LocalizedText(zh: "申报开始日期", en: "Applications from")
    static let until = LocalizedText(zh: "申报截止日期", en: "Applications until")
    static let termUntil = LocalizedText(zh: "承包期限至", en: "Term until")
    static let requirements = LocalizedText(zh: "申报要求", en: "Requirements")
    static let applications = LocalizedText(zh: "申报", en: "Applications")
    static let applicant = LocalizedText(zh: "申报单位", en: "Applicant")
    static let uscc = LocalizedText(zh: "统一社会信用代码", en: "Credit code")
    static let poolGrade = LocalizedText(zh: "资源池最近评级", en: "Latest pool grade")
    static let ungraded = LocalizedText(zh: "尚未评级", en: "Not graded yet")
    static let servicePlan = LocalizedText(zh: "服务方案摘要", en: "Service plan summary")
    static let team = LocalizedText(zh: "服务团队", en: "Team")
    static let committed = LocalizedText(zh: "承诺服务企业数（家）", en: "Enterprises committed")
    static let cases = LocalizedText(zh: "相关案例", en: "Relevant cases")
    static let price = LocalizedText(zh: "价格与优惠承诺", en: "Price and discount commitments")
    static let apply = LocalizedText(zh: "提交申报", en: "Apply")
    static let applied = LocalizedText(zh: "申报已提交，等待区工信局评审", en: "Application submitted; the bureau will score it")
    static let myApplications = LocalizedText(zh: "本单位的申报", en: "Our applications")
    static let noOpenRounds = LocalizedText(zh: "目前没有正在申报的遴选。", en: "No round is taking applications.")
    static let total = LocalizedText(zh: "综合得分", en: "Total")
    static let notScored = LocalizedText(zh: "未评分", en: "Not scored")
    static let score = LocalizedText(zh: "评分", en: "Score")
    static let saveScores = LocalizedText(zh: "保存评分", en: "Save the scores")
    static let scored = LocalizedText(zh: "评分已保存", en: "Scores saved")
    static let criteria = LocalizedText(zh: "评分标准（权重）", en: "Criteria (weight)")
    static let fromGrade = LocalizedText(zh: "按资源池评级自动计分", en: "from the pool grade")
    static let select = LocalizedText(zh: "确定主承包服务商", en: "Select the main contractor")
    static let selectHint = LocalizedText(
        zh: "通常选定综合得分最高者；选定其他申报须书面说明理由。确定后即任命为该细分行业主承包服务商（现任者同时更换，在办项目移交）。",
        en:
            "Normally the best total; another needs a written reason. The selection appoints the contractor at once (replacing the current one, whose open work passes over)."
    )
    static let reason = LocalizedText(zh: "选定理由（非最高分时必填）", en: "Reason (required when not the best)")
    static let taskBookNo = LocalizedText(zh: "承包任务书编号", en: "Contracting task book number")
    static let selected = LocalizedText(zh: "已确定主承包服务商", en: "The main contractor is selected")
    static let winner = LocalizedText(zh: "选定", en: "Selected")
    static let taskBook = LocalizedText(zh: "承包任务书", en: "Contracting task book")
    static let review = LocalizedText(zh: "定期评估：企业评价", en: "Periodic review: enterprises' feedback")
    static let reviewHint = LocalizedText(
        zh: "对主承包服务商实行动态管理及退出机制，结合企业反馈意见定期调整（《实施方案》四（五））；更换请在主承包服务商页面办理。",
        en:
            "Contractors are under dynamic management with exit on the enterprises' feedback; replace one on the main contractors page."
    )
    static let notMember = LocalizedText(zh: "不在资源池中", en: "Not in the pool")
    static let scoredShort = LocalizedText(zh: "已评分", en: "Scored")
    static let notSelected = LocalizedText(zh: "未选定", en: "Not selected")
    static let replaced = LocalizedText(zh: "（已不再是现任主承包服务商）", en: " (no longer the current contractor)")
    static let noRatings = LocalizedText(zh: "尚无企业评价。", en: "No ratings yet.")
    static let noApplications = LocalizedText(zh: "尚无申报。", en: "No applications yet.")
    static let sign = LocalizedText(zh: "签署承包任务书", en: "Sign the contracting task book")
    static let signedNow = LocalizedText(zh: "已签署", en: "Signed")
    static let unsigned = LocalizedText(zh: "未签订完成", en: "Not fully signed")
    static let signedBoth = LocalizedText(zh: "双方已签订", en: "Signed by both parties")
    static let print = LocalizedText(zh: "打印承包任务书", en: "Print the task book")
    static let chooseSubIndustry = LocalizedText(zh: "请选择细分行业", en: "Choose a sub-industry")
    static let badDate = LocalizedText(zh: "请填写有效日期（YYYY-MM-DD）", en: "Enter a valid date (YYYY-MM-DD)")
    static let untilBeforeFrom = LocalizedText(
        zh: "申报截止日期不能早于开始日期", en: "The closing date cannot be before the opening date")
    static let termBeforeUntil = LocalizedText(
        zh: "承包期限不能早于申报截止日期", en: "The term cannot end before applications close")
    static let requirementsNeeded = LocalizedText(
        zh: "请填写申报要求（2000 字以内）", en: "State the requirements (2,000 characters at most)")
    static let chooseRound = LocalizedText(zh: "请选择正在申报的遴选", en: "Choose a round taking applications")
    static let textNeeded = LocalizedText(zh: "请填写（2000 字以内）", en: "Required (2,000 characters at most)")
    static let committedProblem = LocalizedText(
        zh: "承诺服务企业数应为 1–10000 的整数", en: "Enterprises committed: a whole number from 1 to 10,000")
    static let noOrganisation = LocalizedText(
        zh: "本账号未关联服务商单位，不能申报", en: "This account belongs to no provider organisation")
    static let chooseApplication = LocalizedText(zh: "请选择本轮的一份申报", en: "Choose an application of this round")
    static let taskBookNeeded = LocalizedText(zh: "请填写承包任务书编号（50 字以内）", en: "Enter the task book number (50 characters at most)")
    static let criteriaMissing = LocalizedText(
        zh: "评分标准文件（Workflows/pool/contractor-criteria.yaml）无法读取，暂不能评分",
        en: "The criteria file (Workflows/pool/contractor-criteria.yaml) cannot be read; scoring is unavailable")
    static let notParty = LocalizedText(zh: "只有区工信局和选定的主承包服务商可以签署", en: "Only the bureau and the selected contractor sign")

    static func reasonShown(_ reason: String) -> LocalizedText {
        LocalizedText(zh: "选定理由：\(reason)", en: "Reason: \(reason)")
    }
}
