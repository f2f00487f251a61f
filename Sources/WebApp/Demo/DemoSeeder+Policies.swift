import Diagnosis
import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// The policy library (issue #15): eight Binhai and Tianjin policies with varied criteria — one
    /// for every enterprise, others for a sub-industry, a level range, a zone, a size, 专精特新 or
    /// high-tech firms; one revised (two versions), one past its validity. Invented document numbers.
    /// The demo enterprises get sizes and type flags in their profiles so the matching has something
    /// to read.
    func seedPolicies(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        guard let district = actors["district"] else { return }
        let office = ChangeActor(userId: district.userId, name: district.displayName)
        let subs = Dictionary(
            uniqueKeysWithValues: try await store.programmes.subIndustries(programmeId: programmeId).map { ($0.code, $0.id) })
        func sub(_ code: String) -> [String] { subs[code].map { [$0] } ?? [] }

        // Profiles: size, 专精特新 and high-tech, varied across the demo enterprises (规上 stays as
        // registered: the dashboard counts it).
        let enterprises = try await store.parties.organisations(programmeId: programmeId, kind: "enterprise")
        let sizes: [EnterpriseSize] = [.small, .micro, .medium, .small, .large]
        for (index, enterprise) in enterprises.sorted(by: { $0.name < $1.name }).enumerated() {
            var profile = try await store.parties.organisationProfile(enterprise.id)
            profile["size"] = .string(sizes[index % sizes.count].rawValue)
            if index % 3 == 0 { profile["specialised"] = .bool(true) }
            if index % 4 == 1 { profile["high_tech"] = .bool(true) }
            try await store.parties.setOrganisationProfile(enterprise.id, profile)
        }

        let policies: [PolicyContent] = [
            PolicyContent(
                title: "滨海新区中小企业数字化转型城市试点实施方案", issuer: "天津市滨海新区工业和信息化局", documentNumber: "津滨工信〔2024〕15号",
                issuedOn: "2024-06-18", validFrom: "2024-06-18", validTo: "2027-06-30",
                body:
                    "为贯彻落实财政部、工业和信息化部关于开展中小企业数字化转型城市试点工作的部署，围绕智能测控装备制造业、重大成套设备制造业、海洋工程装备制造业等试点细分行业，建立“试点企业+主承包服务商+数字化服务商”联动机制，实施“一企一案”数字化改造。\n一、总体要求……\n二、主要任务……\n三、保障措施……",
                criteria: PolicyCriteria()),
            PolicyContent(
                title: "滨海新区中小企业数字化改造补助资金管理办法", issuer: "天津市滨海新区财政局", documentNumber: "津滨财〔2024〕32号",
                issuedOn: "2024-07-05", validFrom: "2024-07-05", validTo: "2027-12-31",
                body: "第一条 补助对象为列入试点名单、改造后数字化水平达到二级及以上的中小企业。\n第二条 补助标准按改造项目实际投资额的一定比例核定，单个企业最高不超过规定上限……\n第三条 资金按“先改后补”分期拨付……",
                criteria: PolicyCriteria(minLevel: 0, maxLevel: 2)),
            PolicyContent(
                title: "关于支持专精特新中小企业加快数字化转型的若干措施", issuer: "天津市滨海新区工业和信息化局", documentNumber: "津滨工信〔2024〕21号",
                issuedOn: "2024-08-12", validFrom: "2024-08-12", validTo: nil,
                body: "一、对智能测控装备领域的专精特新中小企业，数字化水平达到二级、三级的，优先纳入试点并给予方案编制支持。\n二、鼓励主承包服务商为专精特新企业提供“小快轻准”产品免费试用……",
                criteria: PolicyCriteria(subIndustryIds: sub("SMCE"), minLevel: 2, maxLevel: 3, flags: [.specialised])),
            PolicyContent(
                title: "天津市促进智能测控装备产业高质量发展若干措施", issuer: "天津市工业和信息化局", documentNumber: "津工信装备〔2024〕8号",
                issuedOn: "2024-04-20", validFrom: "2024-05-01", validTo: "2027-04-30",
                body: "支持智能测控装备企业建设数字化车间，推动检测数据上云和产品全生命周期管理……",
                criteria: PolicyCriteria(subIndustryIds: sub("SMCE"))),
            PolicyContent(
                title: "天津经济技术开发区中小企业“上云用云”专项扶持办法", issuer: "天津经济技术开发区管理委员会", documentNumber: "津开发〔2024〕20号",
                issuedOn: "2024-09-02", validFrom: "2024-09-02", validTo: "2027-12-31",
                body: "对注册在开发区的小型、微型企业购买云服务和 SaaS 应用的，按年度服务费给予补贴……",
                criteria: PolicyCriteria(sizes: [.small, .micro], divisionCodes: ["120116400"])),
            PolicyContent(
                title: "滨海新区海洋工程装备企业数字化车间建设奖励细则", issuer: "天津市滨海新区工业和信息化局", documentNumber: "津滨工信〔2024〕27号",
                issuedOn: "2024-10-10", validFrom: "2024-10-10", validTo: "2027-10-09",
                body: "对规模以上海洋工程装备制造企业建成数字化车间、数字化水平达到二级及以上的，给予一次性奖励……",
                criteria: PolicyCriteria(subIndustryIds: sub("OEEM"), minLevel: 2, maxLevel: 4, flags: [.aboveScale])),
            PolicyContent(
                title: "滨海新区高新技术企业研发设计工具应用补贴实施细则", issuer: "天津市滨海新区科学技术局", documentNumber: "津滨科〔2024〕11号",
                issuedOn: "2024-11-01", validFrom: "2024-11-01", validTo: nil,
                body: "对中型、小型高新技术企业采购国产研发设计类软件（CAD/CAE/PLM）的，按合同金额给予补贴……",
                criteria: PolicyCriteria(sizes: [.medium, .small], flags: [.highTech])),
            PolicyContent(
                title: "滨海新区2023年工业互联网标识解析应用奖励办法", issuer: "天津市滨海新区工业和信息化局", documentNumber: "津滨工信〔2023〕9号",
                issuedOn: "2023-03-01", validFrom: "2023-03-01", validTo: "2023-12-31",
                body: "对接入国家工业互联网标识解析二级节点并形成应用的企业给予奖励（已到期）。", criteria: PolicyCriteria()),
        ]
        var ids: [String] = []
        for content in policies {
            let id = store.ids.make("pol")
            _ = try await store.policies.publish(id: id, programmeId: programmeId, content: content, by: office)
            ids.append(id)
        }
        // The subsidy rules revised once: the level range widened to level 3 after the leadership meeting.
        var revised = policies[1]
        revised.criteria.maxLevel = 3
        revised.body += "\n第四条 已达三级的企业实施提升改造的，参照本办法执行。"
        _ = try await store.policies.edit(
            id: ids[1], programmeId: programmeId, content: revised, expectedVersion: 1, reason: "依领导小组会议纪要，扩大至三级企业提升改造",
            by: office)
    }
}
