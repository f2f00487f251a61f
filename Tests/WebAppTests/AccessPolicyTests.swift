import Foundation
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

@testable import WebApp

/// The access policy (issue #12) against an independent statement of who does what, written by
/// hand from domain.md §1 "Parties and roles" and the README's page table — not read from
/// `AccessPolicy` — first as answers of `AccessPolicy.allows`, then as statuses of the real routes.
@Suite("Access policy: every feature action × every demo person, in the table and on the routes")
struct AccessPolicyTests {
    /// What every signed-in person may do, whatever their role: their own tasks and projects, the
    /// workflow diagrams, the provider pool, the level calculator, their own password — and what the
    /// public may do without signing in.
    static let everyone: Set<String> = [
        "tasks.read", "projects.list", "workflows.read", "providers.read", "providers.publishProduct", "levels.evaluate",
        "account.changePassword", "account.switchProgramme", "notifications.read", "delegations.manage", "publicity.read",
        "providers.removalNotice",
        "catalogue.read",
        "publicity.object",
        "enterprises.selfRegister", "admission.calls", "admission.publicity", "admission.object",
        "providers.complainPublic", "providers.grades",
        // The public register of promotion centres on the city's list (002 第十三条（四）).
        "centres.register",
        // The published cases of the case register (004 §四(十)).
        "cases.public",
        // A roster firm registers for its campaign's diagnosis (issue #14).
        "diagnosis.register",
        // Every party of the pilot reads the training sessions and their counts (issue #15).
        "training.read",
        // The policy library and the supply–demand hall are public (issue #15; 004 §四(三), §四(八)).
        "policies.read", "hall.read",
    ]

