import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// The task forces' roster (004 §四(七)): the zones' above-scale SMEs of the pilot sub-industries —
    /// the demo enterprises already registered (they count as registered or taking part) and invented
    /// firms not yet taking part — with visits by the TEDA task force and by the district in the other
    /// zones: interested, declined with a reason, a follow-up due.
    func seedMobilisation(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        let subIndustries = try await store.programmes.subIndustries(programmeId: programmeId)
        let byCode = Dictionary(uniqueKeysWithValues: subIndustries.map { ($0.code, $0.id) })
        let enterprises = try await store.parties.organisations(programmeId: programmeId, kind: "enterprise")
        var firms: [MobilisationFirm] = enterprises.prefix(30).compactMap { enterprise in
            guard let uscc = enterprise.uscc, let sub = enterprise.subIndustryId, let division = enterprise.divisionCode else {
                return nil
            }
            return MobilisationFirm(uscc: uscc, name: enterprise.name, subIndustryId: sub, divisionCode: division, size: "中型")
        }
        let names = ["远航", "津港", "海河", "滨旭", "汇丰", "德润", "北辰", "安达", "正源", "启航", "宏达", "众合"]
        let trades: [String: String] = [
            "SMCE": "仪表", "MCES": "机械装备", "OEEM": "海洋装备", "NEVP": "汽车部件", "BIOM": "医药科技",
        ]
        for index in 0..<24 {
            let code = DemoData.subIndustries[index % DemoData.subIndustries.count]
            guard let sub = byCode[code], let uscc = USCC.withCheckCharacter(String(format: "91120116MA08%05d", 100 + index))
            else {
                continue
            }
            firms.append(
                MobilisationFirm(
                    uscc: uscc, name: "天津\(names[index % names.count])\(trades[code] ?? "科技")有限公司", subIndustryId: sub,
                    divisionCode: DemoData.zones[(index / 2 + index) % DemoData.zones.count], size: index % 3 == 0 ? "小型" : "中型"))
        }
        _ = try await store.mobilisation.importFirms(
            programmeId: programmeId, firms, by: ChangeActor(userId: "setup", name: "区工信局"))
        func actor(_ name: String) -> ChangeActor {
            actors[name].map { ChangeActor(userId: $0.userId, name: $0.displayName) }
                ?? ChangeActor(userId: "setup", name: "攻坚小组")
        }
        let invented = firms.suffix(24)
        for (index, firm) in invented.enumerated() where index % 4 != 3 {
            let teda = firm.divisionCode == "120116400"
            let by = teda ? actor("taskforce") : actor("district2")
            let outcome: VisitOutcome = [.interested, .declined, .followUp][index % 3]
            try await store.mobilisation.recordVisit(
                programmeId: programmeId,
                MobilisationVisit(
                    uscc: firm.uscc, visitedOn: "2025-0\(3 + index % 6)-1\(index % 9)", visitor: teda ? "钱进、周琳" : "赵磊",
                    contact: "\(["孙", "吴", "郑", "冯"][index % 4])经理", outcome: outcome,
                    reason: outcome == .declined ? "今年已自筹资金上线 ERP，待项目验收后再评估参与" : "",
                    followUpOn: outcome == .followUp ? "2026-01-1\(index % 9)" : nil,
                    notes: outcome == .interested ? "已送达政策解读材料，企业拟安排诊断" : "介绍了补助标准与主承包服务商"),
                by: by)
        }
    }
}
