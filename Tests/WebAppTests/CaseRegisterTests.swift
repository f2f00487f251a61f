import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// The case register through its pages (issue #15): who may propose what, the district's review,
/// four eyes at the selection, publishing, withdrawal, scope (out of reach is 404), and the public
/// page showing published cases only, without private data. Each refusal writes nothing.
@Suite("Case register: workflow, four eyes, scope, public page")
struct CaseRegisterTests {
    static func form(_ token: String, _ values: [String: String]) -> [String: String] {
        var form = [
            "csrf_token": token, "problem": "设备状态靠人工巡检", "solution": "设备联网与能耗管理", "result_indicator_1": "单位能耗",
            "result_unit_1": "吨/万元", "result_before_1": "0.42", "result_after_1": "0.35", "investment": "850000",
        ]
        form.merge(values) { $1 }
        return form
    }

    static func caseId(_ response: TestResponse) -> String? {
        response.headers[.location].flatMap { location in
            location.split(separator: "?").first.map { String($0.dropFirst("/cases/".count)) }
        }
    }

    static func count(_ store: PilotStore, _ programmeId: String) async throws -> Int {
        try await store.cases.cases(CaseQuery(programmeId: programmeId)).total
    }

    @Test("proposed by an enterprise, reviewed, selected (never by its proposer), published; the public sees only that")
    func workflow() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let ent01 = try #require(try await store.accounts.user(username: "ent01"))
            let own = try #require(try await store.parties.organisation(ent01.organisationId ?? "", programmeId: programme.id))
            let ent02 = try #require(try await store.accounts.user(username: "ent02"))
            let other = try #require(try await store.parties.organisation(ent02.organisationId ?? "", programmeId: programme.id))

