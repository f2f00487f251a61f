import Foundation
import Funds
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// `/api/v1/funds…`: finance officers prepare and approve releases by API with the workspace's rules —
/// four eyes (the preparer's token is refused), other roles refused, bad input a 4xx in Chinese with
/// nothing written.
@Suite("API: funds — sources, tranches, releases with four eyes, receipts")
struct APIFundsTests {
    func token(_ services: AppServices, _ username: String) async throws -> String {
        try await APITestCaller.token(services, username)
    }

    /// A fresh idempotency key per request unless one is given (a retry names the first's).
    func headers(_ token: String, key: String = UUID().uuidString) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json", HTTPField.Name("Idempotency-Key")!: key]
    }

    func json(_ response: TestResponse) throws -> [String: Any] { try APITestCaller.object(response) }

    func errorMessage(_ response: TestResponse) throws -> String { try APITestCaller.error(response).message }

    func book(_ services: AppServices) async throws -> FundsBook {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
    }

    @Test("prepare by one officer, the preparer's token refused, approved by another; paid once", arguments: TestStores.backends)
    func fourEyes(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let finance = try await token(services, "finance")
        let finance2 = try await token(services, "finance2")
        let contractor = try await token(services, "contractor")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let due = try await client.execute(
                uri: "/api/v1/funds/tranches?status=due&payable=true", method: .get, headers: headers(finance))
            #expect(due.status == .ok)
            let items = try #require(try json(due)["items"] as? [[String: Any]])
            let pick = try #require(items.first?["id"] as? String)
            #expect(items.allSatisfy { $0["status"] as? String == "due" && $0["release"] == nil })

            // Another role may not prepare; nothing is written.
            let before = try await book(services)
            let body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["tranches": [pick]]))
            let byContractor = try await client.execute(
                uri: "/api/v1/funds/releases", method: .post, headers: headers(contractor), body: body)
            #expect(byContractor.status == .forbidden)
            #expect(try await book(services).releases.count == before.releases.count)

            let prepared = try await client.execute(
                uri: "/api/v1/funds/releases", method: .post, headers: headers(finance), body: body)
            #expect(prepared.status == .created)
            let release = try json(prepared)
            #expect(release["state"] as? String == "prepared")
            #expect(release["tranches"] as? [String] == [pick])
            let number = try #require(release["number"] as? Int)

            // The same tranche cannot go into a second open release.
            let twice = try await client.execute(
                uri: "/api/v1/funds/releases", method: .post, headers: headers(finance2), body: body)
            #expect(twice.status == .unprocessableContent)

            // Four eyes: the preparer's own token is refused, in Chinese by default, and nothing posts.
            let own = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/approve", method: .post, headers: headers(finance))
            #expect(own.status == .forbidden)
            #expect(try APITestCaller.error(own).code == "separation_of_duties")
            #expect(try await book(services).ledger.postings.count == before.ledger.postings.count)

            let approved = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/approve", method: .post, headers: headers(finance2))
            #expect(approved.status == .ok)
            let state = try json(approved)["state"] as? String
            #expect(state == "paid" || state == "held")
            let after = try await book(services)
            #expect(after.check().isEmpty)
            if state == "paid" {
                #expect(after.tranche(try #require(FundsServiceProbe.id(pick)))?.isPaid == true)
                #expect(after.ledger.postings.count == before.ledger.postings.count + 1)
            }

            // Approving again changes nothing; an unknown release is 404.
            let again = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/approve", method: .post, headers: headers(finance2))
            #expect(again.status == .unprocessableContent)
            #expect(try await book(services).ledger.postings.count == after.ledger.postings.count)
            let missing = try await client.execute(
                uri: "/api/v1/funds/releases/999999/approve", method: .post, headers: headers(finance2))
            #expect(missing.status == .notFound)

            let list = try await client.execute(uri: "/api/v1/funds/releases", method: .get, headers: headers(finance))
            #expect(list.status == .ok)
            let first = try #require((try json(list)["items"] as? [[String: Any]])?.first)
            #expect(first["number"] as? Int == number)
            #expect(first["decided_by_user_id"] as? String != first["preparer_user_id"] as? String)
        }
    }

    @Test("reject needs a reason and not the preparer; the tranches are free again")
    func reject() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let finance = try await token(services, "finance")
        let finance2 = try await token(services, "finance2")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let due = try await client.execute(
                uri: "/api/v1/funds/tranches?status=due&payable=true", method: .get, headers: headers(finance))
            let pick = try #require((try json(due)["items"] as? [[String: Any]])?.first?["id"] as? String)
            let prepared = try await client.execute(
                uri: "/api/v1/funds/releases", method: .post, headers: headers(finance),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["tranches": [pick]])))
            let number = try #require(try json(prepared)["number"] as? Int)
            let reason = ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["reason": "金额有误"]))
            let blank = ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["reason": "   "]))
            let own = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/reject", method: .post, headers: headers(finance), body: reason)
            #expect(own.status == .forbidden)
            let noReason = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/reject", method: .post, headers: headers(finance2), body: blank)
            #expect(noReason.status == .badRequest || noReason.status == .unprocessableContent)
            #expect(try await book(services).release(number)?.state == .prepared)
            let rejected = try await client.execute(
                uri: "/api/v1/funds/releases/\(number)/reject", method: .post, headers: headers(finance2), body: reason)
            #expect(rejected.status == .ok)
            #expect(try json(rejected)["state"] as? String == "rejected")
            #expect(try json(rejected)["reason"] as? String == "金额有误")
            let free = try await client.execute(
                uri: "/api/v1/funds/tranches?status=due&payable=true", method: .get, headers: headers(finance))
            #expect((try json(free)["items"] as? [[String: Any]])?.contains { $0["id"] as? String == pick } == true)
        }
    }

    @Test("receipts: bad amounts are named in Chinese and receive nothing; a good one is counted; readers cannot record")
    func receipts() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 12)
        defer { Task { await services.store.shutdown() } }
        let finance = try await token(services, "finance")
        let leader = try await token(services, "leader")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/api/v1/funds/sources", method: .get, headers: headers(finance))
            let received = try await book(services).ledger.received(source: "city")
            for amount in ["12.345", "-1", "1e9", "壹万", "0"] {
                let response = try await client.execute(
                    uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance),
                    body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["source": "city", "amount": amount])))
                #expect(response.status == .unprocessableContent, "amount \(amount)")
                #expect(try errorMessage(response).contains("金额"), "amount \(amount)")
            }
            let unknown = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["source": "nope", "amount": "10"])))
            #expect(unknown.status == .unprocessableContent)
            let byLeader = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: headers(leader),
                body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["source": "city", "amount": "10"])))
            #expect(byLeader.status == .forbidden)
            #expect(try await book(services).ledger.received(source: "city") == received)

            let ok = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance),
                body: ByteBuffer(
                    data: try JSONSerialization.data(withJSONObject: ["source": "city", "amount": "1,234,567.89"])))
            #expect(ok.status == .created)
            #expect(try json(ok)["received_fen"] as? Int == Int((received + Fen(123_456_789)).value))
            #expect(try await book(services).ledger.received(source: "city") == received + Fen(123_456_789))

            // Idempotency: a receipt retried under its key is booked once; the key for another amount
            // is 409; without a key, 400 — and neither books anything.
            let receipt = { (amount: String) in
                ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["source": "city", "amount": amount]))
            }
            let total = try await book(services).ledger.received(source: "city")
            for _ in 0..<2 {
                let sent = try await client.execute(
                    uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance, key: "receipt-2026-12-05"),
                    body: try receipt("500"))
                #expect(sent.status == .created)
                #expect(try json(sent)["received_fen"] as? Int == Int((total + Fen(50_000)).value))
            }
            let reused = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance, key: "receipt-2026-12-05"),
                body: try receipt("600"))
            #expect(reused.status == .conflict)
            #expect(try APITestCaller.error(reused).code == "idempotency_key_reused")
            var keyless = headers(finance)
            keyless[HTTPField.Name("Idempotency-Key")!] = nil
            let noKey = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: keyless, body: try receipt("700"))
            #expect(noKey.status == .badRequest)
            let badKey = try await client.execute(
                uri: "/api/v1/funds/receipts", method: .post, headers: headers(finance, key: "有空格 的键"), body: try receipt("700"))
            #expect(badKey.status == .badRequest)
            #expect(try await book(services).ledger.received(source: "city") == total + Fen(50_000))

            // The leadership reads the sources; a page out of range is a 400.
            let sources = try await client.execute(uri: "/api/v1/funds/sources", method: .get, headers: headers(leader))
            #expect(sources.status == .ok)
            let badPage = try await client.execute(uri: "/api/v1/funds/projects?page=0", method: .get, headers: headers(leader))
            #expect(badPage.status == .badRequest)
            let projects = try await client.execute(uri: "/api/v1/funds/projects", method: .get, headers: headers(leader))
            #expect(projects.status == .ok)
            #expect(try json(projects)["page_size"] as? Int == 50)
        }
    }
}

/// Tranche ids as the API writes them, read back for the book.
enum FundsServiceProbe {
    static func id(_ text: String) -> TrancheID? {
        let parts = text.split(separator: "#")
        guard parts.count == 2, let number = Int(parts[1]) else { return nil }
        return TrancheID(project: String(parts[0]), number: number)
    }
}
