import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing

@testable import WebApp

/// The annual evaluation on the programme's criteria (policy 002 第七条; Binhai's `pool_evaluation`):
/// one score per criterion, the enterprises' feedback computed from their ratings, the weighted
/// total graded, and the results published without sign-in.
@Suite("Annual evaluation on the programme's criteria, published")
struct PoolEvaluationTests {
    static let member = "天津智云咨询服务有限公司"  // in the pool, graded for 2025 in the demo

    @Test("feedback comes from the enterprises' ratings; the weighted total sets the grade; the results are public")
    func gradeOnCriteria() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let member = try #require(
                try await store.parties.organisations(programmeId: programme.id, kind: "provider").first {
                    $0.name == Self.member
                })
            // Two enterprises rate its work 5 and 4: feedback 90.
            let enterprises = try await store.parties.organisations(programmeId: programme.id, kind: "enterprise")
            for (enterprise, stars) in zip(enterprises.prefix(2), [5, 4]) {
                try await store.providers.rateContractor(
                    programmeId: programme.id, contractorOrgId: member.id, enterpriseOrgId: enterprise.id, score: stars,
                    comment: "", by: "test")
            }
            var district = try await TestBrowser.signedIn(client, as: "district")
            let page = String(buffer: try await district.get("/providers").body)
            #expect(page.contains("企业满意度评价（20%）"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            var form = [
                "csrf_token": token, "provider": member.id, "year": "2026", "evidence": "津工信〔2026〕20号评价结果",
                "item_capability": "90", "item_results": "85.5", "item_compliance": "95", "item_local_service": "70.01",
                // Typed, but the ratings decide this criterion.
                "item_feedback": "10",
            ]
            var refused = form
            refused["item_results"] = "101"
            let response = try await district.post("/providers/grades", form: refused)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("服务成效与项目交付"))
            form["csrf_token"] = token
            #expect(try await district.post("/providers/grades", form: form).status == .seeOther)
            // 22.5 + 25.65 + 18 (feedback 90) + 14.25 + 7.001 = 87.401 → 87.40, 良好.
            let recorded = try #require(
                try await store.providers.poolMember(organisationId: member.id, programmeId: programme.id))
            #expect(recorded.grades[2026] == .good)
            #expect(recorded.scores?[2026] == EvaluationScore("87.4"))
            let events = try await store.providers.poolEvents(
                action: "graded", programmeId: programme.id, organisationId: member.id)
            #expect(events.first?.detail.contains("企业满意度评价 90（2 条企业评价）") == true)

            var visitor = TestBrowser(client)
            let results = String(buffer: try await visitor.get("/providers/grades?year=2026").body)
            #expect(results.contains(Self.member) && results.contains("87.4") && results.contains("良好"))
            #expect(try await visitor.get("/providers/grades?year=20x6").status == .badRequest)
            // Without a year: the latest graded.
            #expect(String(buffer: try await visitor.get("/providers/grades").body).contains("（2026）"))
        }
    }
}
