import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

@Suite("The JSON API follows the contract")
struct APITests {
    func token(_ services: AppServices, _ username: String) async throws -> String {
        let user = try #require(try await services.store.accounts.user(username: username))
        return try await services.store.sessions.createApiToken(userId: user.id, label: "test")
    }

    func headers(_ token: String, key: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        if let key { fields[.init("Idempotency-Key")!] = key }
        return fields
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("commands: applied, replayed, stale, invalid, out of scope, unauthenticated", arguments: TestStores.backends)
    func commands(backend: BackendKind) async throws {
        try await WebFixture.with(backend) { fixture in
            let services = fixture.services
            let contractor = try await token(services, fixture.contractor)
            let app = try buildApplication(services: services, runTimers: false)
            let project = fixture.ownProject
            let planInput = WebFixture.plan.mapValues { $0 }
            let body = try JSONSerialization.data(withJSONObject: [
                "transition": "file_plan", "input": planInput, "expected_version": project.version,
            ])

            try await app.test(.router) { client in
                let unauthenticated = try await client.execute(uri: "/api/v1/tasks", method: .get)
                #expect(unauthenticated.status == .unauthorized)
                #expect((try json(unauthenticated)["error"] as? [String: Any])?["code"] as? String == "unauthenticated")

                let tasks = try await client.execute(uri: "/api/v1/tasks", method: .get, headers: headers(contractor))
                #expect(tasks.status == .ok)
                let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: tasks.body)) as? [[String: Any]])
                #expect(list.contains { $0["id"] as? String == project.id })
                #expect(!list.contains { $0["id"] as? String == fixture.otherProject.id })

                var badInput = planInput
                badInput["total_cost"] = "1e9"
                let badBody = try JSONSerialization.data(withJSONObject: ["transition": "file_plan", "input": badInput])
                let invalid = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers(contractor, key: "k-bad"),
                    body: ByteBuffer(data: badBody))
                #expect(invalid.status == .unprocessableContent)
                let error = try #require(try json(invalid)["error"] as? [String: Any])
                #expect(error["code"] as? String == "invalid_input")
                #expect((error["fields"] as? [[String: Any]])?.first?["field"] as? String == "total_cost")

                let missingKey = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers(contractor),
                    body: ByteBuffer(data: body))
                #expect(missingKey.status == .badRequest)

                let applied = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers(contractor, key: "k-1"),
                    body: ByteBuffer(data: body))
                #expect(applied.status == .ok)
                #expect(try json(applied)["to_state"] as? String == "plan_filed")
                #expect(try json(applied)["replayed"] as? Bool == false)

                let replayed = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers(contractor, key: "k-1"),
                    body: ByteBuffer(data: body))
                #expect(replayed.status == .ok)
                #expect(try json(replayed)["replayed"] as? Bool == true)

                let stale = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)/commands", method: .post, headers: headers(contractor, key: "k-2"),
                    body: ByteBuffer(data: body))
                #expect(stale.status == .conflict)
                #expect((try json(stale)["error"] as? [String: Any])?["code"] as? String == "stale_version")

                let foreign = try await client.execute(
                    uri: "/api/v1/instances/\(fixture.otherProject.id)/commands", method: .post,
                    headers: headers(contractor, key: "k-3"),
                    body: ByteBuffer(data: body))
                #expect(foreign.status == .notFound)

                let english = try await client.execute(
                    uri: "/api/v1/instances/\(fixture.otherProject.id)", method: .get,
                    headers: headers(contractor).merging([.acceptLanguage: "en"]))
                #expect(english.status == .notFound)
                #expect(((try json(english)["error"] as? [String: Any])?["message"] as? String)?.contains("not found") == true)

                let instance = try await client.execute(
                    uri: "/api/v1/instances/\(project.id)", method: .get, headers: headers(contractor))
                #expect(instance.status == .ok)
                let history = try #require(try json(instance)["history"] as? [[String: Any]])
                #expect(history.last?["transition"] as? String == "file_plan")
            }
            let after = try #require(try await services.store.instances.instance(project.id))
            #expect(after.version == project.version + 1)
            #expect(try await services.store.instances.history(project.id).filter { $0.transitionId == "file_plan" }.count == 1)
            let other = try #require(try await services.store.instances.instance(fixture.otherProject.id))
            #expect(other.version == fixture.otherProject.version)
        }
    }

    @Test("workflows are listed with their input schemas")
    func workflows() async throws {
        try await WebFixture.with { fixture in
            let district = try await token(fixture.services, "district")
            let app = try buildApplication(services: fixture.services, runTimers: false)
            try await app.test(.router) { client in
                let response = try await client.execute(
                    uri: "/api/v1/workflows/enterprise-project", method: .get, headers: headers(district))
                #expect(response.status == .ok)
                let transitions = try #require(try json(response)["transitions"] as? [[String: Any]])
                let filePlan = try #require(transitions.first { $0["id"] as? String == "file_plan" })
                #expect(
                    (filePlan["input"] as? [[String: Any]])?.contains {
                        $0["name"] as? String == "total_cost" && $0["type"] as? String == "money"
                    } == true)
                let unknown = try await client.execute(uri: "/api/v1/workflows/nope", method: .get, headers: headers(district))
                #expect(unknown.status == .notFound)
            }
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result[field.name] = field.value }
        return result
    }
}
