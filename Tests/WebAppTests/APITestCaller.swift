import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import Testing
import WebApp

/// One API caller in a test: a demo user's bearer token, JSON in and out.
struct APITestCaller {
    let client: any TestClientProtocol
    let token: String

    static func token(_ services: AppServices, _ username: String) async throws -> String {
        let user = try #require(try await services.store.accounts.user(username: username))
        return try await services.store.sessions.createApiToken(userId: user.id, label: "test")
    }

    init(_ client: any TestClientProtocol, _ services: AppServices, _ username: String) async throws {
        self.client = client
        token = try await Self.token(services, username)
    }

    func call(
        _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil, raw: Data? = nil, contentType: String = "application/json",
        key: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: contentType]
        headers[.acceptLanguage] = "zh"
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        let body = try raw ?? json.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(data: $0) })
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func list(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
    }

    /// The error's code and message; the message must be Chinese (the default language).
    static func error(_ response: TestResponse) throws -> (code: String, message: String) {
        let error = try #require(try object(response)["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "not Chinese: \(message)")
        return (try #require(error["code"] as? String), message)
    }
}
