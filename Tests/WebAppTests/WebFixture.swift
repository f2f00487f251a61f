import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// Demo projects the web tests act on.
struct WebFixture {
    var services: AppServices
    /// A project waiting for its plan.
    var ownProject: InstanceSnapshot
    /// A project of another sub-industry in the same state.
    var otherProject: InstanceSnapshot
    /// The user name of the main contractor of `ownProject`'s sub-industry.
    var contractor: String

    static func make(_ backend: BackendKind = .sqlite) async throws -> WebFixture {
        let services = try await TestApp.services(backend)
        do {
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let waiting = try await services.store.instances.instances(programmeId: programme.id, state: "diagnosed")
            guard let own = waiting.first, let other = waiting.first(where: { $0.subIndustryId != own.subIndustryId }) else {
                throw FixtureError("the demo has no diagnosed projects in two sub-industries")
            }
            var contractor: String?
            for name in ["contractor", "contractor2", "contractor3", "contractor4", "contractor5"] {
                let account = try await services.store.accounts.user(username: name)
                if account?.grants.contains(where: { $0.scope == .subIndustry(own.subIndustryId ?? "") }) == true {
                    contractor = name
                }
            }
            return WebFixture(services: services, ownProject: own, otherProject: other, contractor: try #require(contractor))
        } catch {
            await services.store.shutdown()
            throw error
        }
    }

    /// Runs `body` on a fresh fixture and closes its database afterwards, also when `body` throws.
    static func with(_ backend: BackendKind = .sqlite, _ body: (WebFixture) async throws -> Void) async throws {
        let fixture = try await make(backend)
        do {
            try await body(fixture)
        } catch {
            await fixture.services.store.shutdown()
            throw error
        }
        await fixture.services.store.shutdown()
    }

    static let plan: [String: String] = [
        "common_scenarios": "设备联网；生产计划排程", "deliverables": "MES 一套；数据看板", "digital_provider_name": "天津瀚云数字科技有限公司",
        "digital_provider_uscc": USCC.withCheckCharacter("91120116MA05HY001")!,  // the demo provider (in the pool)
        "total_cost": "800,000.00", "budget_lines": "MES 软件 | 500000\n实施服务 | 300000.00",
        "milestones": "2024-10-31 | 系统上线\n2025-03-31 | 试运行",
        "requested_subsidy": "240000",
        "target_level": "3", "start_date": "2024-07-01", "end_date": "2025-06-30",
    ]
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension WebFixture {
    /// The first demo project in `state`.
    static func project(_ services: AppServices, in state: String) async throws -> InstanceSnapshot {
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        return try #require(
            try await services.store.instances.instances(programmeId: programme.id, state: state).first, "\(state)")
    }
}

extension TestBrowser {
    /// A browser signed in as `username`.
    static func signedIn(_ client: any TestClientProtocol, as username: String) async throws -> TestBrowser {
        var browser = TestBrowser(client)
        try await browser.signIn(username)
        return browser
    }
}

extension WebFixture {
    /// Runs `body` against the application on a fresh demo database (SQLite) and closes the
    /// database afterwards, also when `body` throws.
    static func app(
        enterprises: Int = 12, _ body: @Sendable (AppServices, any TestClientProtocol) async throws -> Void
    ) async throws {
        let services = try await TestApp.services(.sqlite, enterprises: enterprises)
        do {
            let app = try buildApplication(services: services, runTimers: false)
            try await app.test(.router) { client in try await body(services, client) }
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }
}

extension WebFixture {
    /// Registers an enterprise through the public form (/register), as a visitor would; returns
    /// the response to the form (303 when registered).
    static func register(
        _ client: any TestClientProtocol, name: String, uscc: String, username: String
    ) async throws -> TestResponse {
        var visitor = TestBrowser(client)
        let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await visitor.get("/register").body)))
        return try await visitor.post(
            "/register",
            form: [
                "csrf_token": token, "name": name, "uscc": uscc, "sub_industry": "SMCE", "zone": "TEDA", "street": "塘沽街道",
                "specialised": "是", "contact_name": "王工", "contact_phone": "022-25201234", "username": username,
                "password": "Secure2024pass",
            ])
    }
}

/// A multipart/form-data body with the given fields and an optional file, as a browser sends an upload.
func multipart(_ fields: [String: String], file: (name: String, data: Data)?) -> (HTTPFields, ByteBuffer) {
    let boundary = "----smepilot-test-boundary"
    var body = Data()
    for (name, value) in fields {
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    if let file {
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body += file.data + Data("\r\n".utf8)
    }
    body += Data("--\(boundary)--\r\n".utf8)
    return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
}