    /// Role → the actions it adds, from domain.md §1.
    static let byRole: [Role: Set<String>] = [
        // Runs the system for the bureau (with the bureau, reads objectors and reviews): everything programme-wide except acting on money.
        .admin: [
            // Bulk jobs over the programme's instances (issue #17).
            "bulk.manage",
            "finance.read", "providers.admit", "providers.govern", "contractors.read", "contractors.assign", "selections.read",
            "selections.decide", "rules.read", "rules.edit", "enterprises.import", "enterprises.register", "dashboard.read",
            "targets.edit", "sync.monitor", "users.administer", "projects.readConfidential", "admission.openCall",
            "admission.list", "admission.districtPapers", "centres.read",
            // The office selects and publishes cases (never its own proposal).
            "cases.read", "cases.decide",
            "diagnosis.read", "diagnosis.supervise", "diagnosis.remind", "diagnosis.importRoster", "diagnosis.setQuotas",
            "diagnosis.assignOffline", "diagnosis.liaison",
            "training.manage", "mobilisation.read", "mobilisation.visit", "mobilisation.import", "programme.read",
            "programme.dossierEdit",
            // The pilot's office publishes policies (issue #15).
            "policies.publish",
            "contracts.read", "windows.read", "windows.open",
            // The national roll-up over every programme (issue #16).
            "dashboard.national",
        ],
        // Tracks targets, signs off programme decisions.
        .leadership: [
            "finance.read", "contractors.read", "selections.read", "selections.decide", "rules.read", "dashboard.read",
            "targets.edit", "sync.monitor", "projects.readConfidential", "admission.list", "centres.read",
            // Selects and publishes cases of the register (004 §四(十)).
            "cases.read", "cases.decide",
            // A campaign's leadership follows coverage and reads the firm files beneath it.
            "diagnosis.read", "diagnosis.supervise", "diagnosis.remind",
            // Follows the zones' mobilisation and the city's phases and dossiers (issue #15).
            "mobilisation.read", "programme.read",
            "policies.publish",
            "contracts.read", "windows.read",
            // The national roll-up over its own programmes (issue #16).
            "dashboard.national",
        ],
        // Runs reviews and approvals; appoints contractors; admits providers and enterprises; a party of projects.
        .districtOfficial: [
            "bulk.manage",
            "finance.read", "providers.admit", "providers.govern", "contractors.read", "contractors.assign", "selections.read",
            "selections.decide", "rules.read", "enterprises.import", "enterprises.register", "dashboard.read",
            "attachments.upload", "projects.readConfidential", "admission.openCall", "admission.list",
            "admission.districtPapers",
            // Promotion centres (002 第十三条): screens those of its division, and — programme-wide, as the
            // city bureau — decides the list.
            "centres.read", "centres.screen", "centres.decide",
            // Decides amendments of task books and records the signatures; keeps the reports (issue #17).
            "amendments.decide", "reports.manage",
            // Cases: proposes for its zone, reviews those of its division (the handler narrows).
            "cases.read", "cases.propose", "cases.review",
            // Diagnosis campaigns: every unit (city, district, street/park) supervises its subtree.
            "diagnosis.read", "diagnosis.supervise", "diagnosis.remind", "diagnosis.importRoster", "diagnosis.setQuotas",
            "diagnosis.assignOffline", "diagnosis.liaison",
            // Issue #15: holds training, runs mobilisation within its grant, writes the dossiers.
            "training.manage", "mobilisation.read", "mobilisation.visit", "mobilisation.import", "programme.read",
            "programme.dossierEdit",
            "policies.publish",
            "contracts.read", "records.upload", "windows.read", "windows.open",
        ],
        // Approves fund releases, owns the matching ledger.
        .financeOfficer: [
            "finance.read", "finance.prepareRelease", "finance.approveRelease", "finance.recordReceipt", "rules.read",
            "contracts.read", "windows.read",
            // Money after the award (issue #17): drafts amendments, corrects, recovers, keeps the reports.
            "amendments.propose", "finance.correct", "reports.manage",
        ],
        // Plans and manages the pilot: reads the oversight pages, works on projects.
        // It organises the training (004 §六(二)) and drafts the mid-term evaluation (§四(九)).
        .managementProvider: [
            "contractors.read", "selections.read", "rules.read", "dashboard.read", "attachments.upload", "training.manage",
            "programme.read", "programme.dossierEdit", "cases.read", "windows.read",
        ],
        // Runs the platform: brings providers and enterprises in, publishes policies for the office, holds
        // training sessions.
        .platformOperator: [
            "providers.admit", "enterprises.import", "enterprises.register", "policies.publish", "training.manage",
            // It runs the platform for every programme: the national roll-up (issue #16).
            "dashboard.national",
        ],
        // Parties of their own projects; enterprises and providers may complain about a pool member (002 第八条(4)).
        // Providers (contractors too) may apply to be a sub-industry's main contractor (004 §四(五): 自主申报)
        // and to the pool itself (002 第六条); they also lead promotion centres: file, correct, self-assess
        // (002 第九条).
        .mainContractor: [
            "attachments.upload", "providers.complain", "contractors.apply", "admission.apply", "admission.list",
            "centres.read", "centres.apply", "centres.selfAssess", "training.manage",
            // Cases of its own work or of an enterprise it serves.
            "cases.read", "cases.propose",
            // They answer enterprises' needs in the supply–demand hall (issue #15).
            "hall.answer",
            // Contracts and the project records of its sub-industry's projects.
            "contracts.read", "contracts.edit", "records.upload", "windows.read",
        ],
        .digitalProvider: [
            "attachments.upload", "providers.complain", "contractors.apply", "admission.apply", "admission.list",
            "centres.read", "centres.apply", "centres.selfAssess", "cases.read", "cases.propose",
            // An assigned diagnosis provider reads the firm's report and files its on-site report.
            "diagnosis.read", "diagnosis.fileOnSite",
            // Holds training sessions for its own organisation; answers needs in the hall (issue #15).
            "training.manage", "hall.answer",
            // Reads its own contracts, uploads the records of its projects.
            "contracts.read", "records.upload",
        ],
        // A firm fills its own questionnaire and reads its own reports; proposes cases about itself, registers
        // its people for training, posts needs in the hall, keeps its contracts and records (issue #15).
        .enterprise: [
            "attachments.upload", "providers.complain", "diagnosis.fill", "diagnosis.read", "training.register", "cases.read",
            "cases.propose", "hall.post", "contracts.read", "contracts.edit", "records.upload",
            // Hands in its own project's quarterly reports (issue #17).
            "reports.submit",
        ],
        // Experts score what they are assigned; task forces visit: nothing beyond the common pages.
        .expertReviewer: ["admission.list"],
        // The zone's task force mobilises the above-scale firms of its zone (004 §四(七)).
        .zoneTaskForce: ["mobilisation.read", "mobilisation.visit", "mobilisation.import"],
        // Guangxi's 实体经济服务员工作队 (001): contacts the firms of its area and follows their diagnosis.
        .serviceTeam: ["diagnosis.read", "diagnosis.supervise", "diagnosis.remind", "diagnosis.liaison"],
    ]

