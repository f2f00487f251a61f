import Foundation
import Hummingbird
import HummingbirdTesting
import LocalPostgres
import Logging
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// Reminders and escalations that reach people (issue #17): the sweep notices a step before its
/// SLA runs out to those who can act and after it to their supervisors, once per event; the
/// inbox shows them with an unread count in the header; mail goes through a real SMTP server on
/// loopback (aiosmtpd), in the recipient's language, only for the kinds they chose, never twice.
@Suite("Deadline reminders, escalations, inbox and mail")
struct DeadlineNoticeTests {
    @Test(
        "the sweep reminds the actors and escalates to the bureau, once; mails go out once, in each one's language",
        arguments: TestStores.backends)
    func sweepAndMail(backend: BackendKind) async throws {
        let fixture = try await WebFixture.make(backend)
        let services = fixture.services
        let smtp = try await LoopbackSMTPServer.start()
        defer { smtp.stop() }
        do {
            let store = services.store
            let project = fixture.ownProject
            let definition = try #require(
                services.catalog.definition(project.definitionId, version: project.definitionVersion))
            let sla = try #require(definition.state(project.state)?.slaDays)
            let contractor = try #require(try await store.accounts.user(username: fixture.contractor))
            let district = try #require(try await store.accounts.user(username: "district"))
            // The bureau reads English; the contractor keeps Chinese. Each chose mail for one kind only.
            try await store.backend.read { database in
                try await database.raw("UPDATE users SET language = 'en' WHERE id = \(bind: district.id)").run()
            }
            try await store.notifications.saveMailSettings(
                userId: contractor.id, MailSettings(address: "contractor@example.gov.cn", kinds: [.slaReminder]))
            try await store.notifications.saveMailSettings(
                userId: district.id, MailSettings(address: "district@example.gov.cn", kinds: [.slaEscalation]))

            // Before the reminder's day: nothing for this project.
            let early = project.stateEnteredAt.addingTimeInterval(Double(sla - WorkflowService.reminderLeadDays - 1) * 86_400)
            _ = try await services.workflows.sweepDeadlines(now: early)
            #expect(
                try await store.notifications.inbox(userId: contractor.id).filter { $0.link == "/instances/\(project.id)" }
                    .isEmpty)

