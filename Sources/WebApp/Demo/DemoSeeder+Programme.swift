import Crypto
import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// Issue #15's parts of the Binhai pilot: training, mobilisation, and the dossiers.
    func seedProgrammeWork(programmeId: String, actors: [String: Actor]) async throws {
        try await seedTraining(programmeId: programmeId, actors: actors)
        try await seedMobilisation(programmeId: programmeId, actors: actors)
        try await seedProgramme(programmeId: programmeId, actors: actors)
    }

    /// The city's dossiers partly written: the mid-term evaluation with most sections drafted by the
    /// management provider and revised by the district, two of its three documents uploaded; the
    /// final acceptance with its overview only.
    func seedProgramme(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        func actor(_ name: String) -> ChangeActor {
            actors[name].map { ChangeActor(userId: $0.userId, name: $0.displayName) }
                ?? ChangeActor(userId: "setup", name: "试点办公室")
        }
        let midterm: [(String, String, String)] = [
            (
                "overview", "manager",
                "滨海新区围绕智能测控装备、重大成套设备、海洋工程装备等细分行业，组建试点专项工作领导小组，遴选综合管理服务商、公共服务平台运营商和各行业主承包服务商，第一阶段完成诊断、方案编制与首批项目签约。"
            ),
            ("overview", "district", "第一阶段各项工作按计划推进。试点企业完成诊断，首批项目任务书已签订并拨付首笔资金。\n领导小组每月召开调度会，协调解决项目推进中的问题。"),
            ("targets", "manager", "截至评价时点，参与企业数字化水平均有提升，三级以上企业数量稳步增长；上云用云企业与解决方案数量按进度推进，部分指标需在第二阶段重点攻坚。"),
            ("funds", "district", "中央奖补资金与市、区、开发区配套资金分账核算，拨付严格执行“先配套、后拨付”，地方配套不低于 1:1。"),
            ("cases", "manager", "初步形成智能测控装备“链主带动”与海工装备“平台+园区”两类链式转型模式，正在总结典型案例。"),
            ("training", "manager", "围绕“一把手”、管理人员、技术骨干和一线员工分级分类开展培训，组织实训参观与现场跟班实训。"),
        ]
        for (section, writer, text) in midterm {
            let existing =
                try await store.dossiers.texts(programmeId: programmeId, dossier: "midterm")[section]?.first?.version ?? 0
            _ = try await store.dossiers.saveText(
                programmeId: programmeId, dossier: "midterm", section: section, text: text, expected: existing, by: actor(writer))
        }
        _ = try await store.dossiers.saveText(
            programmeId: programmeId, dossier: "final", section: "overview",
            text: "第二阶段聚焦三级、四级任务和规上企业“应改尽改”，同步准备验收材料（提纲）。", expected: 0, by: actor("manager"))
        for (kind, name) in [("self_evaluation", "中期绩效自评报告.pdf"), ("funds_report", "资金使用情况报告.pdf")] {
            let content = Data("%PDF-1.4\n% \(name)\n%%EOF\n".utf8)
            try await store.dossiers.addDocument(
                programmeId: programmeId,
                DossierDocument(
                    id: store.ids.make("dsd"), dossier: "midterm", kind: kind, fileName: name, contentType: "application/pdf",
                    size: content.count, sha256: Hex.encode(SHA256.hash(data: content)), uploadedBy: actor("district").name,
                    uploadedAt: store.clock.now()),
                content: content)
        }
    }
}
