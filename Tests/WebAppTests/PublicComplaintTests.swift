import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// Complaints from the public about a pool member (issue #13): no account, the objection form's
/// guards (token bound to a cookie, minimum read time, honeypot, hourly limit per address); a bad
/// field changes nothing; a filed complaint waits for the district's finding with the
/// complainant's details visible to the bureau only.
@Suite("Public complaints about pool members")
struct PublicComplaintTests {
    static let member = "天津智云咨询服务有限公司"  // graded 优秀 in the demo

    @Test("a visitor complains; too fast, the honeypot and bad fields are refused; the sixth in an hour is 429")
    func publicComplaint() async throws {
        try await WebFixture.app { services, client in
            var visitor = TestBrowser(client)
            let page = String(buffer: try await visitor.get("/providers/complaints/public").body)
            let token = try #require(TestBrowser.csrfToken(in: page))
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let providers = try await services.store.parties.organisations(programmeId: programme.id, kind: "provider")
            let member = try #require(providers.first { $0.name == Self.member })
            #expect(page.contains(Self.member))
            // A removed provider is not offered.
            #expect(!page.contains("天津速达信息技术有限公司"))
            var form = [
                "csrf_token": token, "programme": "BINHAI-2024", "provider": member.id, "name": "市民张先生",
                "contact": "13800001111", "summary": "该服务商承诺的系统至今未交付",
            ]
            // At once after loading: refused as too fast.
            #expect(try await visitor.post("/providers/complaints/public", form: form).status == .unprocessableContent)
            try await Task.sleep(for: .milliseconds(1100))
            var trap = form
            trap["website"] = "http://spam.example"
            #expect(try await visitor.post("/providers/complaints/public", form: trap).status == .unprocessableContent)
            var missing = form
            missing["contact"] = ""
            let refused = try await visitor.post("/providers/complaints/public", form: missing)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("联系方式"))
            #expect(try await services.store.providers.openComplaints(programmeId: programme.id).isEmpty)
            // Without the cookie's token: 403.
            var stranger = TestBrowser(client)
            #expect(try await stranger.post("/providers/complaints/public", form: form).status == .forbidden)

            let filed = try await visitor.post("/providers/complaints/public", form: form)
            #expect(filed.status == .ok)
            #expect(String(buffer: filed.body).contains("投诉已受理"))
            let open = try await services.store.providers.openComplaints(programmeId: programme.id)
            #expect(open.count == 1 && open.first?.event.organisationId == member.id)
            #expect(open.first?.event.evidence.contains("13800001111") == true)
            // The bureau reads who complained; the public notice and the pool page for others do not.
            var district = try await TestBrowser.signedIn(client, as: "district")
            #expect(String(buffer: try await district.get("/providers").body).contains("13800001111"))
            var enterprise = try await TestBrowser.signedIn(client, as: "ent01")
            #expect(!String(buffer: try await enterprise.get("/providers").body).contains("13800001111"))
            #expect(!String(buffer: try await visitor.get("/providers/removals").body).contains("13800001111"))

            // Four more count toward the limit; the sixth from the address is refused.
            for number in 2...5 {
                form["summary"] = "投诉 \(number)"
                #expect(try await visitor.post("/providers/complaints/public", form: form).status == .ok)
            }
            form["summary"] = "投诉 6"
            #expect(try await visitor.post("/providers/complaints/public", form: form).status == .tooManyRequests)
            #expect(try await services.store.providers.openComplaints(programmeId: programme.id).count == 5)
            // An unknown programme is a 400.
            #expect(try await visitor.get("/providers/complaints/public?programme=NOPE").status == .badRequest)
        }
    }
}
