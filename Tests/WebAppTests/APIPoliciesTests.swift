import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The policy library by API: the office publishes, revises on the version read, attaches and
/// withdraws through the page's own rules; a matching enterprise finds it first with the reasons;
/// others may not publish; bad input is a 422 in Chinese that writes nothing.
@Suite("API: policies")
struct APIPoliciesTests {
    static func policy(subIndustry: String) -> [String: Any] {
        [
            "title": "专精特新企业数字化提升专项措施", "issuer": "天津市滨海新区工业和信息化局", "document_number": "津滨工信〔2025〕99号",
            "issued_on": "2025-01-02", "valid_from": "2025-01-02", "valid_to": "2099-12-31",
            "body": "对符合条件的专精特新企业给予数字化改造支持。", "sub_industries": [subIndustry], "min_level": 2, "max_level": 3,
            "flags": ["specialised"],
        ]
    }

    @Test("publish (bad dates refused), match an enterprise, revise (stale refused), attach, withdraw; others refused")
    func library() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let smce = try #require(
                try await store.programmes.subIndustries(programmeId: programme.id).first { $0.code == "SMCE" })
            let matching = try await PolicyTests.enterprise(
                services, programmeId: programme.id, index: 1, subIndustry: smce.id, level: 2, specialised: true)
            let district = try await APITestCaller(client, services, "district")
            let before = try await store.policies.policies(programmeId: programme.id, includeWithdrawn: true).count

            var bad = Self.policy(subIndustry: smce.id)
            bad["valid_to"] = "2020-01-01"
            let refused = try await district.call(.post, "/api/v1/policies", json: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(try APITestCaller.error(refused).message.contains("早于"))
            #expect(try await store.policies.policies(programmeId: programme.id, includeWithdrawn: true).count == before)
            let ent01 = try await APITestCaller(client, services, "ent01")
            #expect(try await ent01.call(.post, "/api/v1/policies", json: Self.policy(subIndustry: smce.id)).status == .forbidden)

            let published = try await district.call(.post, "/api/v1/policies", json: Self.policy(subIndustry: smce.id))
            #expect(published.status == .created)
            let id = try #require((try APITestCaller.object(published)["policy"] as? [String: Any])?["id"] as? String)
            // The page shows it.
            var browser = try await TestBrowser.signedIn(client, as: "district")
            #expect(String(buffer: try await browser.get("/policies/\(id)").body).contains("津滨工信〔2025〕99号"))

            let enterprise = try await APITestCaller(client, services, matching)
            let listing = try APITestCaller.object(try await enterprise.call(.get, "/api/v1/policies?in_force=true"))
            let relevant = try #require(listing["relevant"] as? [[String: Any]])
            let match = try #require(relevant.first { ($0["policy"] as? [String: Any])?["id"] as? String == id })
            #expect((match["reasons"] as? [Any])?.isEmpty == false)
            #expect(try await district.call(.get, "/api/v1/policies?sub_industry=nope").status == .unprocessableContent)

            var revised = Self.policy(subIndustry: smce.id)
            revised["title"] = "专精特新企业数字化提升专项措施（修订）"
            let stale = try await district.call(
                .put, "/api/v1/policies/\(id)", json: ["policy": revised, "expected_version": 2, "reason": "补充条件"])
            #expect(stale.status == .conflict)
            let noReason = try await district.call(
                .put, "/api/v1/policies/\(id)", json: ["policy": revised, "expected_version": 1, "reason": ""])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await store.policies.policy(id: id, programmeId: programme.id)?.version == 1)
            let saved = try await district.call(
                .put, "/api/v1/policies/\(id)", json: ["policy": revised, "expected_version": 1, "reason": "补充条件"])
            #expect(saved.status == .ok)
            let record = try #require(try await store.policies.policy(id: id, programmeId: programme.id))
            #expect(record.version == 2 && record.content.title.hasSuffix("（修订）"))

            let pdf = Data("%PDF-1.4\n1 0 obj\n".utf8)
            let attached = try await district.call(
                .post, "/api/v1/policies/\(id)/documents?file_name=notice.pdf", raw: pdf, contentType: "application/octet-stream")
            #expect(attached.status == .created)
            #expect(try await store.policies.documents(policyId: id).count == 1)

            let withdrawn = try await district.call(
                .post, "/api/v1/policies/\(id)/withdraw", json: ["expected_version": 2, "reason": "政策到期"])
            #expect(withdrawn.status == .ok)
            #expect(try await store.policies.policy(id: id, programmeId: programme.id)?.status == .withdrawn)
            let again = try await district.call(
                .post, "/api/v1/policies/\(id)/withdraw", json: ["expected_version": 3, "reason": "政策到期"])
            #expect(again.status == .conflict)
            #expect(try await district.call(.get, "/api/v1/policies/pol_nope").status == .notFound)
        }
    }
}
