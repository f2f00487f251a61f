import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The programme dossiers and the administrators' password reset by API (issue 17): texts saved as
/// versions (a stale one is 409 and writes nothing), required documents uploaded, leadership reads
/// but does not write; a one-time password issued to another account, never one's own.
@Suite("API: programme dossiers and password reset")
struct APIDossierTests {
    @Test("the office saves a section's text and uploads a document; a stale save is 409; leadership may not write")
    func dossier() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let district = try await APITestCaller(client, services, "district")
            let read = try APITestCaller.object(try await district.call(.get, "/api/v1/programme/dossiers/final"))
            #expect((read["missing"] as? [String])?.contains("缺少必备文件：专项资金审计报告") == true)
            let sections = try #require(read["sections"] as? [[String: Any]])
            let current = try #require(sections.first { $0["key"] as? String == "funds" }?["version"] as? Int)

            let path = "/api/v1/programme/dossiers/final/sections/funds"
            let empty = try await district.call(.put, path, json: ["text": " ", "version": current])
            #expect(empty.status == .unprocessableContent)
            #expect(try APITestCaller.error(empty).code == "invalid_input")
            let saved = try await district.call(.put, path, json: ["text": "配套资金已全部到位", "version": current])
            #expect(saved.status == .ok)
            let stale = try await district.call(.put, path, json: ["text": "另一个版本", "version": current])
            #expect(stale.status == .conflict)
            let versions = try await store.dossiers.texts(programmeId: programme.id, dossier: "final")["funds"] ?? []
            #expect(versions.count == current + 1 && versions.first?.text == "配套资金已全部到位")
            #expect(
                try await district.call(
                    .put, "/api/v1/programme/dossiers/final/sections/nope",
                    json: [
                        "text": "x", "version": 0,
                    ]
                ).status == .notFound)

            let upload = "/api/v1/programme/dossiers/final/documents?document_kind=audit_report&file_name=audit.pdf"
            let badKind = try await district.call(
                .post, "/api/v1/programme/dossiers/final/documents?document_kind=nope&file_name=a.pdf",
                raw: ContractsAndRecordsTests.pdf, contentType: "application/octet-stream")
            #expect(badKind.status == .unprocessableContent)
            let stored = try await district.call(
                .post, upload, raw: ContractsAndRecordsTests.pdf, contentType: "application/octet-stream")
            #expect(stored.status == .created)
            let after = try APITestCaller.object(try await district.call(.get, "/api/v1/programme/dossiers/final"))
            #expect((after["missing"] as? [String])?.contains("缺少必备文件：专项资金审计报告") == false)
            #expect((after["documents"] as? [[String: Any]])?.count == 1)

            let leader = try await APITestCaller(client, services, "leader")
            #expect(try await leader.call(.get, "/api/v1/programme/dossiers/midterm").status == .ok)
            #expect(try await leader.call(.put, path, json: ["text": "x", "version": current + 1]).status == .forbidden)
            #expect(try await store.dossiers.texts(programmeId: programme.id, dossier: "final")["funds"]?.count == current + 1)
            let taskforce = try await APITestCaller(client, services, "taskforce")
            #expect(try await taskforce.call(.get, "/api/v1/programme/dossiers/final").status == .forbidden)
        }
    }

    @Test("an administrator issues a one-time password; one's own account and other roles are refused")
    func passwordReset() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let target = try #require(try await store.accounts.user(username: "ent01"))
            let admin = try await APITestCaller(client, services, "admin")
            let reset = try await admin.call(.post, "/api/v1/accounts/\(target.id)/password")
            #expect(reset.status == .ok)
            let password = try #require(try APITestCaller.object(reset)["one_time_password"] as? String)
            let now = try #require(try await store.accounts.user(id: target.id))
            #expect(try await services.passwords.verify(password, against: now.passwordHash) && now.mustChangePassword)
            let own = try #require(try await store.accounts.user(username: "admin"))
            let mine = try await admin.call(.post, "/api/v1/accounts/\(own.id)/password")
            #expect(mine.status == .unprocessableContent)
            #expect(try await admin.call(.post, "/api/v1/accounts/nope/password").status == .notFound)
            let district = try await APITestCaller(client, services, "district")
            #expect(try await district.call(.post, "/api/v1/accounts/\(target.id)/password").status == .forbidden)
        }
    }
}