    /// The demo people (README "Demo sign-ins") and their one role each.
    static let people: [String: Role] = [
        "admin": .admin, "leader": .leadership, "district": .districtOfficial, "finance": .financeOfficer,
        "finance2": .financeOfficer, "manager": .managementProvider, "platform": .platformOperator,
        "contractor": .mainContractor, "provider": .digitalProvider, "expert": .expertReviewer, "taskforce": .zoneTaskForce,
        "ent01": .enterprise,
    ]

    static func expected(_ username: String, _ action: FeatureAction) -> Bool {
        let role = people[username]!
        return everyone.contains(action.rawValue) || byRole[role]!.contains(action.rawValue)
    }

    @Test("the expected table names only real actions, and every role of a person")
    func tableIsWellFormed() {
        let names = Set(FeatureAction.allCases.map(\.rawValue))
        for (role, actions) in Self.byRole { #expect(actions.isSubset(of: names), "\(role): \(actions.subtracting(names))") }
        #expect(Self.everyone.isSubset(of: names))
        #expect(Set(Self.byRole.keys) == Set(Role.allCases).subtracting([.publicMember, .system]))
    }

    @Test("AccessPolicy.allows agrees with the table for every action and every demo person")
    func allowsMatchesTable() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 2)
        defer { Task { await services.store.shutdown() } }
        for (username, role) in Self.people.sorted(by: { $0.key < $1.key }) {
            let account = try #require(try await services.store.accounts.user(username: username))
            #expect(account.grants.map(\.role) == [role], "\(username) holds one role, \(role)")
            let identity = Identity(account: account, csrfToken: nil, sessionToken: nil)
            for action in FeatureAction.allCases {
                #expect(
                    AccessPolicy.allows(identity, action) == Self.expected(username, action),
                    "\(username) \(action.rawValue)")
            }
        }
    }

    @Test("a programme-wide grant counts only in the programme the request acts in")
    func otherProgrammeRefused() async throws {
        let services = try await TestApp.services(.sqlite, enterprises: 2)
        defer { Task { await services.store.shutdown() } }
        var account = try #require(try await services.store.accounts.user(username: "admin"))
        account.grants = [RoleGrant(role: .admin, scope: .programme("another-programme"))]
        let identity = Identity(account: account, csrfToken: nil, sessionToken: nil)
        #expect(!AccessPolicy.allows(identity, .usersAdminister))
        #expect(!AccessPolicy.allows(identity, .dashboardRead))
        #expect(AccessPolicy.allows(identity, .tasksRead))
        #expect(throws: AppError.self) { try AccessPolicy.require(identity, .financeRead) }
    }

    /// A request that exercises one action on its real route, and the status it gets when allowed
    /// (a refused one is 403). Forms are incomplete on purpose, so an allowed change stops at input
    /// checks (422) and writes nothing.
    struct Probe: Sendable {
        var action: FeatureAction
        var method: HTTPRequest.Method
        var path: String
        var form: [String: String] = [:]
        var json: String?
        var allowed: HTTPResponse.Status = .ok
        var api: Bool { path.hasPrefix("/api/") }
    }

    /// A page or operation that reads: 200 when allowed.
    static func read(_ action: FeatureAction, _ paths: String...) -> [Probe] {
        paths.map { Probe(action: action, method: .get, path: $0) }
    }

    /// A form that changes something, posted incomplete: 422 when allowed.
    static func change(_ action: FeatureAction, _ path: String, _ form: [String: String] = [:]) -> Probe {
        Probe(action: action, method: .post, path: path, form: form, allowed: .unprocessableContent)
    }

    static let probes: [Probe] =
        read(.tasksRead, "/tasks", "/api/v1/tasks") + read(.projectsList, "/projects", "/api/v1/projects")
        + read(.workflowsRead, "/workflows", "/api/v1/workflows") + read(.providersRead, "/providers")
        + read(.accountChangePassword, "/account/password") + read(.notificationsRead, "/inbox", "/api/v1/notifications")
        + read(.delegationsManage, "/delegations") + read(.bulkManage, "/bulk", "/api/v1/bulk/jobs")
        + read(.publicityRead, "/publicity", "/api/v1/publicity")
        + read(.enterprisesSelfRegister, "/register") + read(.providersRemovalNotice, "/providers/removals")
        + read(.catalogueRead, "/catalogue") + read(.providersComplainPublic, "/providers/complaints/public")
        + read(.providersGrades, "/providers/grades")
        + read(.admissionCalls, "/pool/calls") + read(.admissionPublicity, "/pool/publicity")
        + read(.admissionList, "/pool/applications") + read(.admissionDistrictPapers, "/pool/summary")
        + read(.financeRead, "/finance", "/finance/export/ledger.csv", "/finance/changes")
        + read(.contractorsRead, "/contractors") + read(.selectionsRead, "/selections")
        + read(.contractorsApply, "/contractors/calls")
        + read(.rulesRead, "/programme/rules", "/api/v1/programme/rules")
        + read(.enterprisesImport, "/enterprises/import", "/enterprises/import/template.csv")
        + read(
            .dashboardRead, "/dashboard", "/dashboard/targets", "/dashboard/report", "/dashboard/export/funnel.csv",
            "/api/v1/dashboard")
        + read(.dashboardNational, "/dashboard/national", "/api/v1/dashboard/national")
        + read(.syncMonitor, "/sync") + read(.usersAdminister, "/admin/users")
        + read(.policiesRead, "/policies") + read(.policiesPublish, "/policies/new")
        + read(.hallRead, "/supply-demand") + read(.hallPost, "/supply-demand/needs/new")
        + read(.centresRead, "/centres") + read(.centresRegister, "/centres/register") + read(.centresApply, "/centres/new")
        + read(.contractsRead, "/contracts") + read(.windowsRead, "/funds/windows")
        + [change(.contractsEdit, "/contracts", ["contract_no": "探针合同"]), change(.windowsOpen, "/funds/windows")]
        + read(.diagnosisRegister, "/diagnosis/register") + read(.diagnosisFill, "/diagnosis")
        + read(.trainingRead, "/training", "/training/export.xlsx")
        + read(.mobilisationRead, "/mobilisation", "/mobilisation/export.xlsx")
        + read(.mobilisationImport, "/mobilisation/import", "/mobilisation/import/template.xlsx")
        + read(
            .programmeRead, "/programme", "/programme/dossier/midterm", "/programme/dossier/final/print",
            "/programme/dossier/final/export.xlsx")
        + read(.casesRead, "/cases") + read(.casesPropose, "/cases/new") + read(.casesPublic, "/cases/public")
        + [
            // The diagnosis journey (issue #14) in a programme that is no campaign, or on ids that do
            // not exist: past the policy, the handlers answer 404.
            Probe(action: .diagnosisFill, method: .get, path: "/diagnosis/dia_nope", allowed: .notFound),
            Probe(action: .diagnosisFill, method: .post, path: "/diagnosis/start", allowed: .notFound),
            Probe(action: .diagnosisFill, method: .post, path: "/diagnosis/dia_nope/feedback", allowed: .notFound),
            Probe(action: .diagnosisRead, method: .get, path: "/diagnosis/dia_nope/report", allowed: .notFound),
            Probe(action: .diagnosisRead, method: .get, path: "/diagnosis/firms/91120116MA05XXXX01", allowed: .notFound),
            Probe(action: .diagnosisFileOnSite, method: .get, path: "/diagnosis/offline/dia_nope", allowed: .notFound),
            Probe(action: .diagnosisFileOnSite, method: .post, path: "/diagnosis/offline/dia_nope", allowed: .notFound),

            change(.centresApply, "/centres", ["name": "探针促进中心"]),
            // Issue #15: training, mobilisation, the programme's dossiers. Unknown ids answer 404 past the policy.
            change(.trainingManage, "/training/sessions", ["title": ""]),
            Probe(action: .trainingManage, method: .get, path: "/training/sessions/trs_nope/attendance.xlsx", allowed: .notFound),
            Probe(
                action: .trainingRegister, method: .post, path: "/training/sessions/trs_nope/registrations", allowed: .notFound),
            Probe(action: .mobilisationVisit, method: .post, path: "/mobilisation/firms/NOPE/visits", allowed: .notFound),
            change(.programmeDossierEdit, "/programme/dossier/midterm/sections/overview", ["version": "0", "text": ""]),
            // The case register: an incomplete proposal is 422; steps on a case that does not exist 404.
            change(.casesPropose, "/cases", ["title": "探针案例"]),
            Probe(action: .casesReview, method: .post, path: "/cases/cas_nope/review", allowed: .notFound),
            Probe(action: .casesDecide, method: .post, path: "/cases/cas_nope/decision", allowed: .notFound),
            Probe(action: .casesDecide, method: .post, path: "/cases/cas_nope/publication", allowed: .notFound),
            Probe(action: .casesPublic, method: .get, path: "/cases/public/cas_nope", allowed: .notFound),
            // Policies and the hall (issue #15): incomplete forms stop at the checks (422); no such need is a 404.
            change(.policiesPublish, "/policies", ["title": "探针政策"]),
            change(.hallPost, "/supply-demand/needs", ["title": "探针需求"]),
            Probe(action: .hallAnswer, method: .post, path: "/supply-demand/needs/need_nope/answers", allowed: .notFound),
            // No such centre: past the policy, the handler answers 404 (ids reveal nothing).
            Probe(action: .centresScreen, method: .post, path: "/centres/ctr_nope/screening", allowed: .notFound),
            Probe(action: .centresDecide, method: .post, path: "/centres/ctr_nope/decision", allowed: .notFound),
            Probe(action: .centresSelfAssess, method: .post, path: "/centres/ctr_nope/assessments", allowed: .notFound),
            // Diagnosis supervision (issue #14): the demo programme is no campaign, so past the policy
            // every handler answers 404 (DiagnosisSupervisionTests covers them in the campaigns).
            Probe(action: .diagnosisImportRoster, method: .get, path: "/diagnosis/roster/import", allowed: .notFound),
            Probe(action: .diagnosisImportRoster, method: .get, path: "/diagnosis/roster/template.xlsx", allowed: .notFound),
            Probe(action: .diagnosisImportRoster, method: .post, path: "/diagnosis/roster/import", allowed: .notFound),
            Probe(action: .diagnosisSupervise, method: .get, path: "/diagnosis/coverage", allowed: .notFound),
            Probe(action: .diagnosisSupervise, method: .get, path: "/diagnosis/coverage/export.xlsx", allowed: .notFound),
            Probe(action: .diagnosisSupervise, method: .get, path: "/diagnosis/quotas", allowed: .notFound),
            Probe(action: .diagnosisSupervise, method: .get, path: "/diagnosis/quotas/shanghai", allowed: .notFound),
            Probe(action: .diagnosisSupervise, method: .post, path: "/diagnosis/reminders/1/read", allowed: .notFound),
            Probe(action: .diagnosisSetQuotas, method: .post, path: "/diagnosis/quotas", allowed: .notFound),
            Probe(action: .diagnosisRemind, method: .post, path: "/diagnosis/reminders", allowed: .notFound),
            Probe(action: .diagnosisAssignOffline, method: .get, path: "/diagnosis/offline", allowed: .notFound),
            Probe(action: .diagnosisAssignOffline, method: .post, path: "/diagnosis/offline/dgn_nope/assign", allowed: .notFound),
            Probe(action: .diagnosisLiaison, method: .get, path: "/diagnosis/liaison", allowed: .notFound),
            Probe(
                action: .diagnosisLiaison, method: .get, path: "/diagnosis/liaison/export/work-contacts.xlsx", allowed: .notFound),
            Probe(action: .diagnosisLiaison, method: .post, path: "/diagnosis/liaison", allowed: .notFound),
            Probe(action: .diagnosisLiaison, method: .post, path: "/diagnosis/liaison/1/delete", allowed: .notFound),
            change(.financePrepareRelease, "/finance/releases", ["tranche": ""]),
            change(.financeApproveRelease, "/finance/releases/99999/approve"),
            change(.financeApproveRelease, "/finance/releases/99999/reject", ["reason": "x"]),
            change(.financeRecordReceipt, "/finance/receipts", ["amount": ""]),
            // Money after the award (issue #17): no such project, amendment or posting — refused, 422.
            change(.amendmentsPropose, "/finance/amendments", ["project": "", "reason": ""]),
            change(.amendmentsDecide, "/finance/amendments/99999/approve"),
            change(.financeCorrect, "/finance/corrections", ["posting": ""]),
            change(.reportsManage, "/finance/reports", ["project": ""]),
            change(.providersAdmit, "/providers"), change(.contractorsAssign, "/contractors"),
            change(.contractorsAssign, "/contractors/rounds"), change(.contractorsApply, "/contractors/applications"),
            change(.providersGovern, "/providers/grades"), change(.providersComplain, "/providers/complaints/filed"),
            change(.admissionOpenCall, "/pool/calls"), change(.admissionApply, "/pool/applications"),
            change(.selectionsDecide, "/selections"), change(.rulesEdit, "/programme/rules"),
            change(.targetsEdit, "/dashboard/targets"), change(.usersAdminister, "/admin/users"),
            // A programme the person holds nothing in: refused by the switch itself, after the policy.
            Probe(
                action: .accountSwitchProgramme, method: .post, path: "/programme", form: ["programme": "NOPE-1"],
                allowed: .badRequest),
            // An unknown sub-industry: the API's input check, after the policy.
            Probe(
                action: .enterprisesRegister, method: .post, path: "/api/v1/enterprises",
                json: """
                    {"name": "探针企业", "uscc": "91120116MA05XXXX01", "sub_industry": "no-such-sub-industry", "zone": "TEDA",
                     "contact_name": "王工", "contact_phone": "022-25201234"}
                    """,
                allowed: .unprocessableContent),
        ]

    /// Actions with no probe here, and why: their answer depends on data beyond the person.
    static let probedElsewhere: Set<FeatureAction> = [
        .attachmentsUpload,  // per project (AttachmentStorageTests)
        .projectsReadConfidential,  // fields of a project page (ProjectVisibilityTests)
        .providersPublishProduct,  // for one's own organisation (ProviderPoolTests)
        .levelsEvaluate,  // a body the API tests build (APITests)
        .publicityObject,  // a reading ticket and a time limit (PublicAbuseTests)
        .admissionObject,  // the same form token and limits as plan objections (PoolAdmissionTests)
        .recordsUpload,  // per project (ContractsAndRecordsTests)
        .reportsSubmit,  // per project (ProjectReportsTests)
    ]

    @Test("every action is probed on its routes, or says why not")
    func everyActionProbed() {
        let probed = Set(Self.probes.map(\.action))
        #expect(probed.union(Self.probedElsewhere) == Set(FeatureAction.allCases))
        #expect(probed.isDisjoint(with: Self.probedElsewhere))
    }

    @Test("on the real routes: allowed people get through, the others 403, the unsigned 401 or the login page")
    func routesMatchTable() async throws {
        try await WebFixture.app(enterprises: 4) { services, client in
            for (username, _) in Self.people.sorted(by: { $0.key < $1.key }) {
                var browser = try await TestBrowser.signedIn(client, as: username)
                let token = try #require(TestBrowser.csrfToken(in: String(buffer: try await browser.get("/tasks").body)))
                let account = try #require(try await services.store.accounts.user(username: username))
                let apiToken = try await services.store.sessions.createApiToken(userId: account.id, label: "access-policy")
                for probe in Self.probes {
                    let status = try await Self.send(probe, browser: &browser, csrf: token, apiToken: apiToken, client: client)
                    let expected: HTTPResponse.Status = Self.expected(username, probe.action) ? probe.allowed : .forbidden
                    #expect(status == expected, "\(username) \(probe.method) \(probe.path) (\(probe.action.rawValue))")
                }
            }
            // Without signing in: the public pages open, the API answers 401, pages send to the login.
            var visitor = TestBrowser(client)
            for probe in Self.probes {
                let status = try await Self.send(probe, browser: &visitor, csrf: "", apiToken: nil, client: client)
                let expected: HTTPResponse.Status =
                    AccessPolicy.rule(for: probe.action).scope == .public ? probe.allowed : probe.api ? .unauthorized : .seeOther
                #expect(status == expected, "anonymous \(probe.method) \(probe.path)")
            }
        }
    }

    static func send(
        _ probe: Probe, browser: inout TestBrowser, csrf: String, apiToken: String?, client: any TestClientProtocol
    ) async throws -> HTTPResponse.Status {
        if probe.api {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let apiToken { headers[.authorization] = "Bearer \(apiToken)" }
            return try await client.execute(
                uri: probe.path, method: probe.method, headers: headers, body: probe.json.map { ByteBuffer(string: $0) }
            ).status
        }
        if probe.method == .get { return try await browser.get(probe.path).status }
        var form = probe.form
        form["csrf_token"] = csrf
        return try await browser.post(probe.path, form: form).status
    }

    /// No dead entries: each action is named by a route group, an API operation, a navigation link
    /// or a handler outside the policy's own folder.
    @Test("every FeatureAction is used outside Kit/Access")
    func noDeadActions() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/WebApp")
        var text = ""
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in files where url.pathExtension == "swift" && !url.path.contains("/Kit/Access/") {
            text += try String(contentsOf: url, encoding: .utf8)
        }
        for action in FeatureAction.allCases {
            #expect(text.contains(".\(action)"), "\(action.rawValue) is used by no route, operation or link")
        }
    }
}
