import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// The case register (issue #15), through the store calls the pages make: two chain cases with
    /// more than six SMEs each (one published, one selected), typical cases of a zone (published), of
    /// the demo provider (selected) and of an enterprise (proposed by itself, under review), digital
    /// workshops, smart factories and benchmark enterprises at several steps (one not selected), and
    /// three distinctive practices (two selected). Proposers are the district, enterprises, the
    /// provider and a contractor; the district reviews; leadership or the office selects.
    func seedCases(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        func actor(_ name: String) -> ChangeActor {
            actors[name].map { ChangeActor(userId: $0.userId, name: $0.displayName) } ?? .system
        }
        let enterprises = try await store.parties.organisations(programmeId: programmeId, kind: "enterprise")
            .filter { $0.uscc?.hasPrefix("91120116MA1") == true }.sorted { ($0.uscc ?? "") < ($1.uscc ?? "") }
        guard enterprises.count >= 20, let provider = actors["provider"], let contractor = actors["contractor"] else { return }
        let accepted =
            try await store.instances.instances(programmeId: programmeId, state: "accepted")
            + store.instances.instances(programmeId: programmeId, state: "final_settlement")
        func projects(of organisation: Organisation) async throws -> [String] {
            accepted.filter { $0.subjectOrganisationId == organisation.id }.map(\.id)
        }
        func enterpriseActor(_ organisation: Organisation) async throws -> ChangeActor {
            let account = try await store.accounts.user(
                username: "ent" + String(format: "%02d", (enterprises.firstIndex(of: organisation) ?? 0) + 1))
            return account.map { ChangeActor(userId: $0.id, name: $0.displayName) } ?? .system
        }

        enum Steps { case proposed, reviewed, selected, notSelected, published }
        func record(
            _ kind: CaseKind, _ title: String, subject: Organisation?, region: String? = nil, subjectKind: CaseSubjectKind,
            by proposer: ChangeActor, organisation: String?, members: [Organisation] = [], problem: String,
            solution: String, investment: Int64?, results: [CaseResult], steps: Steps, products: [CaseMember] = []
        ) async throws {
            var content = CaseContent()
            content.problem = problem
            content.solution = solution
            content.investmentFen = investment
            content.results = results
            content.products = products
            content.members = members.map { CaseMember(organisationId: $0.id, name: $0.name) }
            if let subject { content.projects = try await projects(of: subject) }
            let id = store.ids.make("cas")
            _ = try await store.cases.propose(
                CaseRecord(
                    id: id, programmeId: programmeId, kind: kind, subjectKind: subjectKind, subjectOrganisationId: subject?.id,
                    subjectName: subject?.name ?? region.flatMap(DivisionCode.init).map { services.divisions.label($0, .zh) }
                        ?? "",
                    divisionCode: region ?? subject?.divisionCode ?? "120116", title: title, proposerUserId: proposer.userId,
                    proposerName: proposer.name, proposerOrganisationId: organisation, content: content))
            guard steps != .proposed else { return }
            _ = try await store.cases.step(
                id: id, programmeId: programmeId, .review(note: "材料真实完整，成效数据经核实，同意推荐参加遴选"), by: actor("district2"))
            switch steps {
            case .proposed, .reviewed: return
            case .notSelected:
                _ = try await store.cases.step(
                    id: id, programmeId: programmeId, .decide(selected: false, note: "改造尚在进行，成效待验收后再议"), by: actor("leader"))
            case .selected, .published:
                _ = try await store.cases.step(
                    id: id, programmeId: programmeId, .decide(selected: true, note: "做法可复制、成效可量化，同意入选"), by: actor("leader"))
                if steps == .published {
                    _ = try await store.cases.step(
                        id: id, programmeId: programmeId, .publish(note: "在试点门户发布"), by: actor("admin"))
                }
            }
        }
        let catalogue = try await store.providers.products(programmeId: programmeId).prefix(2)
            .map { CaseMember(organisationId: $0.id, name: $0.name) }
        let (e, p, c) = (enterprises, provider, contractor)
        let providerActor = ChangeActor(userId: p.userId, name: p.displayName)
        let contractorActor = ChangeActor(userId: c.userId, name: c.displayName)

        try await record(
            .chain, "链主带动海洋装备配套企业协同数字化", subject: e[0], subjectKind: .enterprise, by: actor("district"),
            organisation: nil, members: Array(e[1...7]),
            problem: "链主与配套企业之间订单、图纸靠邮件和电话传递，交期不透明，配套企业排产频繁返工。",
            solution: "链主开放供应链协同平台，7 家配套企业统一接入订单协同、质量追溯与设备联网，按链配置“小快轻准”应用。",
            investment: 6_800_000_00,
            results: [
                CaseResult(indicator: "订单交付周期", unit: "天", before: "32", after: "21"),
                CaseResult(indicator: "来料不良率", unit: "%", before: "2.8", after: "1.1"),
            ], steps: .published, products: catalogue)
        try await record(
            .chain, "新能源汽车零部件链式转型", subject: e[8], subjectKind: .enterprise, by: contractorActor,
            organisation: c.organisationId, members: Array(e[9...15]),
            problem: "零部件供应商数字化水平参差，链主的计划无法穿透到二级供应商。",
            solution: "以链主的计划系统为中心，6 家以上二级供应商部署轻量化 MES 与 EDI 对接，库存与计划按日同步。",
            investment: 4_200_000_00,
            results: [CaseResult(indicator: "链上库存周转", unit: "次/年", before: "6.5", after: "9.2")], steps: .selected)
        try await record(
            .typical, "开发区“诊断—改造—评估”一站式服务模式", subject: nil, region: DemoData.zones[0], subjectKind: .region,
            by: actor("district"), organisation: nil, problem: "园区企业多、类型杂，逐家对接服务商效率低。",
            solution: "园区统一组织诊断、按细分行业打包改造方案、验收后第三方评估，服务商按成效结算。", investment: nil,
            results: [CaseResult(indicator: "完成诊断企业", unit: "家", before: "12", after: "86")], steps: .published)
        try await record(
            .typical, "服务商“小快轻准”产品包服务测控企业",
            subject: try await store.parties.organisation(uscc: DemoData.providerUSCC, programmeId: programmeId),
            subjectKind: .provider, by: providerActor, organisation: p.organisationId,
            problem: "中小测控企业预算有限，难以承担定制化系统。", solution: "按场景打包 SaaS 产品，订阅制交付，两周上线。",
            investment: nil, results: [CaseResult(indicator: "平均上线周期", unit: "天", before: "90", after: "14")],
            steps: .selected, products: catalogue)
        let ent17 = e[16]
        try await record(
            .typical, "\(ent17.name)设备联网与能耗管理", subject: ent17, subjectKind: .enterprise,
            by: try await enterpriseActor(ent17), organisation: ent17.id, problem: "设备状态靠人工巡检，能耗无法分摊到工序。",
            solution: "关键设备加装采集终端，能耗按工序计量，异常自动告警。", investment: 850_000_00,
            results: [CaseResult(indicator: "单位产值能耗", unit: "吨标煤/万元", before: "0.42", after: "0.35")], steps: .reviewed)
        let kinds: [(CaseKind, String, Int, Steps)] = [
            (.workshop, "精密加工数字化车间", 17, .selected), (.workshop, "装配数字化车间", 18, .proposed),
            (.factory, "生物医药智能工厂", 19, .published), (.factory, "海工结构件智能工厂", 2, .reviewed),
            (.benchmark, "智能测控数字化转型标杆企业", 3, .selected), (.benchmark, "零部件数字化转型标杆企业", 4, .notSelected),
        ]
        for (kind, title, index, steps) in kinds {
            let subject = e[index]
            try await record(
                kind, "\(subject.name)\(title)", subject: subject, subjectKind: .enterprise, by: actor("district"),
                organisation: nil, problem: "生产过程数据分散在纸质记录与单机系统中，质量问题难以追溯。",
                solution: "建设设备联网、MES 与质量追溯系统，关键工序数据实时采集，形成车间级数据看板。",
                investment: Int64(300 + index * 25) * 10_000_00,
                results: [
                    CaseResult(indicator: "设备综合效率 OEE", unit: "%", before: "58", after: "74"),
                    CaseResult(indicator: "产品一次合格率", unit: "%", before: "95.2", after: "98.6"),
                ], steps: steps)
        }
        let practices: [(String, String, Steps)] = [
            ("“链主+服务商+金融”协同推进机制", "链主牵头、服务商总包、银行按改造成效授信，三方协同推进链上企业改造。", .selected),
            ("改造资金“先建后补、按效拨付”", "按任务书节点验收后分批拨付，验收评估结果与尾款挂钩。", .selected),
            ("细分行业“一行一策”改造指南", "按五个细分行业编制改造指南与场景清单，供企业对照选型。", .proposed),
        ]
        for (title, solution, steps) in practices {
            try await record(
                .practice, title, subject: nil, region: "120116", subjectKind: .region, by: actor("district"), organisation: nil,
                problem: "试点推进中企业积极性不一、改造成效难衡量。", solution: solution, investment: nil, results: [], steps: steps)
        }
    }
}
