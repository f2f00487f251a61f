import Foundation
import PilotDomain
import PilotStore
import ProviderPool

extension DemoSeeder {
    /// The supply–demand hall (issue #15): ten needs of demo enterprises, their scenarios from each
    /// one's diagnosis where it has one; pool providers answer six of them; one enterprise whose
    /// plan is being drafted accepts the demo provider's answer, which becomes a line of its plan
    /// draft; then the demo provider publishes a new product, pushed to the needs it matches.
    func seedSupplyDemand(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        let now = store.clock.now()
        func day(_ offset: Int) -> String { Shanghai.dateText(now.addingTimeInterval(Double(offset) * 86_400)) }
        guard let provider = try await store.parties.organisation(uscc: DemoData.providerUSCC, programmeId: programmeId),
            let providerUser = actors["provider"]
        else { return }
        // A second pool member in good standing, as the page requires of anyone answering.
        var secondProvider: Organisation?
        for index in 1...8 {
            guard let uscc = USCC.withCheckCharacter(String(format: "91120116MA06PL%03d", index)),
                let member = try await store.parties.organisation(uscc: uscc, programmeId: programmeId),
                try await store.providers.poolMember(organisationId: member.id, programmeId: programmeId)?.isInGoodStanding
                    == true
            else { continue }
            secondProvider = member
            break
        }
        let definition = services.catalog.latestDefinitions.first { $0.id == "enterprise-project" }
        let drafting = Set(definition?.transition("file_plan")?.from ?? [])

        // The enterprise whose need is accepted: a project being drafted, not the first ones the tests use.
        var accepting: String?
        for state in drafting.sorted() {
            let projects = try await store.instances.instances(programmeId: programmeId, state: state)
            if projects.count >= 3, let last = projects.last?.subjectOrganisationId { accepting = last }
        }
        let enterprises = try await store.parties.organisations(programmeId: programmeId, kind: "enterprise").sorted {
            $0.name < $1.name
        }
        var chosen = Array(enterprises.prefix(9))
        if let accepting, let enterprise = enterprises.first(where: { $0.id == accepting }),
            !chosen.contains(where: { $0.id == accepting })
        {
            chosen.append(enterprise)
        }
        let needs: [(String, String, [String], String?, Int64, Int64)] = [
            (
                "生产计划排程系统轻量化上线", "订单多品种小批量，排产依赖人工 Excel，交期经常延误。希望上线 APS/MES 排程模块，与现有 ERP 打通。",
                ["planning_scheduling", "production_control"], "production", 200_000, 600_000
            ),
            ("关键设备联网与状态监测", "车间 40 余台数控设备尚未联网，停机原因无法统计。需要设备数据采集与 OEE 看板。", ["equipment_management"], nil, 150_000, 400_000),
            ("质量检测数据采集与追溯", "出厂检测数据分散在纸质记录中，客户要求批次追溯。", ["quality_management"], "production", 100_000, 300_000),
            ("能耗在线监测与分析", "电、气、水计量到车间一级，希望细化到产线并形成节能分析。", ["energy"], nil, 80_000, 250_000),
            ("仓储条码与 WMS 部署", "原材料与成品库位靠人工记忆，盘点误差大。", ["warehousing_logistics", "procurement"], "solutions", 120_000, 350_000),
            ("营销与客户管理 CRM 轻量化应用", "销售线索和回款跟踪依赖个人台账。", ["marketing", "after_sales"], nil, 50_000, 150_000),
            ("安全生产隐患排查移动应用", "巡检记录纸质化，整改闭环难以跟踪。", ["safety"], nil, 30_000, 100_000),
            ("业财一体化财务系统", "成本核算按月手工归集，无法按订单核算毛利。", ["finance", "decision_support"], "consulting", 100_000, 300_000),
            ("研发设计工具与图文档管理", "设计图纸版本混乱，工艺变更无法追溯。", ["product_design", "process_design"], "rnd", 150_000, 500_000),
            ("生产过程数字化管控改造", "按诊断建议，提升生产管控与质量管理场景等级。", ["production_control", "quality_management"], nil, 300_000, 800_000),
        ]
        var posted: [(NeedRecord, Organisation)] = []
        for (index, enterprise) in chosen.enumerated() {
            let (title, description, fallback, category, low, high) = needs[index % needs.count]
            let project = try await store.hall.project(organisationId: enterprise.id, programmeId: programmeId)
            let suggested = NeedForm.suggested(from: project?.data ?? [:])
            let content = NeedContent(
                title: title, description: description, scenarios: suggested.isEmpty ? fallback : suggested, category: category,
                budgetMin: low * 100, budgetMax: high * 100, deadline: day(20 + index * 5), showName: index % 3 == 0)
            let need = try await store.hall.postNeed(
                id: store.ids.make("need"), programmeId: programmeId, organisation: enterprise, content: content,
                by: ChangeActor(userId: "demo", name: enterprise.name + " 联系人"))
            posted.append((need, enterprise))
        }
        let products = try await store.providers.products(programmeId: programmeId)
        let providerActor = ChangeActor(userId: providerUser.userId, name: providerUser.displayName)
        for (index, (need, _)) in posted.enumerated() where index % 2 == 0 || need.organisationId == accepting {
            let product = products.first {
                $0.organisationId == provider.id && !Set($0.scenarios).isDisjoint(with: need.content.scenarios)
            }
            let price = Fen(
                min(need.content.budgetMax, max(need.content.budgetMin, product?.price.value ?? need.content.budgetMin)))
            _ = try await store.hall.answer(
                id: store.ids.make("ans"), needId: need.id, programmeId: programmeId, provider: provider,
                proposal: "瀚云工业互联网平台提供“\(need.content.title)”整体方案：现场调研 1 周，SaaS 部署 + 数据采集网关，配套培训与 1 年运维。",
                price: price, productId: product?.id, timeline: "签约后 60 天上线", by: providerActor)
            if let secondProvider, index % 4 == 0 {
                _ = try await store.hall.answer(
                    id: store.ids.make("ans"), needId: need.id, programmeId: programmeId, provider: secondProvider,
                    proposal: "提供本地化实施团队，分两期交付，首期 30 天完成试点产线。", price: Fen(need.content.budgetMax),
                    productId: nil, timeline: "90 天", by: ChangeActor(userId: "demo", name: secondProvider.name))
            }
        }
        if let accepting, let pair = posted.first(where: { $0.1.id == accepting }),
            let answer = try await store.hall.answers(needId: pair.0.id).first(where: { $0.organisationId == provider.id })
        {
            let (need, enterprise) = pair
            _ = try await store.hall.accept(
                needId: need.id, answerId: answer.id, programmeId: programmeId, organisationId: enterprise.id,
                expectedVersion: need.version, planTransition: "file_plan", draftingStates: drafting,
                by: ChangeActor(userId: "demo", name: enterprise.name + " 联系人"))
        }
        // A product published after the needs: pushed to the open needs it matches (same call as the page).
        _ = try await store.providers.addProduct(
            programmeId: programmeId, organisationId: provider.id, name: "瀚云设备管家（设备联网与预测性维护 SaaS）",
            price: Fen.yuan(98_000), scenarios: ["equipment_management", "production_control", "energy"],
            description: "数据采集网关即插即用，设备 OEE、故障预警与能耗看板，按年订阅。")
    }
}

extension DemoSeeder {
    /// Issue #15's two parts, policies then the hall (one call in `seed`).
    func seedPoliciesAndHall(programmeId: String, actors: [String: Actor]) async throws {
        try await seedPolicies(programmeId: programmeId, actors: actors)
        try await seedSupplyDemand(programmeId: programmeId, actors: actors)
    }
}
