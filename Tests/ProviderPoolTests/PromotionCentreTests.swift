import PilotDomain
import ProviderPool
import Testing

/// The promotion-centre rules of policy 002 chapter 3: what an application needs (第九条, 第十二条),
/// the procedure of 第十三条 and the yearly self-assessment, without a database.
@Suite("Promotion centre rules: the application, screening, the city's list, self-assessments")
struct PromotionCentreTests {
    static let lead = USCC.withCheckCharacter("91120116MA0PC0001")!
    static let member = USCC.withCheckCharacter("12120000MB0PC0002")!

    static func form() -> CentreApplication.Form {
        var form = CentreApplication.Form()
        form.name = "滨海新区智能装备数字化转型促进中心"
        form.industry = "智能测控装备制造业"
        form.leadName = "天津某数字科技有限公司"
        form.leadUSCC = lead
        form.legalPerson = true
        form.planSummary = "围绕智能装备行业开展诊断评估、方案开发和人才培训。"
        form.commitments = ["resource_integration", "assessment_consulting", "talent_training"]
        form.site = "天津经济技术开发区第三大街 1 号"
        form.teamSize = "25"
        form.division = "120116400"
        form.divisions = ["120116400", "120116402"]
        form.contactName = "王工"
        form.contactPhone = "022-25201234"
        form.planDocumentId = "cdoc-plan"
        return form
    }

    static func application() throws -> CentreApplication { try Self.form().checked() }

    @Test("a complete form gives the application, commitments in the order of the articles")
    func complete() throws {
        let application = try Self.application()
        #expect(application.commitments == [.resourceIntegration, .assessmentConsulting, .talentTraining])
        #expect(application.functions == [.resourceIntegration])
        #expect(application.teamSize == 25)
        #expect(!application.isConsortium)
        #expect(CentreCommitment.supplyDemandMatching.citation.zh == "第十一条（四）供需对接")
        #expect(CentreCommitment.ecosystem.citation.en == "Art. 10 (2) Ecosystem building")
    }

    @Test("a consortium needs its joint-construction agreement; members' codes are checked and unique")
    func consortium() throws {
        var form = Self.form()
        form.members = [.init(name: "天津某大学", uscc: Self.member, kind: "university")]
        #expect(Self.fields(form) == ["agreement"])
        form.agreementDocumentId = "cdoc-agreement"
        let application = try form.checked()
        #expect(application.members == [CentreMember(name: "天津某大学", uscc: Self.member, kind: .university)])
        #expect(application.agreementDocumentId == "cdoc-agreement")

        form.members = [
            .init(name: "甲", uscc: "91120116MA0PC000", kind: "enterprise"), .init(name: "", uscc: "", kind: ""),
            .init(name: "乙", uscc: Self.lead, kind: "nothing"),
        ]
        #expect(Self.fields(form) == ["member_uscc_1", "member_kind_3", "member_uscc_3"])
    }