            // A day past the SLA: the reminder and the escalation are both due.
            let late = project.stateEnteredAt.addingTimeInterval(Double(sla + 1) * 86_400)
            // A windowed sweep a month later looks only at what fell due in its window: not at this.
            _ = try await services.workflows.sweepDeadlines(
                now: late.addingTimeInterval(30 * 86_400), window: .seconds(2 * 86_400))
            #expect(
                try await store.notifications.inbox(userId: contractor.id).filter { $0.link == "/instances/\(project.id)" }
                    .isEmpty)
            let first = try await services.workflows.sweepDeadlines(now: late)
            #expect(first.reminders > 0 && first.escalations > 0)
            let link = "/instances/\(project.id)"
            let mine = try await store.notifications.inbox(userId: contractor.id).filter { $0.link == link }
            #expect(mine.map(\.kind) == [.slaReminder])
            #expect(mine.first?.subject.zh.hasPrefix("办理提醒") == true)
            let supervised = try await store.notifications.inbox(userId: district.id).filter { $0.link == link }
            #expect(supervised.map(\.kind) == [.slaEscalation])
            #expect(supervised.first?.body.en.contains("days overdue") == true)
            // The contractor of another sub-industry hears nothing of this project.
            let others = try await store.accounts.users(programmeId: contractor.programmeId).filter {
                $0.grants.contains { $0.role == .mainContractor } && $0.id != contractor.id
            }
            for other in others {
                #expect(try await store.notifications.inbox(userId: other.id).allSatisfy { $0.link != link })
            }

            // A second sweep, or another process's, finds every event recorded: nothing new.
            let second = try await services.workflows.sweepDeadlines(now: late)
            #expect(second == DeadlineSweep())
            #expect(try await store.notifications.inbox(userId: contractor.id).filter { $0.link == link }.count == 1)

            // Mail: each job once, through the real SMTP server.
            var mail = try MailConfiguration.parse(smtp.url)
            mail.publicURL = "https://pilot.example.gov.cn"
            let sender = MailSenderService(store: store, configuration: mail, logger: Logger(label: "test.mail"))
            let sent = try await sender.sendDue()
            let received = try smtp.messages()
            #expect(sent > 0 && received.count == sent)
            let toContractor = received.filter { $0.to.contains("contractor@example.gov.cn") }
            let toDistrict = received.filter { $0.to.contains("district@example.gov.cn") }
            #expect(toContractor.count + toDistrict.count == received.count)
            // Only the kinds each chose, each in its reader's language, with the link to the project.
            #expect(!toContractor.isEmpty && toContractor.allSatisfy { $0.subject.hasPrefix("办理提醒：") })
            #expect(!toDistrict.isEmpty && toDistrict.allSatisfy { $0.subject.hasPrefix("Overdue: ") })
            #expect(toContractor.contains { $0.body.contains("https://pilot.example.gov.cn" + link) })
            #expect(toDistrict.contains { $0.body.contains("https://pilot.example.gov.cn" + link) })
            #expect(Set(received.map(\.messageId)).count == received.count)
            // Nothing goes out twice.
            #expect(try await sender.sendDue() == 0)
            #expect(try smtp.messages().count == received.count)
            #expect(try await store.notifications.mailCounts() == ["sent": sent])
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }

    @Test("an event is recorded once; a relay that is down leaves the mail pending for a retry")
    func mailFailures() async throws {
        let fixture = try await WebFixture.make(.sqlite)
        let services = fixture.services
        do {
            let store = services.store
            let contractor = try #require(try await store.accounts.user(username: fixture.contractor))
            try await store.notifications.saveMailSettings(
                userId: contractor.id, MailSettings(address: "contractor@example.gov.cn", kinds: [.slaReminder]))
            let event = NoticeEvent(key: "test:1", programmeId: contractor.programmeId, instanceId: nil, kind: .slaReminder)
            let notice = Notice(
                userId: contractor.id, subject: LocalizedText(zh: "测试", en: "Test"), body: LocalizedText(zh: "正文", en: "Body"),
                link: nil)
            #expect(try await store.notifications.record(event, notices: [notice]))
            #expect(try await store.notifications.record(event, notices: [notice]) == false)
            // Nobody listens on this port: a transient failure, tried again later.
            let closed = PortProbe.freePort() ?? 1
            let down = MailSenderService(
                store: store, configuration: MailConfiguration(host: "127.0.0.1", port: closed, from: "a@b.cn"),
                logger: Logger(label: "test.mail"))
            #expect(try await down.sendDue() == 0)
            #expect(try await store.notifications.mailCounts() == ["pending": 1])
        } catch {
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }

    @Test("the inbox: unread count in the header, one's own notices only, bad settings refused and nothing saved")
    func inboxPages() async throws {
        try await WebFixture.app { services, client in
            let store = services.store
            let contractor = try #require(try await store.accounts.user(username: "contractor"))
            let district = try #require(try await store.accounts.user(username: "district"))
            for (index, user) in [contractor, district].enumerated() {
                try await store.notifications.record(
                    NoticeEvent(key: "test:\(index)", programmeId: user.programmeId, instanceId: nil, kind: .slaReminder),
                    notices: [
                        Notice(
                            userId: user.id, subject: LocalizedText(zh: "提醒<script>", en: "Reminder"),
                            body: LocalizedText(zh: "正文", en: "Body"), link: "/tasks")
                    ])
            }
            // The API: one's own notices with the unread count; another's notice is not found.
            let apiToken = try await store.sessions.createApiToken(userId: contractor.id, label: "test")
            let bearer: HTTPFields = [.authorization: "Bearer \(apiToken)", .acceptLanguage: "en"]
            let listed = try await client.execute(uri: "/api/v1/notifications", method: .get, headers: bearer)
            #expect(listed.status == .ok)
            let inboxJSON = try #require(try JSONSerialization.jsonObject(with: Data(buffer: listed.body)) as? [String: Any])
            #expect(inboxJSON["unread"] as? Int == 1)
            let listedItems = try #require(inboxJSON["items"] as? [[String: Any]])
            #expect(listedItems.map { $0["subject"] as? String } == ["Reminder"])
            let districtNotice = try #require(try await store.notifications.inbox(userId: district.id).first)
            let foreign = try await client.execute(
                uri: "/api/v1/notifications/\(districtNotice.id)/read", method: .post, headers: bearer)
            #expect(foreign.status == .notFound)
            let badLimit = try await client.execute(uri: "/api/v1/notifications?limit=0", method: .get, headers: bearer)
            #expect(badLimit.status == .badRequest)

            var browser = TestBrowser(client)
            try await browser.signIn("contractor")
            let tasks = String(buffer: try await browser.get("/tasks").body)
            #expect(tasks.contains("id=\"unread-count\">1<"))
            let inbox = String(buffer: try await browser.get("/inbox").body)
            #expect(inbox.contains("提醒&lt;script&gt;") && !inbox.contains("提醒<script>"))
            let token = TestBrowser.csrfToken(in: inbox) ?? ""

            // Another's notice cannot be marked: 404, and it stays unread.
            let theirs = try #require(try await store.notifications.inbox(userId: district.id).first)
            let refused = try await browser.post("/inbox/\(theirs.id)/read", form: ["csrf_token": token])
            #expect(refused.status == .notFound)
            #expect(try await store.notifications.unreadCount(userId: district.id) == 1)

            // Bad settings: a clear message, nothing saved.
            let bad = try await browser.post(
                "/inbox/settings", form: ["csrf_token": token, "address": "不是邮箱", "kinds[]": "sla.reminder"])
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("邮箱格式不正确"))
            let noKind = try await browser.post(
                "/inbox/settings", form: ["csrf_token": token, "address": "c@example.gov.cn", "kinds[]": "sla.nothing"])
            #expect(noKind.status == .unprocessableContent)
            #expect(try await store.notifications.mailSettings(userId: contractor.id) == nil)
            let saved = try await browser.post(
                "/inbox/settings", form: ["csrf_token": token, "address": "c@example.gov.cn", "kinds[]": "sla.escalation"])
            #expect(saved.status == .seeOther)
            #expect(
                try await store.notifications.mailSettings(userId: contractor.id)
                    == MailSettings(address: "c@example.gov.cn", kinds: [.slaEscalation]))

            // Mark all read: the badge goes.
            let marked = try await browser.post("/inbox/read", form: ["csrf_token": token])
            #expect(marked.status == .seeOther)
            let after = String(buffer: try await browser.get("/tasks").body)
            #expect(!after.contains("id=\"unread-count\""))
            #expect(try await store.notifications.unreadCount(userId: district.id) == 1)
        }
    }
}
