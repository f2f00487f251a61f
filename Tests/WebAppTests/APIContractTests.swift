import Foundation
import Hummingbird
import HummingbirdTesting
import PilotStore
import TestSupport
import Testing

@testable import WebApp

/// The API keeps its contract where schemathesis found it did not (issue #11): undeclared methods
/// are 405 with `Allow`, and a malformed request's message names the field in the user's language
/// without the decoder's internals. `Scripts/test` also runs schemathesis against a live server.
@Suite("The API answers as its contract says")
struct APIContractTests {
    static let contract = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Contracts/pilot-api.yaml")

    @Test("the 405 table lists exactly the contract's paths and methods")
    func tableMatchesContract() throws {
        let text = try String(contentsOf: Self.contract, encoding: .utf8)
        var declared: [String: Set<String>] = [:]
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /api/"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
            if let path, let method = ["get", "post", "put", "patch", "delete"].first(where: { line == "    \($0):" }) {
                declared[path, default: []].insert(method.uppercased())
            }
        }
        let table = Dictionary(
            uniqueKeysWithValues: APIMethods.declared.map {
                ("/" + $0.template.joined(separator: "/"), Set($0.methods.map(\.rawValue)))
            })
        #expect(!declared.isEmpty)
        #expect(table == declared)
    }

    @Test("undeclared methods are 405 with Allow; malformed parameters are a 400 without decoder internals")
    func methodsAndMalformed() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let user = try #require(try await services.store.accounts.user(username: "district"))
        let token = try await services.store.sessions.createApiToken(userId: user.id, label: "test")
        let app = try buildApplication(services: services, runTimers: false)
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            for (method, path, allow) in [
                (HTTPRequest.Method.trace, "/api/v1/workflows", "GET, HEAD"), (.delete, "/api/v1/instances/prj_x", "GET, HEAD"),
                (.post, "/api/v1/tasks", "GET, HEAD"), (.get, "/api/v1/instances/prj_x/commands", "POST"),
                (.put, "/api/v1/health", "GET, HEAD"),
            ] {
                let response = try await client.execute(uri: path, method: method, headers: auth)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow)
                #expect(String(buffer: response.body).contains("method_not_allowed"))
            }
            #expect(try await client.execute(uri: "/api/v1/tasks", method: .get, headers: auth).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/nowhere", method: .trace, headers: auth).status == .notFound)
            let malformed = try await client.execute(
                uri: "/api/v1/tasks?limit=115&offset=497404578392937463808", method: .get, headers: auth)
            #expect(malformed.status == .badRequest)
            let body = String(buffer: malformed.body)
            #expect(body.contains("请求格式不正确"))
            #expect(!body.contains("DecodingError") && !body.contains("underlying"))
        }
    }
}
