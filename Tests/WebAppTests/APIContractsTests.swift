import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The contracts register and the fund-application windows by API (issue 17): contracts read and
/// changed by who may, payments with their scans, a stale version refused; out of reach is 404,
/// another role 403, bad input a 4xx in Chinese that writes nothing.
@Suite("API: contracts, payments and fund-application windows")
struct APIContractsTests {
    static let scan = ["file_name": "扫描件.pdf", "content_base64": ContractsAndRecordsTests.pdf.base64EncodedString()]

    @Test("the enterprise reads, registers, corrects and pays its contracts; a stranger is not found; bad input writes nothing")
    func contracts() async throws {
        try await WebFixture.app(enterprises: 21) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let project = try #require(
                try await store.instances.instances(programmeId: programme.id, state: "implementation").first)
            let contract = try #require(try await store.records.contracts(instanceId: project.id).first)
            let owner = try await ContractsAndRecordsTests.enterpriseUser(services, project)
            let enterprise = try await APITestCaller(client, services, owner)

            let list = try APITestCaller.object(try await enterprise.call(.get, "/api/v1/contracts?kind=service"))
            #expect((list["items"] as? [[String: Any]])?.contains { $0["id"] as? String == contract.id } == true)
            #expect(try await enterprise.call(.get, "/api/v1/contracts?page=0").status == .badRequest)
            let detail = try APITestCaller.object(try await enterprise.call(.get, "/api/v1/contracts/\(contract.id)"))
            #expect((detail["contract"] as? [String: Any])?["amount_fen"] as? Int == Int(contract.amount.value))

            // Payments: bad input is refused and writes nothing; an invoice with its scan is recorded.
            let payment: [String: Any] = [
                "kind": "invoice", "number": "FP-001", "issued_on": "2025-06-01", "amount": "1000", "scan": Self.scan,
            ]
            let path = "/api/v1/contracts/\(contract.id)/payments"
            let words = try await enterprise.call(.post, path, json: payment.merging(["amount": "一万"]) { $1 })
            #expect(words.status == .unprocessableContent)
            #expect(try APITestCaller.error(words).code == "invalid_input")
            let notBase64 = try await enterprise.call(
                .post, path, json: payment.merging(["scan": ["file_name": "a.pdf", "content_base64": "!!!"]]) { $1 })
            #expect(notBase64.status == .unprocessableContent)
            #expect(try await store.records.payments(contractIds: [contract.id]).isEmpty)
            let recorded = try await enterprise.call(.post, path, json: payment)
            #expect(recorded.status == .created)
            #expect(try APITestCaller.object(recorded)["amount_fen"] as? Int == 100_000)
            #expect(try await store.records.payments(contractIds: [contract.id]).count == 1)

            // Terms: corrected on the version read; the old version is a conflict.
            let provider = try #require(try await store.parties.organisation(contract.providerOrganisationId))
            var terms: [String: Any] = [
                "contract_no": contract.contractNo, "amount": contract.amount.yuanText.replacingOccurrences(of: ",", with: ""),
                "provider_uscc": provider.uscc ?? "", "signed_on": contract.signedOn, "starts_on": contract.startsOn,
                "ends_on": contract.endsOn, "scope": "设备联网与能耗管理（补充）", "version": contract.version,
            ]
            let updated = try await enterprise.call(.put, "/api/v1/contracts/\(contract.id)", json: terms)
            #expect(updated.status == .ok)
            #expect(try await store.records.contract(id: contract.id, programmeId: programme.id)?.scope == "设备联网与能耗管理（补充）")
            terms["scope"] = "旧版本"
            let stale = try await enterprise.call(.put, "/api/v1/contracts/\(contract.id)", json: terms)
            #expect(stale.status == .conflict)
            #expect(try await store.records.contract(id: contract.id, programmeId: programme.id)?.scope == "设备联网与能耗管理（补充）")

            // A second contract of the project, with its scan: effective at once.
            terms["contract_no"] = "BH-API-2"
            terms["scope"] = "数据平台"
            terms["amount"] = "5000"
            terms["instance_id"] = project.id
            terms["scan"] = Self.scan
            terms["version"] = nil
            let registered = try await enterprise.call(.post, "/api/v1/contracts", json: terms)
            #expect(registered.status == .created)
            let created = try #require(try APITestCaller.object(registered)["contract"] as? [String: Any])
            #expect(created["effective"] as? Bool == true && created["contract_no"] as? String == "BH-API-2")
            let duplicate = try await enterprise.call(.post, "/api/v1/contracts", json: terms)
            #expect(duplicate.status == .unprocessableContent)
            #expect(try await store.records.contracts(instanceId: project.id).count == 2)

            // A stranger enterprise reaches neither the contract nor its payments.
            let other = try #require(
                try await store.accounts.users(programmeId: programme.id).first {
                    $0.username.hasPrefix("ent") && $0.organisationId != project.subjectOrganisationId
                })
            let stranger = try await APITestCaller(client, services, other.username)
            #expect(try await stranger.call(.get, "/api/v1/contracts/\(contract.id)").status == .notFound)
            #expect(try await stranger.call(.post, path, json: payment.merging(["number": "X"]) { $1 }).status == .notFound)
            #expect(try await store.records.payments(contractIds: [contract.id]).count == 1)
        }
    }

    @Test("the bureau opens a window; an overlap is refused; an enterprise may not open one")
    func windows() async throws {
        try await WebFixture.app(enterprises: 12) { services, client in
            let store = services.store
            let programme = try #require(try await store.programmes.programme(code: "BINHAI-2024"))
            let before = try await store.records.windows(programmeId: programme.id).count
            let window: [String: Any] = ["name": "第九批", "opens_on": "2099-01-01", "closes_on": "2099-01-31", "plan_cap": 5]
            let enterprise = try await APITestCaller(client, services, "ent01")
            #expect(try await enterprise.call(.post, "/api/v1/funds/windows", json: window).status == .forbidden)
            let district = try await APITestCaller(client, services, "district")
            let backwards = try await district.call(
                .post, "/api/v1/funds/windows", json: window.merging(["closes_on": "2098-12-01"]) { $1 })
            #expect(backwards.status == .unprocessableContent)
            #expect(try APITestCaller.error(backwards).code == "invalid_input")
            #expect(try await store.records.windows(programmeId: programme.id).count == before)
            let opened = try await district.call(.post, "/api/v1/funds/windows", json: window)
            #expect(opened.status == .created)
            #expect(try APITestCaller.object(opened)["plan_cap"] as? Int == 5)
            let overlap = try await district.call(.post, "/api/v1/funds/windows", json: window.merging(["name": "重叠"]) { $1 })
            #expect(overlap.status == .unprocessableContent)
            let listed = try APITestCaller.list(try await district.call(.get, "/api/v1/funds/windows"))
            #expect(listed.count == before + 1 && listed.contains { $0["name"] as? String == "第九批" })
        }
    }
}
