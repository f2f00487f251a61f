import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing

/// The policy library and the supply–demand hall in the store (issue #15), on both backends: each
/// write with its version or event row in one transaction; refusals write nothing; the resource
/// push written in the product's transaction reaches exactly the matching open needs.
@Suite("Policies and the supply–demand hall in the store")
struct PolicyHallStoreTests {
    static let office = ChangeActor(userId: "u_office", name: "区工信局")

    static func content(_ title: String, maxLevel: Int = 3) -> PolicyContent {
        PolicyContent(
            title: title, issuer: "天津市滨海新区工业和信息化局", documentNumber: "津滨工信〔2025〕1号", issuedOn: "2025-01-01",
            validFrom: "2025-01-01", validTo: nil, body: "全文", criteria: PolicyCriteria(minLevel: 2, maxLevel: maxLevel))
    }

    @Test(
        "publish, revise on the version read, a stale revision and a withdrawn policy refused; one version row each",
        arguments: TestStores.backends)
    func policyVersions(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        _ = try await store.policies.publish(id: "pol_1", programmeId: programmeId, content: Self.content("政策一"), by: Self.office)
        let revised = try await store.policies.edit(
            id: "pol_1", programmeId: programmeId, content: Self.content("政策一（修订）", maxLevel: 4), expectedVersion: 1,
            reason: "扩大范围", by: Self.office)
        #expect((try? revised.get())?.version == 2)
        let stale = try await store.policies.edit(
            id: "pol_1", programmeId: programmeId, content: Self.content("过期表单"), expectedVersion: 1, reason: "x", by: Self.office
        )
        #expect(stale == .failure(.stale(current: 2)))
        #expect(try await store.policies.policy(id: "pol_1", programmeId: programmeId)?.content.title == "政策一（修订）")
        #expect(try await store.policies.policy(id: "pol_1", programmeId: "other") == nil)
        let withdrawn = try await store.policies.withdraw(
            id: "pol_1", programmeId: programmeId, expectedVersion: 2, reason: "废止", by: Self.office)
        #expect((try? withdrawn.get())?.status == .withdrawn)
        #expect(
            try await store.policies.edit(
                id: "pol_1", programmeId: programmeId, content: Self.content("再改"), expectedVersion: 3, reason: "x",
                by: Self.office)
                == .failure(.withdrawn))
        let versions = try await store.policies.versions(policyId: "pol_1")
        #expect(versions.map(\.action) == ["published", "edited", "withdrawn"])
        #expect(versions.map(\.content.criteria.maxLevel) == [3, 4, 4])
        #expect(try await store.policies.policies(programmeId: programmeId, includeWithdrawn: false).isEmpty)

        #expect(try await store.policies.lastSeen(programmeId: programmeId, organisationId: people.enterprise.id) == nil)
        try await store.policies.markSeen(programmeId: programmeId, organisationId: people.enterprise.id)
        try await store.policies.markSeen(programmeId: programmeId, organisationId: people.enterprise.id)
        #expect(try await store.policies.lastSeen(programmeId: programmeId, organisationId: people.enterprise.id) != nil)
    }

    @Test(
        "needs, one answer per provider, acceptance refused without a project writing nothing, the push in the product's transaction",
        arguments: TestStores.backends)
    func hall(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let deadline = Shanghai.dateText(store.clock.now().addingTimeInterval(30 * 86_400))
        func need(_ scenarios: [String], max: Int64, category: String? = nil) -> NeedContent {
            NeedContent(
                title: "需求", description: "描述", scenarios: scenarios, category: category, budgetMin: 100, budgetMax: max,
                deadline: deadline, showName: false)
        }
        let by = ChangeActor(userId: "u_ent", name: "企业")
        let energy = try await store.hall.postNeed(
            id: "need_energy", programmeId: programmeId, organisation: people.enterprise,
            content: need(["energy"], max: 10_000_000), by: by)
        _ = try await store.hall.postNeed(
            id: "need_cheap", programmeId: programmeId, organisation: people.enterprise, content: need(["energy"], max: 1_000),
            by: by)
        _ = try await store.hall.postNeed(
            id: "need_finance", programmeId: programmeId, organisation: people.enterprise,
            content: need(["finance"], max: 10_000_000),
            by: by)
        _ = try await store.hall.postNeed(
            id: "need_category", programmeId: programmeId, organisation: people.enterprise,
            content: need(["energy"], max: 10_000_000, category: "equipment"), by: by)
        let provider = try await store.providers.addProvider(
            programmeId: programmeId, name: "天津推送测试科技有限公司",
            uscc: try USCC(validating: USCC.withCheckCharacter("91120116MA0PH0001")!), categories: ["solutions"])
        let product = try await store.providers.addProduct(
            programmeId: programmeId, organisationId: provider.id, name: "能耗看板", price: Fen(500_000), scenarios: ["energy"],
            description: "")
        let notices = try await store.hall.notices(
            programmeId: programmeId, organisationId: people.enterprise.id, unreadOnly: true)
        #expect(notices.map(\.needId) == ["need_energy"] && notices.first?.productId == product.id)
        try await store.hall.markNoticesRead(needId: "need_energy", organisationId: people.enterprise.id)
        #expect(
            try await store.hall.notices(programmeId: programmeId, organisationId: people.enterprise.id, unreadOnly: true).isEmpty
        )

        let answered = try await store.hall.answer(
            id: "ans_1", needId: energy.id, programmeId: programmeId, provider: provider, proposal: "方案", price: Fen(400_000),
            productId: product.id, timeline: "30 天", by: ChangeActor(userId: "u_p", name: "服务商"))
        #expect((try? answered.get()) != nil)
        let again = try await store.hall.answer(
            id: "ans_2", needId: energy.id, programmeId: programmeId, provider: provider, proposal: "再来", price: Fen(1),
            productId: nil, timeline: "1 天", by: ChangeActor(userId: "u_p", name: "服务商"))
        if case .failure(let refusal) = again {
            #expect(refusal == .alreadyAnswered)
        } else {
            Issue.record("a second answer by the same provider was accepted")
        }
        #expect(try await store.hall.answers(needId: energy.id).map(\.productName) == ["能耗看板"])

        // The test programme's enterprise has no project: refused, nothing written.
        let refused = try await store.hall.accept(
            needId: energy.id, answerId: "ans_1", programmeId: programmeId, organisationId: people.enterprise.id,
            expectedVersion: 1, planTransition: "file_plan", draftingStates: ["diagnosed"], by: by)
        #expect(refused == .failure(.noProject))
        let stale = try await store.hall.accept(
            needId: energy.id, answerId: "ans_1", programmeId: programmeId, organisationId: people.enterprise.id,
            expectedVersion: 7, planTransition: "file_plan", draftingStates: ["diagnosed"], by: by)
        #expect(stale == .failure(.stale))
        let after = try #require(try await store.hall.need(id: energy.id, programmeId: programmeId))
        #expect(after.status == .open && after.version == 1 && after.planInstanceId == nil)
        #expect(try await store.hall.answers(needId: energy.id).map(\.status) == [.submitted])
        #expect(try await store.hall.events(needId: energy.id).map(\.action) == ["posted", "answered"])

        #expect(
            try await store.hall.close(needId: energy.id, programmeId: programmeId, organisationId: people.enterprise.id, by: by))
        #expect(
            !(try await store.hall.close(
                needId: energy.id, programmeId: programmeId, organisationId: people.enterprise.id, by: by)))
        #expect(try await store.hall.needs(programmeId: programmeId, statuses: [.open]).count == 3)
    }
}