    @Test("every field names its problem: lead's code, legal person, commitments of both articles, team, division, plan")
    func problems() {
        var form = Self.form()
        form.leadUSCC = "91120116MA0PC000"
        form.legalPerson = false
        form.commitments = ["talent_training", "bogus"]
        form.teamSize = "二十"
        form.division = "110101"
        form.planDocumentId = nil
        form.planSummary = String(repeating: "长", count: CentreApplication.maxSummary + 1)
        #expect(
            Set(Self.fields(form)) == [
                "lead_uscc", "legal_person", "commitments", "team_size", "division", "plan", "plan_summary",
            ])
        var recorded = Self.form()
        recorded.recordedLeadUSCC = Self.member
        #expect(Self.fields(recorded) == ["lead_uscc"])
        for team in ["0", "-3", "10001", "1e3", ""] {
            var bad = Self.form()
            bad.teamSize = team
            #expect(Self.fields(bad) == ["team_size"], "\(team)")
        }
    }

    @Test("screening: return with a reason, correct, recommend with an opinion; the city confirms or declines")
    func procedure() throws {
        var centre = PromotionCentre(filing: try Self.application())
        #expect(centre.status == .submitted)
        #expect(throws: PromotionCentre.Refusal.noteNeeded) { try centre.returnForCorrection(reason: "  ") }
        #expect(throws: PromotionCentre.Refusal.notInState(.submitted)) { try centre.confirm(note: "同意") }
        try centre.returnForCorrection(reason: "场所证明缺失")
        #expect(centre.status == .returned)
        #expect(throws: PromotionCentre.Refusal.notInState(.returned)) { try centre.recommend(opinion: "推荐") }
        var corrected = try Self.application()
        corrected.site = "天津经济技术开发区第三大街 2 号"
        try centre.correct(corrected)
        #expect(centre.status == .submitted)
        #expect(centre.application.site.hasSuffix("2 号"))
        #expect(centre.returnReason == "场所证明缺失")
        try centre.recommend(opinion: "材料真实完整，同意推荐")
        #expect(centre.status == .recommended)
        #expect(throws: PromotionCentre.Refusal.notInState(.recommended)) { try centre.correct(corrected) }
        var declined = centre
        try declined.decline(reason: "服务能力不足")
        #expect(declined.status == .declined)
        #expect(throws: PromotionCentre.Refusal.notInState(.declined)) { try declined.confirm(note: "x") }
        try centre.confirm(note: "列入2026年市级名单")
        #expect(centre.status == .confirmed)
    }

    @Test("self-assessment: confirmed centres only, once a year, every committed item rated 0–100 with evidence")
    func selfAssessment() throws {
        let application = try Self.application()
        func ratings(_ score: Int = 80, evidence: String = "开展诊断 30 家") -> [CentreSelfAssessment.Rating] {
            application.commitments.map { .init(commitment: $0, score: score, evidence: evidence) }
        }
        var centre = PromotionCentre(filing: application)
        let assessment = CentreSelfAssessment(year: 2025, ratings: ratings())
        #expect(throws: PromotionCentre.Refusal.notConfirmed) { try centre.selfAssess(assessment, currentYear: 2026) }
        try centre.recommend(opinion: "推荐")
        try centre.confirm(note: "列入")
        #expect(throws: PromotionCentre.Refusal.yearOutOfRange(2027)) {
            try centre.selfAssess(CentreSelfAssessment(year: 2027, ratings: ratings()), currentYear: 2026)
        }
        #expect(throws: PromotionCentre.Refusal.ratingsDoNotMatch) {
            try centre.selfAssess(CentreSelfAssessment(year: 2025, ratings: Array(ratings().dropLast())), currentYear: 2026)
        }
        #expect(throws: PromotionCentre.Refusal.badRating(.resourceIntegration)) {
            try centre.selfAssess(CentreSelfAssessment(year: 2025, ratings: ratings(101)), currentYear: 2026)
        }
        #expect(throws: PromotionCentre.Refusal.badRating(.resourceIntegration)) {
            try centre.selfAssess(CentreSelfAssessment(year: 2025, ratings: ratings(evidence: " ")), currentYear: 2026)
        }
        #expect(centre.assessments.isEmpty)
        try centre.selfAssess(assessment, currentYear: 2026)
        #expect(centre.assessments[2025]?.average == 80)
        #expect(throws: PromotionCentre.Refusal.assessedAlready(year: 2025)) {
            try centre.selfAssess(CentreSelfAssessment(year: 2025, ratings: ratings(90)), currentYear: 2026)
        }
        #expect(centre.assessments[2025]?.average == 80)
        try centre.selfAssess(CentreSelfAssessment(year: 2026, ratings: ratings(90)), currentYear: 2026)
        #expect(centre.assessments.keys.sorted() == [2025, 2026])
        #expect(PromotionCentre.Refusal.assessedAlready(year: 2025).message.zh.contains("每个年度只能提交一次"))
    }

    static func fields(_ form: CentreApplication.Form) -> [String] {
        switch CentreApplication.check(form) {
        case .success: []
        case .failure(let problems): problems.list.map(\.field)
        }
    }
}

extension CentreApplication.Form {
    func checked() throws -> CentreApplication {
        switch CentreApplication.check(self) {
        case .success(let application): return application
        case .failure(let problems): throw CheckFailed(fields: problems.list.map(\.field))
        }
    }
}

struct CheckFailed: Error { var fields: [String] }
