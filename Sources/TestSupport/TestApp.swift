import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PilotDomain
import PilotStore
import Programmes
import WebApp
import WorkflowEngine

/// The application as tests use it: built by the same `buildApplication` as `smepilot serve`,
/// on a fresh database, with the Binhai demo seeded through the engine (known users and
/// projects in every state). bcrypt runs at its lowest cost to keep the suite fast.
public enum TestApp {
    /// `clock`: tests that compare weeks, months or days with "now" hold a `ManualClock` (and may move
    /// it), so they never straddle midnight or the end of a week in Shanghai while they run.
    /// `demo: false` gives an empty, migrated database (production set-up); `campaigns: true` adds the
    /// three diagnosis campaigns of the served demo (issue #14).
    public static func services(
        _ backend: BackendKind, enterprises: Int = 12, clock: any Clock = SystemClock(), demo: Bool = true,
        campaigns: Bool = false
    ) async throws -> AppServices {
        let store = try await TestStores.make(backend, clock: clock)
        var configuration = AppConfiguration(bcryptCost: 4)
        configuration.port = 0
        configuration.workflowsDirectory = TestWorkflows.shippedDirectory
        let calendar = try HolidayCalendarFile.load(
            path: TestWorkflows.shippedDirectory + "/" + HolidayCalendarFile.relativePath)
        let services = AppServices(
            configuration: configuration, store: store, catalog: try TestWorkflows.shipped(), calendar: calendar,
            divisions: try TestWorkflows.divisions(),
            contractorCriteria: try ContractorCriteriaFile.load(
                path: TestWorkflows.shippedDirectory + "/" + ContractorCriteriaFile.relativePath),
            logger: Logger(label: "test.app"))
        do {
            if demo { try await DemoSeeder(services: services).seed(enterprises: enterprises, campaigns: campaigns) }
        } catch {
            // Outside the test's task: a test cancelled by its time limit would cancel the close
            // too, and an open SQLite connection traps in its deinit, ending the whole test run.
            await Task.detached { await store.shutdown() }.value
            throw error
        }
        return services
    }

    public static let password = "Demo@2024"
}

/// A browser for router-level tests: keeps cookies and the page's CSRF token like a real one.
public struct TestBrowser: Sendable {
    public let client: any TestClientProtocol
    public var cookies: [String: String] = [:]

    public init(_ client: any TestClientProtocol) { self.client = client }

    public var cookieHeader: HTTPFields {
        guard !cookies.isEmpty else { return [:] }
        return [.cookie: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    public mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader)
        remember(response)
        return response
    }

    public mutating func post(
        _ uri: String, form: [String: String], headers extra: HTTPFields = [:]
    ) async throws
        -> TestResponse
    {
        var headers = cookieHeader
        headers.append(contentsOf: extra)
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(
            separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Signs in through the login form; returns the response to the form post.
    @discardableResult
    public mutating func signIn(_ username: String, password: String = TestApp.password) async throws -> TestResponse {
        let page = try await get("/login")
        let token = Self.csrfToken(in: String(buffer: page.body)) ?? ""
        return try await post(
            "/login", form: ["csrf_token": token, "username": username, "password": password, "return_to": "/tasks"])
    }

    mutating func remember(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let name = parts.first else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") {
                cookies[String(name)] = nil
            } else {
                cookies[String(name)] = value
            }
        }
    }

    public static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf_token\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
