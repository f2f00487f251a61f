import Foundation
import PilotDomain
import PilotStore
import ProviderPool

extension DemoSeeder {
    /// A main contractor as the selection leaves it (policy 004 §四(五)): a pool member graded for
    /// 2025, the one applicant of its sub-industry's 2024 round, scored, selected — which appoints it —
    /// and its contracting task book signed by the bureau and by the contractor.
    func seedSelectedContractor(
        programmeId: String, subIndustry: SubIndustry, organisationId: String, contractor: Actor, district: Actor
    ) async throws {
        let store = services.store.providers
        try await store.admitToPool(organisationId: organisationId, programmeId: programmeId)
        try await services.store.parties.setOrganisationProfile(
            organisationId, ["categories": .array(["consulting", "solutions", "operations"].map { .string($0) })])
        let score = EvaluationScore(DemoData.contractorGrades[subIndustry.code] ?? "85")!
        _ = try await store.changePoolMember(
            organisationId: organisationId, programmeId: programmeId, action: "graded", detail: "2025: \(score)",
            evidence: "津工信〔2025〕31号评价结果", by: district.userId
        ) { member throws(PoolMember.Refusal) in try member.grade(year: 2025, score: score) }
        // The term runs from the appointment (made now, as every demo fact) to the end of next year.
        let nextYear = (Int(Shanghai.dateText(services.store.clock.now()).prefix(4)) ?? 2025) + 1
        let round = try await store.openContractorRound(
            programmeId: programmeId, subIndustryId: subIndustry.id, applicationsFrom: "2024-02-01",
            applicationsUntil: "2024-02-29", termUntil: "\(nextYear)-12-31",
            requirements: "资源池在库服务商；具备\(subIndustry.name.zh)数字化诊断与实施能力；承诺服务本行业试点企业不少于 10 家。",
            by: district.userId)
        let applied = try await store.applyForContractorRound(
            roundId: round.id, programmeId: programmeId, organisationId: organisationId,
            proposal: ContractorProposal(
                servicePlan: "按“分级分类、一企一策”开展诊断，组织资源池服务商分批实施\(subIndustry.name.zh)共性场景改造",
                team: "项目经理 1 名、诊断咨询师 6 名、实施工程师 12 名", committedEnterprises: 12,
                cases: "2023 年完成同行业企业数字化改造 8 家", priceCommitment: "诊断服务免费；实施报价不高于资源池目录价的九折"),
            today: "2024-02-10", by: contractor.userId
        ).get()
        try await scoreDemoApplication(
            roundId: round.id, programmeId: programmeId, application: applied, district: district,
            typed: ["service_plan": "88", "team": "85", "coverage": "90", "cases": "82.5", "price": "86"])
        _ = try await store.selectMainContractor(
            roundId: round.id, programmeId: programmeId, applicationId: applied.id, reason: "",
            taskBookNo: "BH-CB-2024-\(subIndustry.code)", by: district.userId
        ).get()
        for (party, actor) in [(ContractorSignature.Party.bureau, district), (.contractor, contractor)] {
            _ = try await store.signContractorTaskBook(
                roundId: round.id, programmeId: programmeId, party: party, userId: actor.userId, signerName: actor.displayName)
        }
    }

    /// One round taking applications today (the periodic adjustment of 004 §四(五)) with two pool
    /// members' applications waiting for the bureau's scores.
    func seedOpenRound(programmeId: String, subIndustry: SubIndustry, district: Actor) async throws {
        let store = services.store
        let now = store.clock.now()
        let today = Shanghai.dateText(now)
        let until = Shanghai.dateText(now.addingTimeInterval(30 * 86_400))
        let year = Int(today.prefix(4)) ?? 2026
        let round = try await store.providers.openContractorRound(
            programmeId: programmeId, subIndustryId: subIndustry.id, applicationsFrom: today, applicationsUntil: until,
            termUntil: "\(year + 1)-12-31",
            requirements: "结合企业评价开展年度调整：资源池在库服务商均可申报，须提交服务方案、团队、承诺服务企业数、相关案例及价格优惠承诺。",
            by: district.userId)
        let applicants: [(uscc: String, proposal: ContractorProposal)] = [
            (
                DemoData.providerUSCC,
                ContractorProposal(
                    servicePlan: "以轻量化 MES 与设备联网为主线，三个月内完成全部试点企业诊断", team: "项目经理 2 名、实施工程师 15 名",
                    committedEnterprises: 15, cases: "医药企业 GMP 质量追溯改造 5 例", priceCommitment: "目录产品八五折，首年运维免费")
            ),
            (
                USCC.withCheckCharacter("91120116MA06PL001")!,
                ContractorProposal(
                    servicePlan: "咨询先行：诊断、方案、评测一体化服务", team: "咨询顾问 8 名、评测工程师 4 名", committedEnterprises: 10,
                    cases: "区级诊断项目 30 余家", priceCommitment: "诊断与评测服务按目录价九折")
            ),
        ]
        // The demo provider applies through its account; the other member has none in the demo.
        let providerAccount = try await store.accounts.user(username: "provider")
        for applicant in applicants {
            guard
                let organisation = try await store.parties.organisation(
                    uscc: try USCC(validating: applicant.uscc).value, programmeId: programmeId)
            else { continue }
            let by = providerAccount?.organisationId == organisation.id ? providerAccount?.id ?? "setup" : "setup"
            _ = try await store.providers.applyForContractorRound(
                roundId: round.id, programmeId: programmeId, organisationId: organisation.id, proposal: applicant.proposal,
                today: today, by: by)
        }
    }

    func scoreDemoApplication(
        roundId: String, programmeId: String, application: ContractorApplication, district: Actor,
        typed: [String: String]
    ) async throws {
        guard let criteria = services.contractorCriteria else { throw DemoSeedError("contractor criteria are missing") }
        let member = try await services.store.providers.poolMember(
            organisationId: application.organisationId, programmeId: programmeId)
        let scores = criteria.scores(typed: typed.compactMapValues { EvaluationScore($0) }, grade: member?.latestGrade?.grade)
        guard let scores, let total = criteria.total(scores) else { throw DemoSeedError("demo scores do not fit the criteria") }
        _ = try await services.store.providers.scoreContractorApplication(
            roundId: roundId, programmeId: programmeId, applicationId: application.id, scores: scores.mapValues(\.hundredths),
            total: total, by: district.userId)
    }
}

struct DemoSeedError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
