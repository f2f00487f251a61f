import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing

@testable import WebApp

/// The programme's phases and the city's two dossiers (policy 004 §五, §四(九)(十); issue #15): the
/// checklist of what is missing, known on constructed data; the office's text versioned and escaped.
@Suite("Programme: phases and the dossiers' checklists")
struct ProgrammeDossierTests {
    static func inputs(texts: [String: [DossierText]], documents: [String], matched: Bool) -> DossierInputs {
        var data = DashboardData(projects: [])
        data.providers = 31
        data.products = 12
        let targets = Targets.evaluate(data, settings: TargetSettings(goals: ["providers": 30, "solutions": 50]))
        return DossierInputs(
            asOf: Date(), targets: targets,
            funds: FundsSummary(centralPaid: .yuan(1_000), localPaid: .yuan(matched ? 1_000 : 400)), poolMembers: 31,
            poolRemoved: 1, gradeYear: 2025, grades: [.excellent: 3, .good: 20], training: TrainingCounts([]) { _ in nil },
            mobilisation: MobilisationStatus.Rate(zone: "", roster: 10, registered: 9, participating: 8), participationGoal: 90,
            texts: texts,
            documents: documents.map {
                DossierDocument(
                    id: "d_\($0)", dossier: "midterm", kind: $0, fileName: "\($0).pdf", contentType: "application/pdf", size: 1,
                    sha256: "x", uploadedBy: "王", uploadedAt: Date())
            })
    }

    @Test("what is missing: targets not met, the 1:1 match, sections without text, required documents (known answer)")
    func checklist() {
        let written = DossierText(section: "overview", version: 2, text: "总体情况", byName: "李静", at: Date())
        let blank = DossierText(section: "funds", version: 1, text: "  ", byName: "李静", at: Date())
        let dossier = Dossier.assemble(
            .midterm, due: "2024-12-31",
            Self.inputs(texts: ["overview": [written], "funds": [blank]], documents: ["self_evaluation"], matched: false))
        let missing = dossier.missing
        let targets: [String] = missing.compactMap { if case .target(let key, _, _, _, _) = $0 { key } else { nil } }
        // Providers (31 ≥ 30) is met; solutions (12 < 50) and every target without a figure are not.
        #expect(!targets.contains("providers") && targets.contains("solutions") && targets.contains("level3"))
        #expect(missing.contains(DossierMissing.matching(central: Fen.yuan(1_000), local: Fen.yuan(400))))
        let texts: [String] = missing.compactMap { if case .text(let section, _) = $0 { section } else { nil } }
        #expect(texts == ["targets", "funds", "cases", "providers", "training", "mobilisation"])
        let documents: [String] = missing.compactMap { if case .document(let key, _) = $0 { key } else { nil } }
        #expect(documents == ["funds_report", "cases"])
        #expect(!dossier.isComplete)
        #expect(
            missing.first { if case .matching = $0 { true } else { false } }?.message.zh
                == "地方资金未实现 1:1 配套：中央已拨 1,000.00 元，地方已拨 400.00 元")
        let mobilisation = dossier.sections.first { $0.key == "mobilisation" }
        #expect(mobilisation?.figures.last?.value == "80% / 90%")

        let final = Dossier.assemble(
            .final, due: "2025-12-31", Self.inputs(texts: [:], documents: ["self_evaluation"], matched: true))
        #expect(!final.missing.contains { if case .matching = $0 { true } else { false } })
        let finalDocuments: [String] = final.missing.compactMap {
            if case .document(let key, _) = $0 { key } else { nil }
        }
        #expect(
            finalDocuments == [
                "acceptance_application", "summary_report", "audit_report", "cases",
            ])
    }

    @Test("the office's text is saved as versions, escaped on the page and in print; a stale save is 409 and writes nothing")
    func officeText() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            var district = try await TestBrowser.signedIn(client, as: "district")
            let overview = String(buffer: try await district.get("/programme").body)
            #expect(overview.contains("data-phase=\"phase1\"") && overview.contains("data-phase=\"phase2\""))
            #expect(overview.contains("data-dossier=\"midterm\"") && overview.contains("data-dossier=\"final\""))
            let page = String(buffer: try await district.get("/programme/dossier/final").body)
            #expect(page.contains("id=\"missing\"") && page.contains("缺少必备文件：专项资金审计报告"))
            let token = try #require(TestBrowser.csrfToken(in: page))
            let current =
                try await store.dossiers.texts(programmeId: programme.id, dossier: "final")["funds"]?.first?.version ?? 0
            let saved = try await district.post(
                "/programme/dossier/final/sections/funds",
                form: ["csrf_token": token, "version": String(current), "text": "配套<script>alert(1)</script>到位"])
            #expect(saved.status == .seeOther)
            let stale = try await district.post(
                "/programme/dossier/final/sections/funds",
                form: ["csrf_token": token, "version": String(current), "text": "另一个版本"])
            #expect(stale.status == .conflict)
            let versions = try await store.dossiers.texts(programmeId: programme.id, dossier: "final")["funds"] ?? []
            #expect(versions.count == current + 1 && versions.first?.byName == "李静（区工信局）")
            for path in ["/programme/dossier/final", "/programme/dossier/final/print"] {
                let html = String(buffer: try await district.get(path).body)
                #expect(html.contains("配套&lt;script&gt;alert(1)&lt;/script&gt;到位") && !html.contains("<script>alert"), "\(path)")
            }
            #expect(!String(buffer: try await district.get("/programme/dossier/final").body).contains("缺少试点办公室说明：三、资金"))
            let export = try await district.get("/programme/dossier/final/export.xlsx")
            #expect(export.status == .ok)
            #expect(try await district.get("/programme/dossier/interim").status == .notFound)
            // The leadership reads; it does not write.
            var leader = try await TestBrowser.signedIn(client, as: "leader")
            #expect(try await leader.get("/programme/dossier/midterm").status == .ok)
            let leaderToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await leader.get("/programme").body)))
            let refused = try await leader.post(
                "/programme/dossier/final/sections/funds", form: ["csrf_token": leaderToken, "version": "1", "text": "x"])
            #expect(refused.status == .forbidden)
            var taskforce = try await TestBrowser.signedIn(client, as: "taskforce")
            #expect(try await taskforce.get("/programme").status == .forbidden)
        }
    }
}
