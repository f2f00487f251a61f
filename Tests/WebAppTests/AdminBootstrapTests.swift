import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Production set-up without the demo seed (issue #11, defect 8).
@Suite("Bootstrap: an administrator without the demo, and no start with demo passwords")
struct AdminBootstrapTests {
    @Test("the demo's accounts block a production start until each has its own password", arguments: TestStores.backends)
    func demoPasswordsBlockStart(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 5)
        defer { Task { await services.store.shutdown() } }
        let bootstrap = AdminBootstrap(services: services)
        let (count, names) = try await services.store.accounts.activeDemoPasswordAccounts()
        #expect(count > 20 && names.contains("admin"))
        await #expect(throws: AdminBootstrap.Problem.self) { try await bootstrap.refuseDemoPasswords() }
        // Refused passwords change nothing.
        for bad in ["short1", "onlyletterslong", "Demo@2024", "admin12345abc"] {
            await #expect(throws: AdminBootstrap.Problem.self) {
                try await bootstrap.setPassword(username: "admin", password: bad)
            }
        }
        #expect(try await services.store.accounts.activeDemoPasswordAccounts().count == count)
        try await bootstrap.setPassword(username: "admin", password: "Haihe2026river")
        #expect(try await services.store.accounts.activeDemoPasswordAccounts().count == count - 1)
        let admin = try #require(try await services.store.accounts.user(username: "admin"))
        #expect(try await services.passwords.verify("Haihe2026river", against: admin.passwordHash))
    }

    @Test("admin create makes the programme and its administrator on an empty database; nothing blocks the start")
    func createOnEmptyDatabase() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 0, demo: false)
        defer { Task { await services.store.shutdown() } }
        let bootstrap = AdminBootstrap(services: services)
        // No programme and no name to create it with.
        await #expect(throws: AdminBootstrap.Problem.self) {
            try await bootstrap.createAdministrator(
                programmeCode: "TJ-2026", programmeName: nil, division: "120000", username: "wangwei", displayName: "王伟",
                password: "Jinmen2026gate")
        }
        await #expect(throws: AdminBootstrap.Problem.self) {
            try await bootstrap.createAdministrator(
                programmeCode: "TJ-2026", programmeName: "天津试点", division: "120000", username: "wang wei", displayName: "王伟",
                password: "Jinmen2026gate")
        }
        #expect(try await services.store.programmes.programme(code: "TJ-2026") == nil)
        let id = try await bootstrap.createAdministrator(
            programmeCode: "TJ-2026", programmeName: "天津试点", division: "120000", username: "wangwei", displayName: "王伟",
            password: "Jinmen2026gate")
        let account = try #require(try await services.store.accounts.user(username: "wangwei"))
        #expect(account.programmeId == id)
        #expect(account.grants == [RoleGrant(role: .admin, scope: .programme(id))])
        try await bootstrap.refuseDemoPasswords()
        // The same name twice is refused.
        await #expect(throws: AdminBootstrap.Problem.self) {
            try await bootstrap.createAdministrator(
                programmeCode: "TJ-2026", programmeName: nil, division: "120000", username: "wangwei", displayName: "王伟",
                password: "Jinmen2026gate")
        }
    }
}

@Suite("A new password ends what the old one opened")
struct PasswordResetTests {
    @Test("setting a password revokes the account's API tokens", arguments: TestStores.backends)
    func resetRevokesTokens(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend, enterprises: 3)
        defer { Task { await services.store.shutdown() } }
        let contractor = try #require(try await services.store.accounts.user(username: "contractor"))
        let token = try await services.store.sessions.createApiToken(userId: contractor.id, label: "script")
        #expect(try await services.store.sessions.userId(apiToken: token) == contractor.id)
        try await AdminBootstrap(services: services).setPassword(username: "contractor", password: "Binhai2026port")
        #expect(try await services.store.sessions.userId(apiToken: token) == nil)
    }
}