            var enterprise = try await TestBrowser.signedIn(client, as: "ent01")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await enterprise.get("/cases/new").body)))
            // Refused, nothing written: another enterprise as subject, a region, a practice, a bad figure.
            let refusals: [([String: String], String)] = [
                (
                    ["kind": "typical", "subject_kind": "enterprise", "subject_uscc": other.uscc ?? "", "title": "别人的案例"],
                    "企业只能为本企业申报案例"
                ),
                (["kind": "typical", "subject_kind": "region", "region": "120116400", "title": "区域案例"], "您的角色不能申报该类别"),
                (["kind": "benchmark", "subject_uscc": own.uscc ?? "", "title": "标杆", "result_before_1": "很多"], "第 1 行成效指标"),
                (["kind": "chain", "subject_uscc": own.uscc ?? "", "title": "链式", "members": ""], "链式转型案例须列出至少一家"),
                (["kind": "typical", "subject_kind": "enterprise", "subject_uscc": own.uscc ?? "", "title": ""], "请填写案例名称"),
            ]
            for (values, message) in refusals {
                let refused = try await enterprise.post("/cases", form: Self.form(token, values))
                #expect(refused.status == .unprocessableContent, "\(values)")
                #expect(String(buffer: refused.body).contains(message), "\(message)")
            }
            #expect(try await Self.count(store, programme.id) == 0)

            let proposed = try await enterprise.post(
                "/cases",
                form: Self.form(
                    token,
                    ["kind": "typical", "subject_kind": "enterprise", "subject_uscc": own.uscc ?? "", "title": "设备联网与能耗管理案例"]))
            #expect(proposed.status == .seeOther)
            let id = try #require(Self.caseId(proposed))
            let record = try #require(try await store.cases.record(id: id, programmeId: programme.id))
            #expect(record.status == .proposed && record.subjectOrganisationId == own.id)
            #expect(record.content.investmentFen == 85_000_000 && record.content.results.first?.after == "0.35")

            // Scope: another enterprise does not reach it (404), nor finds it in its list.
            var stranger = try await TestBrowser.signedIn(client, as: "ent02")
            #expect(try await stranger.get("/cases/\(id)").status == .notFound)
            #expect(!String(buffer: try await stranger.get("/cases").body).contains(id))
            #expect(try await stranger.get("/cases/nope-\(id)").status == .notFound)
            // Nor may a contractor review it (not a district official): the policy refuses.
            var contractor = try await TestBrowser.signedIn(client, as: "contractor")
            let contractorToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await contractor.get("/cases").body)))
            #expect(
                try await contractor.post("/cases/\(id)/review", form: ["csrf_token": contractorToken, "note": "x"]).status
                    == .forbidden)

            // The district reviews: an empty opinion is refused, then it is under review.
            var district = try await TestBrowser.signedIn(client, as: "district")
            let districtPage = String(buffer: try await district.get("/cases/\(id)").body)
            #expect(districtPage.contains("id=\"case-review\""))
            let districtToken = try #require(TestBrowser.csrfToken(in: districtPage))
            #expect(
                try await district.post("/cases/\(id)/review", form: ["csrf_token": districtToken, "note": " "]).status
                    == .unprocessableContent)
            #expect(try await store.cases.events(caseId: id).map(\.action) == ["propose"])
            #expect(
                try await district.post("/cases/\(id)/review", form: ["csrf_token": districtToken, "note": "材料属实，同意推荐"]).status
                    == .seeOther)
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .underReview)
            // The district cannot select (leadership or the office decides).
            #expect(
                try await district.post(
                    "/cases/\(id)/decision", form: ["csrf_token": districtToken, "decision": "select", "note": "x"]
                ).status == .forbidden)

            var leader = try await TestBrowser.signedIn(client, as: "leader")
            let leaderToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await leader.get("/cases/\(id)").body)))
            // Not yet published: the public sees nothing of it.
            var visitor = TestBrowser(client)
            #expect(try await visitor.get("/cases/public/\(id)").status == .notFound)
            #expect(
                try await leader.post(
                    "/cases/\(id)/decision", form: ["csrf_token": leaderToken, "decision": "select", "note": "入选"]
                )
                .status == .seeOther)
            #expect(try await visitor.get("/cases/public/\(id)").status == .notFound)
            #expect(!String(buffer: try await visitor.get("/cases/public").body).contains(id))
            // Selected counts towards the target already.
            let targets = try await DashboardService(services: services).targets(programme.id)
            #expect(targets.first { $0.target.key == "typical_cases" }?.current == 1)

            #expect(
                try await leader.post("/cases/\(id)/publication", form: ["csrf_token": leaderToken, "note": ""]).status
                    == .seeOther)
            // A second publication is a conflict and writes nothing.
            #expect(
                try await leader.post("/cases/\(id)/publication", form: ["csrf_token": leaderToken, "note": ""]).status
                    == .conflict)
            #expect(
                try await store.cases.events(caseId: id).map(\.action) == ["propose", "review", "select", "publish"])
            let list = String(buffer: try await visitor.get("/cases/public").body)
            #expect(list.contains(id) && list.contains("设备联网与能耗管理案例"))
            let page = try await visitor.get("/cases/public/\(id)")
            #expect(page.status == .ok)
            let text = String(buffer: page.body)
            #expect(text.contains("0.35") && text.contains(own.name))
            // No private data: investment, proposer, opinions, credit code.
            #expect(!text.contains("850,000") && !text.contains(ent01.displayName) && !text.contains("材料属实"))
            #expect(!text.contains(own.uscc ?? "?"))
        }
    }

    @Test("four eyes: who proposed a case cannot select it, even holding leadership too; withdrawal and closed steps")
    func fourEyes() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let official = try #require(try await store.accounts.user(username: "district"))
            try await store.accounts.addGrant(userId: official.id, RoleGrant(role: .leadership, scope: .programme(programme.id)))
            var district = try await TestBrowser.signedIn(client, as: "district")
            let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await district.get("/cases/new").body)))
            let proposed = try await district.post(
                "/cases",
                form: Self.form(
                    token, ["kind": "practice", "region": "120116400", "title": "“先建后补、按效拨付”", "investment": ""]))
            #expect(proposed.status == .seeOther)
            let id = try #require(Self.caseId(proposed))
            #expect(
                try await district.post("/cases/\(id)/review", form: ["csrf_token": token, "note": "同意"]).status == .seeOther)
            let refused = try await district.post(
                "/cases/\(id)/decision", form: ["csrf_token": token, "decision": "select", "note": "自己选自己"])
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("不能参与遴选"))
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .underReview)
            #expect(try await store.cases.events(caseId: id).count == 2)

            // The proposer withdraws it; nothing further applies.
            #expect(
                try await district.post("/cases/\(id)/withdrawal", form: ["csrf_token": token, "note": ""]).status
                    == .unprocessableContent)
            #expect(
                try await district.post("/cases/\(id)/withdrawal", form: ["csrf_token": token, "note": "材料需重新整理"]).status
                    == .seeOther)
            var leader = try await TestBrowser.signedIn(client, as: "leader")
            let leaderToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await leader.get("/cases").body)))
            #expect(
                try await leader.post(
                    "/cases/\(id)/decision", form: ["csrf_token": leaderToken, "decision": "select", "note": "x"]
                )
                .status == .conflict)
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.status == .withdrawn)
            // A withdrawn practice is no record: the office's figure stands.
            let data = try await DashboardService(services: services).data(programme.id)
            #expect(data.recordedCases(.practice) == 0)
        }
    }

    @Test("a provider proposes for an enterprise it serves through a linked project, not for one it does not")
    func providerServes() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let contractorAccount = try #require(try await store.accounts.user(username: "contractor"))
            let served = try #require(
                try await store.instances.instances(programmeId: programme.id).first { instance in
                    contractorAccount.grants.contains { $0.scope == .subIndustry(instance.subIndustryId ?? "") }
                })
            let notServed = try #require(
                try await store.instances.instances(programmeId: programme.id).first { $0.subIndustryId != served.subIndustryId })
            let enterprise = try #require(try await store.parties.organisation(served.subjectOrganisationId ?? ""))
            let stranger = try #require(try await store.parties.organisation(notServed.subjectOrganisationId ?? ""))
            var contractor = try await TestBrowser.signedIn(client, as: "contractor")
            let form = String(buffer: try await contractor.get("/cases/new").body)
            #expect(form.contains("project_\(served.id)") && !form.contains("project_\(notServed.id)"))
            let token = try #require(TestBrowser.csrfToken(in: form))
            // A project out of its reach cannot be linked; an enterprise without a linked project is not "served".
            let foreign = try await contractor.post(
                "/cases",
                form: Self.form(
                    token,
                    ["kind": "workshop", "subject_uscc": stranger.uscc ?? "", "title": "车间", "project_\(notServed.id)": "on"]))
            #expect(foreign.status == .unprocessableContent)
            let unlinked = try await contractor.post(
                "/cases", form: Self.form(token, ["kind": "workshop", "subject_uscc": enterprise.uscc ?? "", "title": "车间"]))
            #expect(unlinked.status == .unprocessableContent)
            #expect(try await Self.count(store, programme.id) == 0)
            let ok = try await contractor.post(
                "/cases",
                form: Self.form(
                    token,
                    ["kind": "workshop", "subject_uscc": enterprise.uscc ?? "", "title": "车间", "project_\(served.id)": "on"]))
            #expect(ok.status == .seeOther)
            let id = try #require(Self.caseId(ok))
            #expect(try await store.cases.record(id: id, programmeId: programme.id)?.content.projects == [served.id])
            // The enterprise it is about reaches it; the proposer uploads a photo.
            var owner = try await TestBrowser.signedIn(client, as: "ent01")
            let ownerAccount = try #require(try await store.accounts.user(username: "ent01"))
            #expect(
                try await owner.get("/cases/\(id)").status == (ownerAccount.organisationId == enterprise.id ? .ok : .notFound))
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
            var (headers, body) = multipart(["csrf_token": token], file: ("车间.png", png))
            for field in contractor.cookieHeader { headers[field.name] = field.value }
            let uploaded = try await client.execute(uri: "/cases/\(id)/documents", method: .post, headers: headers, body: body)
            #expect(uploaded.status == .seeOther)
            let document = try #require(try await store.cases.documents(caseId: id).first)
            let download = try await contractor.get("/cases/\(id)/documents/\(document.id)")
            #expect(download.status == .ok && Data(buffer: download.body) == png)
        }
    }
}
