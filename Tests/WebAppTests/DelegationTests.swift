import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// Delegation (issue #17): a finance officer hands the finance role to a colleague for a week;
/// the colleague acting for them is both people at once, so four eyes refuses the delegate's
/// approval of what the principal prepared and the principal's approval of what the delegate
/// prepared; bad input is refused with nothing written; a revoked delegation stops working at
/// the next request.
@Suite("Delegation: acting for a principal, four eyes both ways")
struct DelegationTests {
    @Test("finance → finance2: bad input refused; acting for finance, neither approves the other's release")
    func fourEyesBothWays() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 60)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let finance2 = try #require(try await services.store.accounts.user(username: "finance2"))
        let today = Shanghai.dateText(services.store.clock.now())
        let nextWeek = Shanghai.dateText(services.store.clock.now().addingTimeInterval(7 * 86_400))
        try await app.test(.router) { client in
            var principal = TestBrowser(client)
            try await principal.signIn("finance")
            let page = String(buffer: try await principal.get("/delegations").body)
            let token = try #require(TestBrowser.csrfToken(in: page))

            // Bad input: an end before the start, a role the principal does not hold — nothing written.
            let backwards = try await principal.post(
                "/delegations",
                form: [
                    "csrf_token": token, "delegate": finance2.id, "roles[]": "finance_officer", "starts_on": nextWeek,
                    "ends_on": today, "reason": "出差",
                ])
            #expect(backwards.status == .unprocessableContent)
            #expect(String(buffer: backwards.body).contains("结束日期不能早于开始日期"))
            let foreignRole = try await principal.post(
                "/delegations",
                form: [
                    "csrf_token": token, "delegate": finance2.id, "roles[]": "admin", "starts_on": today, "ends_on": nextWeek,
                    "reason": "出差",
                ])
            #expect(foreignRole.status == .unprocessableContent)
            #expect(try await services.store.delegations.delegations(programmeId: programme.id).isEmpty)

            let created = try await principal.post(
                "/delegations",
                form: [
                    "csrf_token": token, "delegate": finance2.id, "roles[]": "finance_officer", "starts_on": today,
                    "ends_on": nextWeek, "reason": "出差一周",
                ])
            #expect(created.status == .seeOther)
            let delegation = try #require(try await services.store.delegations.delegations(programmeId: programme.id).first)
            #expect(delegation.roles == [.financeOfficer])

            // The principal prepares release 1.
            let financePage = String(buffer: try await principal.get("/finance").body)
            let financeToken = try #require(TestBrowser.csrfToken(in: financePage))
            let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
            let due = book.projects.values.filter { $0.hold == .notHeld }.flatMap(\.tranches).filter {
                $0.status == .due && book.openRelease(containing: $0.id) == nil
            }.map(\.id).sorted()
            #expect(due.count >= 2)
            let first = try await principal.post(
                "/finance/releases", form: ["csrf_token": financeToken, "tranche[]": due[0].description])
            #expect(first.status == .seeOther)
            let releaseOne = try #require(try await services.store.funds.fundsBook(programmeId: programme.id)?.releases.last)

            // The delegate acts for the principal: the header says so.
            var delegate = TestBrowser(client)
            try await delegate.signIn("finance2")
            let delegateToken = try #require(
                TestBrowser.csrfToken(in: String(buffer: try await delegate.get("/delegations").body)))
            let acting = try await delegate.post("/delegations/\(delegation.id)/act", form: ["csrf_token": delegateToken])
            #expect(acting.status == .seeOther)
            let header = String(buffer: try await delegate.get("/finance").body)
            #expect(header.contains("（代 \(delegation.principalName)）"))
            #expect(header.contains("id=\"acting-for\""))
            // Acting for finance, finance2 may not approve what finance prepared.
            let refused = try await delegate.post(
                "/finance/releases/\(releaseOne.number)/approve", form: ["csrf_token": delegateToken])
            #expect(refused.status == .forbidden)
            // What finance2 prepares acting for finance, finance may not approve either.
            let second = try await delegate.post(
                "/finance/releases", form: ["csrf_token": delegateToken, "tranche[]": due[1].description])
            #expect(second.status == .seeOther)
            let releaseTwo = try #require(try await services.store.funds.fundsBook(programmeId: programme.id)?.releases.last)
            #expect(releaseTwo.number != releaseOne.number)
            // The funds log names the principal too: the delegation's use is on record and on its page.
            let uses = try await services.store.delegations.uses(of: delegation)
            #expect(uses.contains { $0.instanceId == nil && $0.transitionId == "prepare_release" })
            let listed = String(buffer: try await principal.get("/delegations").body)
            #expect(listed.contains("prepare_release"))
            let reverse = try await principal.post(
                "/finance/releases/\(releaseTwo.number)/approve", form: ["csrf_token": financeToken])
            #expect(reverse.status == .forbidden)

            // Back as themselves, finance2 approves release 1: the refusal was the delegation's.
            let stopped = try await delegate.post("/delegations/stop", form: ["csrf_token": delegateToken])
            #expect(stopped.status == .seeOther)
            let own = try await delegate.post(
                "/finance/releases/\(releaseOne.number)/approve", form: ["csrf_token": delegateToken])
            #expect(own.status == .seeOther)

            // Revoked: acting under it again is refused, and a session still naming it acts as itself.
            _ = try await delegate.post("/delegations/\(delegation.id)/act", form: ["csrf_token": delegateToken])
            let revoked = try await principal.post(
                "/delegations/\(delegation.id)/revoke",
                form: [
                    "csrf_token": try #require(
                        TestBrowser.csrfToken(in: String(buffer: try await principal.get("/delegations").body)))
                ])
            #expect(revoked.status == .seeOther)
            let after = String(buffer: try await delegate.get("/finance").body)
            #expect(!after.contains("（代 "))
            let again = try await delegate.post("/delegations/\(delegation.id)/act", form: ["csrf_token": delegateToken])
            #expect(again.status == .conflict)
            // Someone else's delegation is not found.
            var other = TestBrowser(client)
            try await other.signIn("district")
            let otherToken = try #require(TestBrowser.csrfToken(in: String(buffer: try await other.get("/delegations").body)))
            #expect(
                try await other.post("/delegations/\(delegation.id)/revoke", form: ["csrf_token": otherToken]).status
                    == .notFound)
        }
    }

    @Test("an administrator sets one for an absent officer; anyone else only for themselves")
    func administratorSetsForSomeoneElse() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 20)
        defer { Task { await services.store.shutdown() } }
        let app = try buildApplication(services: services, runTimers: false)
        let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
        let finance = try #require(try await services.store.accounts.user(username: "finance"))
        let finance2 = try #require(try await services.store.accounts.user(username: "finance2"))
        let today = Shanghai.dateText(services.store.clock.now())
        let nextWeek = Shanghai.dateText(services.store.clock.now().addingTimeInterval(7 * 86_400))
        let form = { @Sendable (token: String) in
            [
                "csrf_token": token, "principal": finance.id, "delegate": finance2.id, "roles[]": "finance_officer",
                "starts_on": today, "ends_on": nextWeek, "reason": "病假",
            ]
        }
        try await app.test(.router) { client in
            // A district official may not hand over the finance officer's roles: refused, nothing written.
            var district = TestBrowser(client)
            try await district.signIn("district")
            let districtPage = String(buffer: try await district.get("/delegations").body)
            #expect(!districtPage.contains("id=\"principal\""))
            let refused = try await district.post(
                "/delegations", form: form(try #require(TestBrowser.csrfToken(in: districtPage))))
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("只有管理员可以为他人设置委托"))
            #expect(try await services.store.delegations.delegations(programmeId: programme.id).isEmpty)

            // The administrator chooses the principal; the delegation is finance's, and finance sees it.
            var admin = TestBrowser(client)
            try await admin.signIn("admin")
            let adminPage = String(buffer: try await admin.get("/delegations").body)
            #expect(adminPage.contains("id=\"principal\""))
            let created = try await admin.post("/delegations", form: form(try #require(TestBrowser.csrfToken(in: adminPage))))
            #expect(created.status == .seeOther)
            let delegation = try #require(try await services.store.delegations.delegations(programmeId: programme.id).first)
            #expect(delegation.principalUserId == finance.id && delegation.delegateUserId == finance2.id)
            var principal = TestBrowser(client)
            try await principal.signIn("finance")
            #expect(String(buffer: try await principal.get("/delegations").body).contains("data-delegation=\"\(delegation.id)\""))
        }
    }
}
