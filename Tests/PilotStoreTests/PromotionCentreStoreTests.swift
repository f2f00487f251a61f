import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing

/// Promotion centres in the store (policy 002 chapter 3), on both backends: filed with their
/// documents and first event in one transaction; each change under the row's lock with its event;
/// a refusal writes nothing; lists cut by division ranges and the lead organisation.
@Suite("Promotion centres in the store")
struct PromotionCentreStoreTests {
    static func application(_ division: String, plan: String) -> CentreApplication {
        CentreApplication(
            name: "促进中心 \(division)", industry: "装备制造", leadName: "天津样本数字科技有限公司",
            leadUSCC: USCC.withCheckCharacter("91120116MA0PC0011")!, members: [], planSummary: "建设方案摘要",
            commitments: [.talentTraining, .resourceIntegration], site: "天津", teamSize: 10, divisionCode: division,
            contactName: "王工", contactPhone: "022-1", planDocumentId: plan, agreementDocumentId: nil)
    }

    @Test(
        "file, return, correct, recommend, confirm, self-assess; refusals write nothing; reach by division and lead",
        arguments: TestStores.backends)
    func lifecycle(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let lead = try await store.providers.addProvider(
            programmeId: programmeId, name: "天津样本数字科技有限公司",
            uscc: try USCC(validating: USCC.withCheckCharacter("91120116MA0PC0011")!), categories: ["consulting"])
        let by = ChangeActor(userId: "u_lead", name: "样本")
        var ids: [String: String] = [:]
        for division in ["120116400", "120116402", "120110001"] {
            let id = "ctr_\(division)"
            let content = Data("%PDF-1.4 \(division)".utf8)
            let document = CentreDocument(
                id: "cdoc_\(division)", programmeId: programmeId, centreId: id, purpose: .plan, fileName: "方案.pdf",
                contentType: "application/pdf", size: content.count, sha256: "x", uploadedBy: "样本", uploadedAt: Date())
            _ = try await store.centres.createCentre(
                id: id, programmeId: programmeId, leadOrganisationId: lead.id,
                centre: PromotionCentre(filing: Self.application(division, plan: document.id)), documents: [(document, content)],
                by: by)
            ids[division] = id
        }
        let id = try #require(ids["120116400"])
        let (document, bytes) = try #require(try await store.centres.document(id: "cdoc_120116400", programmeId: programmeId))
        #expect(document.centreId == id && bytes == Data("%PDF-1.4 120116400".utf8))
        #expect(try await store.centres.document(id: "cdoc_120116400", programmeId: "other") == nil)

        // Reach: a node's subtree by code range, the lead's own, or nothing.
        func reached(_ reach: CentreReach, _ statuses: [PromotionCentre.Status] = []) async throws -> Set<String> {
            var query = CentreQuery(programmeId: programmeId)
            query.reach = reach
            query.statuses = statuses
            return Set(try await store.centres.centres(query).map(\.id))
        }
        #expect(try await reached(.programme).count == 3)
        #expect(try await reached(.limited(divisions: [DivisionCode("120116")!], leadOrganisationId: nil)).count == 2)
        #expect(
            try await reached(.limited(divisions: [DivisionCode("120116402")!], leadOrganisationId: nil)) == [ids["120116402"]!])
        #expect(try await reached(.limited(divisions: [DivisionCode("120000")!], leadOrganisationId: nil)).count == 3)
        #expect(try await reached(.limited(divisions: [], leadOrganisationId: lead.id)).count == 3)
        #expect(try await reached(.limited(divisions: [], leadOrganisationId: "org_other")).isEmpty)
        #expect(try await reached(.limited(divisions: [], leadOrganisationId: nil)).isEmpty)

        // A refused step writes nothing: no event, same version and status.
        let refused = try await store.centres.changeCentre(
            id: id, programmeId: programmeId, action: "confirmed", detail: "x", by: by
        ) { centre throws(PromotionCentre.Refusal) in try centre.confirm(note: "列入") }
        #expect(refused == .failure(.notInState(.submitted)))
        #expect(try await store.centres.events(centreId: id).map(\.action) == ["filed"])
        #expect(try await store.centres.centre(id: id, programmeId: programmeId)?.version == 1)

        let steps: [(String, @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void)] = [
            ("returned", { centre throws(PromotionCentre.Refusal) in try centre.returnForCorrection(reason: "补充材料") }),
            ("corrected", { centre throws(PromotionCentre.Refusal) in try centre.correct(centre.application) }),
            ("recommended", { centre throws(PromotionCentre.Refusal) in try centre.recommend(opinion: "同意推荐") }),
            ("confirmed", { centre throws(PromotionCentre.Refusal) in try centre.confirm(note: "列入名单") }),
        ]
        for (action, rule) in steps {
            let outcome = try await store.centres.changeCentre(
                id: id, programmeId: programmeId, action: action, detail: action, by: by, rule)
            if case .failure(let refusal) = outcome { Issue.record("\(action): \(refusal)") }
        }
        let assessment = CentreSelfAssessment(
            year: 2025,
            ratings: [
                .init(commitment: .resourceIntegration, score: 70, evidence: "台账"),
                .init(commitment: .talentTraining, score: 90, evidence: "培训记录"),
            ])
        let assess: @Sendable (inout PromotionCentre) throws(PromotionCentre.Refusal) -> Void = {
            centre throws(PromotionCentre.Refusal) in try centre.selfAssess(assessment, currentYear: 2026)
        }
        let first = try await store.centres.changeCentre(
            id: id, programmeId: programmeId, action: "self_assessed", detail: "2025", by: by, assess)
        #expect((try? first.get())?.assessments[2025]?.average == 80)
        let second = try await store.centres.changeCentre(
            id: id, programmeId: programmeId, action: "self_assessed", detail: "2025", by: by, assess)
        #expect(second == .failure(.assessedAlready(year: 2025)))

        let record = try #require(try await store.centres.centre(id: id, programmeId: programmeId))
        #expect(record.centre.status == .confirmed && record.version == 6)
        let events = try await store.centres.events(centreId: id)
        #expect(events.map(\.action) == ["filed", "returned", "corrected", "recommended", "confirmed", "self_assessed"])
        #expect(events[1].fromStatus == .submitted && events[1].toStatus == .returned && events[1].byName == "样本")
        #expect(try await reached(.programme, [.confirmed]) == [id])
        #expect(try await store.centres.centre(id: id, programmeId: "other") == nil)
    }
}
