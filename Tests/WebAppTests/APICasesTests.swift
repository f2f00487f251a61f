import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The case register by API (issue 17): proposed, reviewed, selected (never by its proposer),
/// published and withdrawn through the page's own checks; out of reach is 404, a step not one's
/// own 403, bad input a 422 in Chinese that writes nothing.
@Suite("API: the case register")
struct APICasesTests {
    static func proposal(_ uscc: String, _ values: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "kind": "typical", "subject_kind": "enterprise", "subject_uscc": uscc, "title": "设备联网与能耗管理案例",
            "problem": "设备状态靠人工巡检", "solution": "设备联网与能耗管理", "investment": "850000",
            "results": [["indicator": "单位能耗", "unit": "吨/万元", "before": "0.42", "after": "0.35"]],
        ]
        body.merge(values) { $1 }
        return body
    }

    @Test("an enterprise proposes and adds a document; the district reviews; leadership selects and publishes")
    func workflow() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let ent01 = try #require(try await store.accounts.user(username: "ent01"))
            let own = try #require(try await store.parties.organisation(ent01.organisationId ?? "", programmeId: programme.id))
            let ent02 = try #require(try await store.accounts.user(username: "ent02"))
            let other = try #require(try await store.parties.organisation(ent02.organisationId ?? "", programmeId: programme.id))
            let enterprise = try await APITestCaller(client, services, "ent01")

            // Refused with the page's message, nothing written.
            let foreign = try await enterprise.call(.post, "/api/v1/cases", json: Self.proposal(other.uscc ?? ""))
            #expect(foreign.status == .unprocessableContent)
            #expect(try APITestCaller.error(foreign).message.contains("企业只能为本企业申报案例"))
            let badFigure = try await enterprise.call(
                .post, "/api/v1/cases",
                json: Self.proposal(own.uscc ?? "", ["results": [["indicator": "能耗", "before": "很多", "after": "1"]]]))
            #expect(badFigure.status == .unprocessableContent)
            let tooLong = try await enterprise.call(
                .post, "/api/v1/cases", json: Self.proposal(own.uscc ?? "", ["title": String(repeating: "长", count: 201)]))
            #expect(tooLong.status == .badRequest)
            #expect(try await store.cases.cases(CaseQuery(programmeId: programme.id)).total == 0)

            let proposed = try await enterprise.call(.post, "/api/v1/cases", json: Self.proposal(own.uscc ?? ""))
            #expect(proposed.status == .created)
            let created = try APITestCaller.object(proposed)
            let summary = try #require(created["case"] as? [String: Any])
            let id = try #require(summary["id"] as? String)
            #expect(summary["status"] as? String == "proposed" && created["investment_fen"] as? Int == 85_000_000)
            let record = try #require(try await store.cases.record(id: id, programmeId: programme.id))
            #expect(record.subjectOrganisationId == own.id && record.content.results.first?.after == "0.35")

            let document = try await enterprise.call(
                .post, "/api/v1/cases/\(id)/documents?file_name=photo.pdf", raw: ContractsAndRecordsTests.pdf,
                contentType: "application/octet-stream")
            #expect(document.status == .created)
            #expect(try await store.cases.documents(caseId: id).count == 1)

            // Reach: another enterprise does not see it; a contractor may not review.
            let stranger = try await APITestCaller(client, services, "ent02")
            #expect(try await stranger.call(.get, "/api/v1/cases/\(id)").status == .notFound)
            let strangerList = try APITestCaller.object(try await stranger.call(.get, "/api/v1/cases"))
            #expect(!((strangerList["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == id })
            let contractor = try await APITestCaller(client, services, "contractor")
            #expect(try await contractor.call(.post, "/api/v1/cases/\(id)/review", json: ["note": "x"]).status == .forbidden)

            let district = try await APITestCaller(client, services, "district")
            let blank = try await district.call(.post, "/api/v1/cases/\(id)/review", json: ["note": " "])
            #expect(blank.status == .unprocessableContent)
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .proposed)
            let reviewed = try await district.call(.post, "/api/v1/cases/\(id)/review", json: ["note": "材料属实，同意推荐"])
            #expect(reviewed.status == .ok)
            let again = try await district.call(.post, "/api/v1/cases/\(id)/review", json: ["note": "再次"])
            #expect(again.status == .conflict)

            let leader = try await APITestCaller(client, services, "leader")
            let early = try await leader.call(.post, "/api/v1/cases/\(id)/publication", json: [:])
            #expect(early.status == .conflict)
            let selected = try await leader.call(
                .post, "/api/v1/cases/\(id)/decision", json: ["decision": "select", "note": "入选"])
            #expect(selected.status == .ok)
            let published = try await leader.call(.post, "/api/v1/cases/\(id)/publication", json: [:])
            #expect(published.status == .ok)
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .published)
            let detail = try APITestCaller.object(try await enterprise.call(.get, "/api/v1/cases/\(id)"))
            #expect((detail["events"] as? [[String: Any]])?.count == 5, "proposed, document, review, select, publish")
            let list = try APITestCaller.object(try await leader.call(.get, "/api/v1/cases?status=published"))
            #expect((list["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            #expect(try await leader.call(.get, "/api/v1/cases?zone=x").status == .unprocessableContent)
        }
    }

    @Test("the proposer never selects its own case and withdraws it with a reason")
    func fourEyes() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let official = try #require(try await store.accounts.user(username: "district"))
            try await store.accounts.addGrant(userId: official.id, RoleGrant(role: .leadership, scope: .programme(programme.id)))
            let district = try await APITestCaller(client, services, "district")
            let proposed = try await district.call(
                .post, "/api/v1/cases",
                json: Self.proposal(
                    "", ["kind": "practice", "region": "120116400", "title": "“先建后补、按效拨付”", "investment": ""]))
            #expect(proposed.status == .created)
            let id = try #require((try APITestCaller.object(proposed)["case"] as? [String: Any])?["id"] as? String)
            #expect(try await district.call(.post, "/api/v1/cases/\(id)/review", json: ["note": "同意"]).status == .ok)
            let decide = try await district.call(
                .post, "/api/v1/cases/\(id)/decision", json: ["decision": "select", "note": "自己选自己"])
            #expect(decide.status == .forbidden)
            #expect(try APITestCaller.error(decide).message.contains("不能参与遴选"))
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .underReview)
            let noReason = try await district.call(.post, "/api/v1/cases/\(id)/withdrawal", json: ["note": ""])
            #expect(noReason.status == .unprocessableContent)
            let withdrawn = try await district.call(.post, "/api/v1/cases/\(id)/withdrawal", json: ["note": "材料需重新整理"])
            #expect(withdrawn.status == .ok)
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .withdrawn)
        }
    }
}
