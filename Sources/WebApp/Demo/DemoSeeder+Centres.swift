import Crypto
import Foundation
import PilotDomain
import PilotStore
import ProviderPool

extension DemoSeeder {
    /// Two promotion centres (policy 002 chapter 3): the demo provider's, recommended by the district
    /// and put on the city's list, with its 2025 self-assessment; and a consortium led by a pool member
    /// with a university and an industry association, recommended by its district and waiting for the
    /// city. Invented names; documents are small placeholder PDFs.
    func seedCentres(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        func actor(_ name: String) -> ChangeActor {
            actors[name].map { ChangeActor(userId: $0.userId, name: $0.displayName) } ?? .system
        }
        let year = Shanghai.calendar.component(.year, from: store.clock.now())
        let provider = try await store.parties.organisation(uscc: DemoData.providerUSCC, programmeId: programmeId)
        let dataLink = try await store.parties.organisation(
            uscc: USCC.withCheckCharacter("91120116MA06PL002")!, programmeId: programmeId)
        guard let provider, let dataLink else { return }

        let confirmed = try await fileCentre(
            programmeId: programmeId, lead: provider, by: actor("provider"),
            application: { plan, _ in
                CentreApplication(
                    name: "滨海新区智能测控装备数字化转型促进中心", industry: "智能测控装备制造业", leadName: provider.name,
                    leadUSCC: provider.uscc ?? "", members: [],
                    planSummary: "依托瀚云工业互联网平台，面向智能测控装备企业开展诊断评估、轻量化方案开发与实施、人才实训，三年服务企业 200 家。",
                    commitments: [
                        .resourceIntegration, .professionalServices, .assessmentConsulting, .solutionDevelopment,
                        .projectImplementation, .talentTraining,
                    ], site: "天津经济技术开发区第三大街 51 号 B 座 5 层", teamSize: 36, divisionCode: "120116400",
                    contactName: "赵敏", contactPhone: "022-59881234", planDocumentId: plan, agreementDocumentId: nil)
            })
        try await step(confirmed, programmeId, "recommended", "材料真实完整，服务能力突出，同意推荐", actor("district2")) {
            centre throws(PromotionCentre.Refusal) in try centre.recommend(opinion: "材料真实完整，服务能力突出，同意推荐")
        }
        try await step(confirmed, programmeId, "confirmed", "列入市级促进中心名单", actor("district")) {
            centre throws(PromotionCentre.Refusal) in try centre.confirm(note: "列入市级促进中心名单")
        }
        let ratings: [(CentreCommitment, Int, String)] = [
            (.resourceIntegration, 85, "汇聚服务商 18 家、解决方案 42 个"), (.professionalServices, 88, "完成改造总包项目 12 个"),
            (.assessmentConsulting, 92, "完成诊断评估 64 家，建档立卡 64 份"), (.solutionDevelopment, 80, "联合开发“小快轻准”方案 9 个"),
            (.projectImplementation, 83, "组织实施改造项目 21 个，平均工期 5 个月"), (.talentTraining, 78, "培训 420 人次，建设实训基地 1 个"),
        ]
        let assessment = CentreSelfAssessment(
            year: 2025, ratings: ratings.map { .init(commitment: $0.0, score: $0.1, evidence: $0.2) })
        try await step(confirmed, programmeId, "self_assessed", "2025：\(assessment.average)", actor("provider")) {
            centre throws(PromotionCentre.Refusal) in try centre.selfAssess(assessment, currentYear: max(year, 2025))
        }

        let consortium = try await fileCentre(
            programmeId: programmeId, lead: dataLink, by: ChangeActor(userId: "setup", name: dataLink.name),
            application: { plan, agreement in
                CentreApplication(
                    name: "滨海高新区海洋工程装备数字化转型促进中心", industry: "海洋工程装备制造业", leadName: dataLink.name,
                    leadUSCC: dataLink.uscc ?? "",
                    members: [
                        CentreMember(
                            name: "天津滨海理工学院", uscc: USCC.withCheckCharacter("12120000MB1CT0001")!, kind: .university),
                        CentreMember(
                            name: "天津市海洋装备产业协会", uscc: USCC.withCheckCharacter("51120000MJ1CT0002")!,
                            kind: .industryOrganisation),
                    ],
                    planSummary: "牵头单位联合高校与行业协会，建设海洋工程装备行业数据库和工艺包，开展供需对接、设施共享与政策宣贯。",
                    commitments: [
                        .resourceIntegration, .ecosystem, .supplyDemandMatching, .facilitySharing, .dataSharing, .policyOutreach,
                    ], site: "滨海高新区塘沽海洋科技园宁海路 8 号", teamSize: 24, divisionCode: "120116402",
                    contactName: "钱锋", contactPhone: "022-66221234", planDocumentId: plan, agreementDocumentId: agreement)
            })
        try await step(consortium, programmeId, "recommended", "联合体协议完备，行业覆盖面广，同意推荐", actor("district2")) {
            centre throws(PromotionCentre.Refusal) in try centre.recommend(opinion: "联合体协议完备，行业覆盖面广，同意推荐")
        }
    }

    /// Files a centre with its plan (and agreement) documents, returns its id.
    func fileCentre(
        programmeId: String, lead: Organisation, by actor: ChangeActor,
        application: (_ plan: String, _ agreement: String) -> CentreApplication
    ) async throws -> String {
        let store = services.store
        let id = store.ids.make("ctr")
        func document(_ purpose: CentreDocument.Purpose, _ name: String) -> (CentreDocument, Data) {
            let data = Data("%PDF-1.4\n% SMEPilot demo: \(name)\n%%EOF\n".utf8)
            return (
                CentreDocument(
                    id: store.ids.make("cdoc"), programmeId: programmeId, centreId: id, purpose: purpose, fileName: name,
                    contentType: "application/pdf", size: data.count, sha256: Hex.encode(SHA256.hash(data: data)),
                    uploadedBy: actor.name, uploadedAt: store.clock.now()), data
            )
        }
        let plan = document(.plan, "建设方案.pdf")
        let agreement = document(.agreement, "联合建设协议.pdf")
        let filed = application(plan.0.id, agreement.0.id)
        _ = try await store.centres.createCentre(
            id: id, programmeId: programmeId, leadOrganisationId: lead.id, centre: PromotionCentre(filing: filed),
            documents: filed.isConsortium ? [plan, agreement] : [plan], by: actor)
        return id
    }

    func step(
        _ id: String, _ programmeId: String, _ action: String, _ detail: String, _ actor: ChangeActor,
        _ rule: @escaping @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void
    ) async throws {
        let outcome = try await services.store.centres.changeCentre(
            id: id, programmeId: programmeId, action: action, detail: detail, by: actor, rule)
        if case .failure(let refusal) = outcome { throw DemoCentreRefused(message: refusal.message.en) }
    }
}

struct DemoCentreRefused: Error { var message: String }
