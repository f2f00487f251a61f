import Foundation

/// Every page path, in one place: routes are registered from these and links are built from
/// them, so a path is never a string scattered through the code.
public enum AppPath: Sendable {
    case home
    case login
    case logout
    case language
    /// The header's programme switch (POST).
    case programmeSwitch
    case tasks
    case instance(String)
    case command(instance: String, transition: String)
    case attachments(String)
    case attachment(String)
    case taskBook(String)
    case diagnosis(String)
    case projects
    case publicity
    case objection(String)
    case register
    case enterpriseImport
    case contractors
    /// Main-contractor selection (policy 004 §四(五)): the rounds open to applicants, applying,
    /// a round with its applications and scores, and its contracting task book.
    case contractorCalls
    case contractorApplications
    case contractorRounds
    case contractorRound(String)
    case contractorScores(String)
    case contractorSelection(String)
    case contractorTaskBook(String)
    case contractorSignatures(String)
    case programmeRules
    case workflows
    case workflow(String)
    case workflowSVG(String)
    case sync
    case syncReplay
    case stylesheet
    case printScript
    case healthz
    case readyz
    case metrics
    case accountPassword
    case users
    case poolCalls
    case poolApplications
    case poolSummary
    case poolSummarySheet
    case poolLetter(String)
    case poolPublicity
    case poolObjection(String)

    public var url: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .language: "/language"
        case .programmeSwitch: "/programme"
        case .tasks: "/tasks"
        case .instance(let id): "/instances/\(Self.encode(id))"
        case .command(let instance, let transition): "/instances/\(Self.encode(instance))/commands/\(Self.encode(transition))"
        case .attachments(let id): "/instances/\(Self.encode(id))/attachments"
        case .attachment(let id): "/attachments/\(Self.encode(id))"
        case .taskBook(let id): "/instances/\(Self.encode(id))/task-book"
        case .diagnosis(let id): "/instances/\(Self.encode(id))/diagnosis"
        case .projects: "/projects"
        case .publicity: "/publicity"
        case .objection(let id): "/publicity/\(Self.encode(id))/objections"
        case .register: "/register"
        case .enterpriseImport: "/enterprises/import"
        case .contractors: "/contractors"
        case .contractorCalls: "/contractors/calls"
        case .contractorApplications: "/contractors/applications"
        case .contractorRounds: "/contractors/rounds"
        case .contractorRound(let id): "/contractors/rounds/\(Self.encode(id))"
        case .contractorScores(let id): "/contractors/rounds/\(Self.encode(id))/scores"
        case .contractorSelection(let id): "/contractors/rounds/\(Self.encode(id))/selection"
        case .contractorTaskBook(let id): "/contractors/rounds/\(Self.encode(id))/task-book"
        case .contractorSignatures(let id): "/contractors/rounds/\(Self.encode(id))/signatures"
        case .programmeRules: "/programme/rules"
        case .workflows: "/workflows"
        case .workflow(let id): "/workflows/\(Self.encode(id))"
        case .workflowSVG(let id): "/workflows/\(Self.encode(id))/diagram.svg"
        case .sync: "/sync"
        case .syncReplay: "/sync/replay"
        case .stylesheet: "/assets/app.css"
        case .printScript: "/assets/print.js"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .accountPassword: "/account/password"
        case .users: "/admin/users"
        case .poolCalls: "/pool/calls"
        case .poolApplications: "/pool/applications"
        case .poolSummary: "/pool/summary"
        case .poolSummarySheet: "/pool/summary.xlsx"
        case .poolLetter(let id): "/pool/applications/\(Self.encode(id))/letter"
        case .poolPublicity: "/pool/publicity"
        case .poolObjection(let id): "/pool/publicity/\(Self.encode(id))/objections"
        }
    }

    static func encode(_ component: String) -> String {
        component.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? component
    }
}
