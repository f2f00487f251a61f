import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// Issue #11, the public pages: self-registration (throttled, cheap checks before bcrypt, one
/// transaction, programme chosen, duplicates named to nobody), public objections (a new
/// objection is filed or refused, never dropped as a replay; the API has the page's checks) and
/// the publicity page's queries.
@Suite("Public registration and objections resist abuse")
struct PublicAbuseTests {
    /// A registration form for a new enterprise (`number` makes its credit code and user name).
    static func registration(
        _ token: String, number: Int, programme: String? = nil, zone: String = "TEDA", street: String = "塘沽街道"
    ) throws -> [String: String] {
        let code = try #require(USCC.withCheckCharacter(String(format: "91120116MA0RT%04d", number)))
        var form = [
            "csrf_token": token, "name": "天津注册测试\(number)有限公司", "uscc": code, "sub_industry": "SMCE", "zone": zone,
            "street": street, "contact_name": "李工", "contact_phone": "022-25201234", "username": "firm\(number)",
            "password": "Secure2024pass",
        ]
        if let programme { form["programme"] = programme }
        return form
    }

    static func formToken(_ browser: inout TestBrowser, _ uri: String = "/register") async throws -> String {
        try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get(uri).body)))
    }

    @Test("registration: counted per client address before any look-up or bcrypt; a duplicate code names nobody")
    func registrationThrottle() async throws {
        try await WebFixture.app { services, client in
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let existing = try #require(
                try await services.store.parties.organisations(programmeId: programme.id, kind: "enterprise").first)
            var visitor = TestBrowser(client)
            let token = try await Self.formToken(&visitor)
            let hashes = services.passwords.hashesMade  // the demo seed's
            // A malformed form costs nothing and is not counted.
            var weak = try Self.registration(token, number: 1)
            weak["password"] = "short"
            #expect(try await visitor.post("/register", form: weak).status == .unprocessableContent)
            #expect(services.passwords.hashesMade == hashes)
            // Probing credit codes: refused without naming the firm or its contact, without bcrypt.
            for attempt in 0..<AppServices.registrationLimit {
                var probe = try Self.registration(token, number: 100 + attempt)
                probe["uscc"] = existing.uscc
                let refused = try await visitor.post("/register", form: probe)
                #expect(refused.status == .conflict)
                let page = String(buffer: refused.body)
                #expect(page.contains("该统一社会信用代码已登记，请联系区工信局认领账户"))
                #expect(!page.contains(existing.name))
            }
            #expect(services.passwords.hashesMade == hashes)
            // Over the limit even a proper registration waits, and is not hashed or written.
            let good = try Self.registration(token, number: 2)
            let throttled = try await visitor.post("/register", form: good)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
            #expect(String(buffer: throttled.body).contains("注册提交过于频繁"))
            #expect(services.passwords.hashesMade == hashes)
            #expect(try await services.store.accounts.user(username: "firm2") == nil)
            #expect(try await services.store.parties.organisation(uscc: good["uscc"]!, programmeId: programme.id) == nil)
        }
    }

    @Test("registration: organisation, project and account are one transaction — a failing account leaves nothing")
    func registrationAtomic() async throws {
        try await WebFixture.app { services, client in
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            // The account is the last write; make the database refuse it.
            try await services.store.backend.transaction { database in
                try await database.raw(
                    """
                    CREATE TRIGGER refuse_account BEFORE INSERT ON users WHEN NEW.username = 'firm3'
                    BEGIN SELECT RAISE(ABORT, 'account refused by the test'); END
                    """
                ).run()
            }
            let before = try await services.store.instances.instances(programmeId: programme.id, limit: 1000).count
            var visitor = TestBrowser(client)
            let form = try Self.registration(try await Self.formToken(&visitor), number: 3)
            let failed = try await visitor.post("/register", form: form)
            #expect(failed.status == .internalServerError)
            #expect(try await services.store.parties.organisation(uscc: form["uscc"]!, programmeId: programme.id) == nil)
            #expect(try await services.store.instances.instances(programmeId: programme.id, limit: 1000).count == before)
            #expect(try await services.store.accounts.user(username: "firm3") == nil)
        }
    }

    @Test("registration: the enterprise chooses among the programmes (the only one preselected)")
    func registrationProgramme() async throws {
        try await WebFixture.app { services, client in
            var visitor = TestBrowser(client)
            let single = String(buffer: try await visitor.get("/register").body)
            #expect(single.contains("<option value=\"BINHAI-2024\" selected>"))

            let second = try await services.store.programmes.createProgramme(
                code: "DONGLI-2025", name: LocalizedText(zh: "东丽区中小企业数字化转型城市试点", en: "Dongli city pilot"),
                division: "120110", rules: [:])
            _ = try await services.store.programmes.addSubIndustry(
                programmeId: second.id, code: "SMCE", name: LocalizedText(zh: "智能测控装备制造业", en: "Smart measuring"))
            let choice = String(buffer: try await visitor.get("/register").body)
            #expect(choice.contains("id=\"programme-form\""))
            #expect(choice.contains("<option value=\"DONGLI-2025\">"))
            #expect(!choice.contains("id=\"register-form\""))
            let token = try await Self.formToken(&visitor, "/register?programme=DONGLI-2025")
            let form = try Self.registration(
                token, number: 4, programme: "DONGLI-2025", zone: "东丽经济技术开发区", street: "120110001")
            #expect(try await visitor.post("/register", form: form).status == .seeOther)
            let organisation = try #require(
                try await services.store.parties.organisation(uscc: form["uscc"]!, programmeId: second.id))
            let project = try #require(try await services.store.instances.instances(programmeId: second.id).first)
            #expect(project.subjectOrganisationId == organisation.id)
            #expect(try await services.store.accounts.user(username: "firm4")?.programmeId == second.id)
        }
    }

    @Test("objections: after a dismissal the same browser's next objection is filed, not dropped as a replay")
    func secondObjection() async throws {
        try await WebFixture.app(enterprises: 30) { services, client in
            let published = try await WebFixture.project(services, in: "publicity")
            let district = try #require(try await services.store.accounts.user(username: "district")).actor
            var visitor = TestBrowser(client)
            let token = try await Self.formToken(&visitor, "/publicity")
            try await Task.sleep(for: .milliseconds(1100))
            let path = "/publicity/\(published.id)/objections"
            let first = ["csrf_token": token, "objector_name": "张三", "objector_contact": "13800000000", "objection": "上云情况不实"]
            #expect(try await visitor.post(path, form: first).status == .ok)
            // While suspended: refused, saying why.
            var early = first
            early["objection"] = "补贴金额过高"
            let suspended = try await visitor.post(path, form: early)
            #expect(suspended.status == .unprocessableContent)
            #expect(String(buffer: suspended.body).contains("本公示已暂停，正在处理异议"))
            let dismissed = try await services.workflows.execute(
                Command(
                    instanceId: published.id, transitionId: "dismiss_objection",
                    input: ["objection_resolution": .string("经核实，情况属实，异议不成立")]),
                actor: district)
            guard case .applied = dismissed else { Issue.record("dismissal: \(dismissed)"); return }
            // The notice is back; the same browser objects again, with a new reason.
            let second = try await visitor.post(path, form: early)
            #expect(second.status == .ok)
            let after = try #require(try await services.store.instances.instance(published.id))
            #expect(after.state == "suspended")
            let filed = try await services.store.instances.history(published.id).filter { $0.transitionId == "file_objection" }
            #expect(filed.count == 2)
        }
    }

    @Test("idempotency: a repeated key with other input is refused, and only the key's violation is a replay")
    func idempotencyKeyReuse() async throws {
        try await WebFixture.app(enterprises: 30) { services, _ in
            let published = try await WebFixture.project(services, in: "publicity")
            let actor = Actor.publicMember(programmeId: published.programmeId)
            func objection(_ text: String, key: String) -> Command {
                Command(
                    instanceId: published.id, transitionId: "file_objection",
                    input: ["objector_name": .string("王五"), "objector_contact": .string("022-1"), "objection": .string(text)],
                    idempotencyKey: key)
            }
            guard case .applied = try await services.workflows.execute(objection("第一条", key: "k1"), actor: actor) else {
                Issue.record("first objection not applied")
                return
            }
            let repeated = try await services.workflows.execute(objection("第一条", key: "k1"), actor: actor)
            guard case .replayed = repeated else { Issue.record("repeat: \(repeated)"); return }
            let changed = try await services.workflows.execute(objection("另一条", key: "k1"), actor: actor)
            #expect(changed == .refused(.idempotencyKeyReused))
            #expect(AppError.refusal(.idempotencyKeyReused).status == .conflict)

            // Another unique index refuses the next objection: that is reported as itself, not as the key.
            let district = try #require(try await services.store.accounts.user(username: "district")).actor
            _ = try await services.workflows.execute(
                Command(
                    instanceId: published.id, transitionId: "dismiss_objection",
                    input: ["objection_resolution": .string("异议不成立")]),
                actor: district)
            try await services.store.backend.transaction { database in
                try await database.raw(
                    """
                    CREATE UNIQUE INDEX one_objection_each ON workflow_history (instance_id, transition_id)
                    WHERE transition_id = 'file_objection'
                    """
                ).run()
            }
            let error = await #expect(throws: (any Error).self) {
                _ = try await services.workflows.execute(objection("第二条", key: "k2"), actor: actor)
            }
            #expect((error as? StoreError) != .conflict("idempotency key"))
            #expect(String(reflecting: error as Any).contains("UNIQUE constraint failed: workflow_history"))
        }
    }

    @Test("objection API: a reading ticket from GET /api/v1/publicity, a minimum read time, the suspended notice named")
    func objectionAPI() async throws {
        try await WebFixture.app(enterprises: 30) { services, client in
            let published = try await WebFixture.project(services, in: "publicity")
            let uri = "/api/v1/publicity/\(published.id)/objections"
            let body = try JSONSerialization.data(withJSONObject: [
                "objector_name": "赵六", "objector_contact": "13900000000", "objection": "建设内容与实际不符",
            ])
            func post(_ ticket: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let ticket { headers[ObjectionTicket.header] = ticket }
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(data: body))
            }
            func code(_ response: TestResponse) -> String? {
                let object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return (object?["error"] as? [String: Any])?["code"] as? String
            }
            // No ticket: the contract requires the header (400); a ticket we never issued: 422.
            let none = try await post(nil)
            #expect(none.status == .badRequest)
            let made = try await post("1.2.3")
            #expect(made.status == .unprocessableContent)
            #expect(code(made) == "objection_ticket_invalid")
            let list = try await client.execute(uri: "/api/v1/publicity", method: .get)
            #expect(list.status == .ok)
            let ticket = try #require(list.headers[ObjectionTicket.header])
            let fast = try await post(ticket)
            #expect(fast.status == .unprocessableContent)
            #expect(code(fast) == "too_fast")
            // Back-dating the ticket breaks its signature.
            let parts = ticket.split(separator: ".").map(String.init)
            let forged = [String(Int64(parts[0])! - 60_000), parts[1], parts[2]].joined(separator: ".")
            #expect(try await post(forged).status == .unprocessableContent)
            #expect(try await services.store.instances.instance(published.id)?.state == "publicity")
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await post(ticket).status == .created)
            let again = try await post(ticket)
            #expect(again.status == .unprocessableContent)
            #expect(code(again) == "not_allowed_in_state")
            #expect(String(buffer: again.body).contains("本公示已暂停"))
        }
    }

    /// Counts the store's round trips (each store method is one `read` or `transaction`).
    struct CountingBackend: SQLBackend {
        let inner: any SQLBackend
        let calls = Counter()
        var kind: BackendKind { inner.kind }
        func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            calls.add()
            return try await inner.transaction(body)
        }
        func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
            calls.add()
            return try await inner.read(body)
        }
        func shutdown() async {}
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test("publicity: the notices cost the same few queries however many there are")
    func publicityQueries() async throws {
        try await WebFixture.app(enterprises: 30) { services, _ in
            let district = try #require(try await services.store.accounts.user(username: "district")).actor
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            for project in try await services.store.instances.instances(programmeId: programme.id, state: "approved") {
                _ = try await services.workflows.execute(
                    Command(
                        instanceId: project.id, transitionId: "publish_publicity",
                        input: ["notice_title": .string("公示"), "notice_text": .string("现予公示")]),
                    actor: district)
            }
            let backend = CountingBackend(inner: services.store.backend)
            var counted = services
            counted.store = PilotStore(backend: backend, clock: services.store.clock)
            let notices = try await PublicObjections(services: counted).notices()
            #expect(notices.count >= 3)
            #expect(backend.calls.count <= 2)
            // The same end dates as reading each notice's timers.
            for notice in notices where notice.instance.state == "publicity" {
                let due = try await services.store.timers.pendingTimers(notice.instance.id).first {
                    $0.transitionId == "close_publicity"
                }
                #expect(notice.lastDay == due.map { $0.dueAt.addingTimeInterval(-1) })
            }
        }
    }
}
