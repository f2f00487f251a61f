import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The contracting task book (承包任务书, policy 004 §四(五)) between the district bureau and the main
/// contractor a round selected, printable on A4: the parties with the contractor's credit code, the
/// sub-industry, the duties of §四(五)–(七), the targets it committed to, the term and the two
/// signatures. Until both sides have signed it is marked 未签订完成.
struct ContractorTaskBookView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Model {
        var round: ContractorRound
        var application: ContractorApplication
        var subIndustry: SubIndustry?
        var programmeName: String
        /// The bureau's name (the organisation of the official who selected).
        var bureau: String
        var assignment: ContractorAssignment?
        var signatures: [ContractorSignature]
        /// The side the viewer may sign for, if any.
        var signsAs: ContractorSignature.Party?
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash? = nil) -> HTML {
        let application = model.application
        let sub = model.subIndustry.map { $0.name.zh } ?? ""
        let bureau = model.bureau.isEmpty ? "区工业和信息化局" : model.bureau
        let signed = Dictionary(uniqueKeysWithValues: model.signatures.map { ($0.party, $0) })
        let complete = signed.count == ContractorSignature.Party.allCases.count
        let start = model.assignment.map { Shanghai.dateText($0.startedAt) } ?? "—"
        let rows = ContractorSignature.Party.allCases.map { party -> HTML in
            let (label, name): (String, String) =
                switch party {
                case .bureau: ("甲方（主管部门）", bureau)
                case .contractor: ("乙方（主承包服务商）", application.organisationName)
                }
            let mark: HTML =
                signed[party].map { signature -> HTML in
                    "<span class=\"signed\" id=\"signature-\(party.rawValue)\">已签署：\(signature.signerName) · \(Shanghai.dateText(signature.signedAt))</span>"
                } ?? "（签字盖章）"
            return "<tr><th>\(label)</th><td>\(name)</td><td>\(mark)</td></tr>"
        }.joined()
        let signForm: HTML =
            model.signsAs.map { party -> HTML in
                signed[party] != nil
                    ? .empty
                    : """
                    <form method="post" action="\(AppPath.contractorSignatures(model.round.id).url)" class="no-print" id="sign-task-book">\(layout.csrfField)
                    <button type="submit">\(t(ContractorRoundText.sign))（\(party == .bureau ? "甲方" : "乙方")）</button></form>
                    """
            } ?? .empty
        let body: HTML = """
            <p class="no-print"><a href="\(AppPath.contractorRound(model.round.id).url)">← \(t(ContractorRoundText.rounds))</a> · <button type="button" data-action="print" id="print-task-book">\(t(ContractorRoundText.print))</button></p>
            \(signForm)
            <article class="taskbook" id="contracting-task-book">
            <p class="muted">\(model.programmeName)</p>
            <h1>承包任务书</h1>
            <p>任务书编号：<span id="task-book-number">\(model.assignment?.taskBookNo ?? "—")</span> · 状态：<strong id="signing-status">\(complete ? "双方已签订" : "未签订完成")</strong></p>
            <h2>一、双方</h2>
            <table><tr><th>甲方（主管部门）</th><td>\(bureau)</td></tr>
            <tr><th>乙方（主承包服务商）</th><td>\(application.organisationName)（统一社会信用代码 \(application.uscc ?? "—")）</td></tr></table>
            <h2>二、承包范围</h2>
            <table><tr><th>试点细分行业</th><td>\(sub)</td></tr>
            <tr><th>遴选方式</th><td>在数字化服务商资源池中通过自主申报择优选定\(application.total.map { "（综合得分 \($0.description)）" } ?? "")</td></tr></table>
            <h2>三、乙方职责</h2>
            <ol><li>总体负责推进本细分行业试点企业的数字化转型，以优化组合方式组织入选资源池的数字化服务商开展工作；</li>
            <li>遵循“分级分类、一企一策”原则，对本行业试点企业逐一开展咨询诊断，形成企业认可的诊断报告；</li>
            <li>按诊断报告组织数字化服务商与试点企业逐一制定数字化转型方案，按程序报批、公示后组织实施；</li>
            <li>按要求在公共管理服务平台报送项目进度、资料和服务信息，配合中期绩效评价和验收；</li>
            <li>接受动态管理：甲方结合企业反馈意见定期评估，评估不合格的予以调整或退出。</li></ol>
            <h2>四、工作目标</h2>
            <table><tr><th>承诺服务企业数</th><td>\(application.proposal.committedEnterprises) 家</td></tr>
            <tr><th>服务方案</th><td>\(application.proposal.servicePlan)</td></tr>
            <tr><th>价格与优惠承诺</th><td>\(application.proposal.priceCommitment)</td></tr>
            <tr><th>质量目标</th><td>服务的试点企业经现场评测全部达到数字化水平二级及以上</td></tr></table>
            <h2>五、承包期限</h2>
            <p>自 \(start) 起至 \(model.round.termUntil) 止。</p>
            <h2>六、签署</h2>
            <table class="signatures"><tr><th>签署方</th><th>单位</th><th>签署</th></tr>\(rows)</table>
            </article>
            """
        return layout.page(title: t(ContractorRoundText.taskBook), flash: flash, body)
    }
}
