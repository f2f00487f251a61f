import Foundation
import PilotDomain
import WorkflowEngine

/// The project task book (项目任务书) generated from the approved plan, for printing on A4 and
/// signing by the authority, the digital provider and the enterprise (policy 004 §四(七)).
struct TaskBookView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ instance: InstanceSnapshot, authority: String, programme: (name: String, code: String)) -> HTML {
        let data = instance.data
        func text(_ key: String) -> String { data[key]?.stringValue ?? "—" }
        func money(_ key: String) -> String {
            guard let fen = data[key]?.intValue else { return "—" }
            return Fen(fen).yuanText + " 元（" + Fen(fen).wanYuanText + " 万元）"
        }
        let signatures = data["signatures"]?.objectValue ?? [:]
        let signatureRows = TaskBookParty.allCases.map { party -> HTML in
            let signed = signatures[party.rawValue]?.objectValue
            let name: String =
                switch party {
                case .authority: authority
                case .provider: text("digital_provider_name")
                case .enterprise: text("enterprise_name")
                }
            let mark: HTML =
                signed.map { signature -> HTML in
                    let who = signature["signatory"]?.stringValue ?? signature["name"]?.stringValue ?? ""
                    let when = signature["signed_on"]?.stringValue ?? signature["at"]?.stringValue ?? ""
                    return "已签署：\(who) · \(when)"
                } ?? "（签字盖章）"
            return "<tr><th>\(t(party.label))</th><td>\(name)</td><td>\(mark)</td></tr>"
        }.joined()
        let body: HTML = """
            <p class="no-print"><a href="\(AppPath.instance(instance.id).url)">← \(t(UIText.project))</a> · <button type="button" data-action="print" id="print-task-book">\(t(ProjectText.printTaskBook))</button></p>
            <article class="taskbook" id="task-book">
            <p class="muted">\(programme.name)</p>
            <h1>项目任务书</h1>
            <p>任务书编号：<span id="task-book-number">\(TaskBookNumber.of(instance, programmeCode: programme.code))</span>\
            \(data["task_book_no"]?.stringValue.map { "（备案编号 \($0)）" } ?? "") \(data["amendments"]?.intValue.map { "（第 \($0) 次变更）" } ?? "")</p>
            <h2>一、项目各方</h2>
            <table><tr><th>主管部门（甲方）</th><td>\(authority)</td></tr>
            <tr><th>数字化服务商（乙方）</th><td>\(text("digital_provider_name"))（统一社会信用代码 \(text("digital_provider_uscc"))）</td></tr>
            <tr><th>试点企业（丙方）</th><td>\(text("enterprise_name"))（统一社会信用代码 \(text("uscc"))）</td></tr></table>
            <h2>二、改造内容</h2>
            <table><tr><th>N项共性应用场景</th><td>\(text("common_scenarios"))</td></tr>
            <tr><th>X项特色应用场景</th><td>\(text("specific_scenarios"))</td></tr>
            <tr><th>建设内容及交付成果</th><td>\(text("deliverables"))</td></tr>
            <tr><th>改造后目标等级</th><td>\(data["target_level"]?.intValue.map { "\($0) 级" } ?? "—")</td></tr>
            <tr><th>实施周期</th><td>\(text("start_date")) 至 \(text("end_date"))</td></tr></table>
            <h2>三、投资与补助</h2>
            <table class="report"><tr><th>项目总投资</th><td class="num">\(money("total_cost"))</td></tr>
            <tr><th>申请补助资金</th><td class="num">\(money("requested_subsidy"))</td></tr>
            <tr><th>核定补助资金</th><td class="num">\(money("approved_subsidy"))</td></tr></table>
            <h2>四、考核与验收</h2>
            <p>项目须按期接受中期绩效评价和验收；验收从应用成效、数据贯通程度和投入产出比等方面评价，企业经现场评测须达到数字化水平二级及以上。补助资金按试点资金拨付规则分期拨付，未通过评价或验收的，暂停拨付并可追回已拨资金。</p>
            <h2>五、签署</h2>
            <table class="signatures"><tr><th>签署方</th><th>单位</th><th>签署</th></tr>\(signatureRows)</table>
            </article>
            """
        return layout.page(title: t(ProjectText.taskBook), body)
    }
}
