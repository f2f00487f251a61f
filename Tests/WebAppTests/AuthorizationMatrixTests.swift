import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// Every role × every action, through the page and the API, on demo projects in every state.
///
/// Who may act is spelt out here independently of the engine: programme-wide bureau roles act
/// everywhere; a main contractor only in its own sub-industry; an enterprise only on its own
/// project; the digital provider only where a filed plan names it; an expert only where the
/// district named them on the panel. A refused attempt must be 403/404 and change nothing; an
/// allowed one must get past role and scope (it is sent with an unknown field, so it stops at
/// input validation with 422 and still changes nothing).
@Suite("Authorization matrix: every role × every action, pages and API")
struct AuthorizationMatrixTests {
    struct Person {
        var username: String
        var account: UserAccount
    }

    static let people = [
        "admin", "leader", "district", "finance", "manager", "platform", "contractor", "contractor2", "provider", "expert",
        "expert2", "taskforce", "ent01", "ent02",
    ]

    /// A node lies beneath a grant's node (or is it) when its code starts with the grant's code
    /// less its trailing "00" pairs, for the six-digit GB/T 2260 codes (120000 天津市 → "12",
    /// 120116 滨海新区 → "120116"); a nine-digit street or zone code covers only itself.
    static func beneath(_ node: String?, _ grant: String) -> Bool {
        guard let node else { return false }
        guard grant.count == 6 else { return node == grant }
        var prefix = Substring(grant)
        while prefix.count > 2 && prefix.hasSuffix("00") { prefix = prefix.dropLast(2) }
        return node.hasPrefix(prefix)
    }

    /// The independent statement of who may act where.
    func mayAct(_ person: Person, _ transition: TransitionDefinition, on instance: InstanceSnapshot) -> Bool {
        let roles = Set(person.account.grants.map(\.role))
        guard !roles.isDisjoint(with: transition.roles) else { return false }
        return person.account.grants.contains { grant in
            guard transition.roles.contains(grant.role) else { return false }
            switch grant.scope {
            case .programme(let id): return id == instance.programmeId
            case .subIndustry(let id): return id == instance.subIndustryId
            case .division(let code): return Self.beneath(instance.divisionCode, code)
            case .organisation(let id):
                let involved = (instance.data["involved_organisations"]?.arrayValue ?? []).compactMap(\.stringValue)
                return id == instance.subjectOrganisationId || involved.contains(id)
            case .user(let id): return ReviewPanel.assigned(instance.data).contains(id)
            }
        }
    }

    func mayView(_ person: Person, _ instance: InstanceSnapshot) -> Bool {
        person.account.grants.contains { grant in
            switch grant.scope {
            case .programme(let id): id == instance.programmeId
            case .subIndustry(let id): id == instance.subIndustryId
            case .division(let code): Self.beneath(instance.divisionCode, code)
            case .organisation(let id):
                id == instance.subjectOrganisationId
                    || (instance.data["involved_organisations"]?.arrayValue ?? []).contains(.string(id))
            case .user(let id): ReviewPanel.assigned(instance.data).contains(id)
            }
        }
    }

    @Test("pages: viewing and every transition, for every role, on a project in every state")
    func pages() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let definition = try #require(services.catalog.latest("enterprise-project"))
        var people: [Person] = []
        for name in Self.people {
            people.append(Person(username: name, account: try #require(try await services.store.accounts.user(username: name))))
        }
        // One project per non-terminal state, plus a second in states with choices of sub-industry.
        var projects: [InstanceSnapshot] = []
        for state in definition.states where !state.terminal {
            projects += try await services.store.instances.instances(programmeId: programme.id, state: state.id).prefix(2)
        }
        #expect(Set(projects.map(\.state)).count >= 15)
        let app = try buildApplication(services: services, runTimers: false)
        let (everyone, targets) = (people, projects)
        let checked = try await app.test(.router) { client -> (allowed: Int, refused: Int) in
            var checked = (allowed: 0, refused: 0)
            for person in everyone {
                var browser = TestBrowser(client)
                let signIn = try await browser.signIn(person.username)
                #expect(signIn.status == .seeOther, "\(person.username) signs in")
                let tasks = try await browser.get("/tasks")
                let token = try #require(TestBrowser.csrfToken(in: String(buffer: tasks.body)))
                for project in targets {
                    let page = try await browser.get("/instances/\(project.id)")
                    let canView = mayView(person, project)
                    #expect(
                        page.status == (canView ? .ok : .notFound), "\(person.username) viewing a project in \(project.state)")
                    for transition in definition.transitions where transition.from.contains(project.state) {
                        // Pages take only the transition's own fields: an empty required field is
                        // the probe that stops an allowed command at input validation.
                        let required = transition.input.first { $0.required }
                        let allowed = mayAct(person, transition, on: project)
                        if allowed && required == nil { continue }
                        var form = ["csrf_token": token, "expected_version": String(project.version)]
                        if let required { form[required.name] = "" }
                        let response = try await browser.post("/instances/\(project.id)/commands/\(transition.id)", form: form)
                        if allowed {
                            checked.allowed += 1
                            #expect(
                                response.status == .unprocessableContent,
                                "\(person.username) may \(transition.id) in \(project.state): got \(response.status)")
                        } else {
                            checked.refused += 1
                            #expect(
                                response.status == .forbidden || response.status == .notFound,
                                "\(person.username) may not \(transition.id) in \(project.state): got \(response.status)")
                        }
                    }
                }
            }
            return checked
        }
        // Nothing any of those attempts did changed a project.
        for project in projects {
            #expect(try await services.store.instances.instance(project.id)?.version == project.version)
        }
        #expect(checked.allowed > 50)
        #expect(checked.refused > 500)
    }

    @Test("API: the same matrix for every transition through POST /commands")
    func api() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 30)
        defer { Task { await services.store.shutdown() } }
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let definition = try #require(services.catalog.latest("enterprise-project"))
        var projects: [InstanceSnapshot] = []
        for state in definition.states where !state.terminal {
            projects += try await services.store.instances.instances(programmeId: programme.id, state: state.id).prefix(1)
        }
        let app = try buildApplication(services: services, runTimers: false)
        let targets = projects
        try await app.test(.router) { client in
            for name in Self.people {
                let account = try #require(try await services.store.accounts.user(username: name))
                let person = Person(username: name, account: account)
                let token = try await services.store.sessions.createApiToken(userId: account.id, label: "matrix")
                var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                for project in targets {
                    let read = try await client.execute(uri: "/api/v1/instances/\(project.id)", method: .get, headers: headers)
                    #expect(read.status == (mayView(person, project) ? .ok : .notFound), "\(name) API read in \(project.state)")
                    for transition in definition.transitions where transition.from.contains(project.state) {
                        headers[.init("Idempotency-Key")!] = "matrix-\(name)-\(project.id)-\(transition.id)"
                        let body = try JSONSerialization.data(withJSONObject: [
                            "transition": transition.id, "input": ["zz_probe": "x"],
                        ])
                        let response = try await client.execute(
                            uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers,
                            body: ByteBuffer(bytes: body))
                        let expected: Set<HTTPResponse.Status> =
                            mayAct(person, transition, on: project) ? [.unprocessableContent] : [.forbidden, .notFound]
                        #expect(
                            expected.contains(response.status),
                            "\(name) API \(transition.id) in \(project.state): \(response.status)")
                    }
                }
            }
        }
        for project in projects {
            #expect(try await services.store.instances.instance(project.id)?.version == project.version)
        }
    }
}
