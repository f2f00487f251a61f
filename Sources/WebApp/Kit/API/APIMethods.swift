import Hummingbird
import PilotDomain

/// The methods each API path answers, as `Contracts/pilot-api.yaml` declares them (a test holds
/// this table to the contract). A request for a declared path with another method is
/// `405 Method Not Allowed` with an `Allow` header (RFC 9110 §15.5.6) instead of the router's 404,
/// so a client learns the path exists and what it accepts.
enum APIMethods {
    static let declared: [(template: [String], methods: [HTTPRequest.Method])] = [
        ("/api/v1/workflows", [.get]), ("/api/v1/workflows/{workflowId}", [.get]),
        ("/api/v1/instances/{instanceId}", [.get]), ("/api/v1/instances/{instanceId}/commands", [.post]),
        ("/api/v1/tasks", [.get]), ("/api/v1/projects", [.get]), ("/api/v1/enterprises", [.post]),
        ("/api/v1/level-index/evaluate", [.post]), ("/api/v1/publicity", [.get]),
        ("/api/v1/publicity/{instanceId}/objections", [.post]), ("/api/v1/programme/rules", [.get]),
        ("/api/v1/dashboard", [.get]), ("/api/v1/dashboard/national", [.get]), ("/api/v1/health", [.get]),
        ("/api/v1/notifications", [.get]), ("/api/v1/notifications/read", [.post]),
        ("/api/v1/notifications/{notificationId}/read", [.post]),
        // Funds (issue 17).
        ("/api/v1/funds/sources", [.get]), ("/api/v1/funds/projects", [.get]), ("/api/v1/funds/tranches", [.get]),
        ("/api/v1/funds/releases", [.get, .post]), ("/api/v1/funds/releases/{releaseNumber}", [.get]),
        ("/api/v1/funds/releases/{releaseNumber}/approve", [.post]),
        ("/api/v1/funds/releases/{releaseNumber}/reject", [.post]), ("/api/v1/funds/receipts", [.post]),
        // Providers, main contractors, selections (issue 17).
        ("/api/v1/products", [.get, .post]), ("/api/v1/products/{productId}", [.put]),
        ("/api/v1/contractors", [.get, .post]), ("/api/v1/selections", [.get, .post]),
        // Accounts and targets (issue 17).
        ("/api/v1/accounts", [.get, .post]), ("/api/v1/accounts/{userId}/active", [.post]),
        ("/api/v1/targets", [.get, .put]),
        // Import and project documents (issue 17).
        ("/api/v1/enterprises/import", [.post]), ("/api/v1/instances/{instanceId}/attachments", [.post]),
        ("/api/v1/attachments/{attachmentId}", [.get]),
        // Money after the award, delegations, inbox settings (issue 17).
        ("/api/v1/funds/amendments", [.get, .post]), ("/api/v1/funds/amendments/{number}/submit", [.post]),
        ("/api/v1/funds/amendments/{number}/withdraw", [.post]), ("/api/v1/funds/amendments/{number}/approve", [.post]),
        ("/api/v1/funds/amendments/{number}/reject", [.post]), ("/api/v1/funds/amendments/{number}/sign", [.post]),
        ("/api/v1/funds/corrections", [.get, .post]), ("/api/v1/funds/corrections/{number}/approve", [.post]),
        ("/api/v1/funds/corrections/{number}/reject", [.post]), ("/api/v1/funds/commitments", [.get, .post]),
        ("/api/v1/funds/demands", [.get, .post]), ("/api/v1/funds/demands/{number}/approve", [.post]),
        ("/api/v1/funds/demands/{number}/reject", [.post]), ("/api/v1/funds/demands/{number}/settlements", [.post]),
        ("/api/v1/funds/demands/{number}/settlements/approve", [.post]), ("/api/v1/funds/reports", [.get, .post]),
        ("/api/v1/funds/reports/{number}/submit", [.post]), ("/api/v1/funds/recoveries", [.post]),
        ("/api/v1/delegations", [.get, .post]), ("/api/v1/delegations/{delegationId}/revoke", [.post]),
        ("/api/v1/inbox/settings", [.get, .put]), ("/api/v1/programme/rules/versions", [.post]),
        ("/api/v1/sync/replay", [.post]),
        // Contractor rounds, provider pool, promotion centres, supply and demand (issue 17).
        ("/api/v1/contractors/rounds", [.get, .post]), ("/api/v1/contractors/rounds/{roundId}", [.get]),
        ("/api/v1/contractors/rounds/{roundId}/scores", [.post]),
        ("/api/v1/contractors/rounds/{roundId}/selection", [.post]),
        ("/api/v1/contractors/rounds/{roundId}/task-book", [.get]),
        ("/api/v1/contractors/rounds/{roundId}/signatures", [.post]), ("/api/v1/contractors/calls", [.get]),
        ("/api/v1/contractors/applications", [.post]),
        ("/api/v1/providers", [.get, .post]), ("/api/v1/providers/grades", [.get, .post]),
        ("/api/v1/providers/complaints", [.get, .post]), ("/api/v1/providers/complaints/filed", [.post]),
        ("/api/v1/providers/removals", [.get, .post]), ("/api/v1/pool/calls", [.get, .post]),
        ("/api/v1/pool/applications", [.get, .post]),
        ("/api/v1/centres", [.get]), ("/api/v1/centres/{centreId}", [.get]),
        ("/api/v1/centres/{centreId}/screening", [.post]), ("/api/v1/centres/{centreId}/decision", [.post]),
        ("/api/v1/centres/{centreId}/assessments", [.post]),
        ("/api/v1/supply-demand/needs", [.get, .post]), ("/api/v1/supply-demand/needs/{needId}", [.get]),
        ("/api/v1/supply-demand/needs/{needId}/answers", [.post]),
        ("/api/v1/supply-demand/needs/{needId}/accept", [.post]),
        ("/api/v1/supply-demand/needs/{needId}/close", [.post]),
        // Diagnosis campaigns, mobilisation, training, policies (issue 17).
        ("/api/v1/diagnoses", [.get, .post]), ("/api/v1/diagnoses/{diagnosisId}", [.get]),
        ("/api/v1/diagnoses/{diagnosisId}/answers", [.post]), ("/api/v1/diagnoses/{diagnosisId}/evidence", [.post]),
        ("/api/v1/diagnoses/{diagnosisId}/feedback", [.post]), ("/api/v1/diagnoses/{diagnosisId}/offline-request", [.post]),
        ("/api/v1/diagnoses/{diagnosisId}/on-site-report", [.post]), ("/api/v1/diagnosis-supervision/coverage", [.get]),
        ("/api/v1/diagnosis-supervision/roster", [.post]),
        ("/api/v1/diagnosis-supervision/reminders", [.post]),
        ("/api/v1/diagnosis-supervision/reminders/{reminderId}/read", [.post]),
        ("/api/v1/diagnosis-supervision/quotas", [.get, .put]), ("/api/v1/diagnosis-supervision/liaison", [.get, .post]),
        ("/api/v1/diagnosis-supervision/liaison/{contactId}", [.delete]),
        ("/api/v1/diagnosis-supervision/offline", [.get]),
        ("/api/v1/diagnosis-supervision/offline/{diagnosisId}/assign", [.post]),
        ("/api/v1/mobilisation", [.get]), ("/api/v1/mobilisation/firms/{uscc}", [.get]),
        ("/api/v1/mobilisation/firms/{uscc}/visits", [.post]), ("/api/v1/mobilisation/import", [.post]),
        ("/api/v1/training/sessions", [.get, .post]), ("/api/v1/training/sessions/{sessionId}", [.get]),
        ("/api/v1/training/sessions/{sessionId}/registrations", [.post]),
        ("/api/v1/training/sessions/{sessionId}/attendance", [.put]),
        ("/api/v1/training/sessions/{sessionId}/attendance/import", [.post]),
        ("/api/v1/policies", [.get, .post]), ("/api/v1/policies/{policyId}", [.get, .put]),
        ("/api/v1/policies/{policyId}/withdraw", [.post]), ("/api/v1/policies/{policyId}/documents", [.post]),
        // Cases, contracts and records, fund windows, programme dossier, project pages (issue 17).
        ("/api/v1/instances/{instanceId}/records", [.get]), ("/api/v1/instances/{instanceId}/slots/{slotId}", [.post]),
        ("/api/v1/instances/{instanceId}/slots/{slotId}/{documentId}/final", [.post]),
        ("/api/v1/instances/{instanceId}/investment", [.post]),
        ("/api/v1/instances/{instanceId}/investment/{itemId}", [.delete]),
        ("/api/v1/instances/{instanceId}/drafts", [.get]), ("/api/v1/instances/{instanceId}/drafts/{transitionId}", [.put]),
        ("/api/v1/instances/{instanceId}/rating", [.post]),
        ("/api/v1/instances/{instanceId}/diagnosis", [.post]),
        ("/api/v1/cases", [.get, .post]), ("/api/v1/cases/{caseId}", [.get]), ("/api/v1/cases/{caseId}/documents", [.post]),
        ("/api/v1/cases/{caseId}/review", [.post]), ("/api/v1/cases/{caseId}/decision", [.post]),
        ("/api/v1/cases/{caseId}/publication", [.post]), ("/api/v1/cases/{caseId}/withdrawal", [.post]),
        ("/api/v1/contracts", [.get, .post]), ("/api/v1/contracts/task-books", [.post]),
        ("/api/v1/contracts/{contractId}", [.get, .put]), ("/api/v1/contracts/{contractId}/payments", [.post]),
        ("/api/v1/funds/windows", [.get, .post]),
        ("/api/v1/programme/dossiers/{kind}", [.get]), ("/api/v1/programme/dossiers/{kind}/sections/{section}", [.put]),
        ("/api/v1/programme/dossiers/{kind}/documents", [.post]), ("/api/v1/accounts/{userId}/password", [.post]),
        // Bulk operations (issue 17).
        ("/api/v1/bulk/jobs", [.get, .post]), ("/api/v1/bulk/jobs/{jobId}", [.get]),
        ("/api/v1/bulk/jobs/{jobId}/dry-run", [.post]),
        ("/api/v1/bulk/jobs/{jobId}/run", [.post]), ("/api/v1/bulk/jobs/{jobId}/revert", [.post]),
    ].map { (Self.segments($0.0), $0.1) }

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    /// The methods declared for `path`, or nil when the contract has no such path.
    static func allowed(_ path: String) -> [HTTPRequest.Method]? {
        let parts = segments(path)
        return declared.first { template, _ in
            template.count == parts.count
                && zip(template, parts).allSatisfy { pattern, part in pattern.hasPrefix("{") || pattern == part }
        }?.methods
    }
}

/// Answers 405 for a declared API path asked with an undeclared method (HEAD counts as GET).
struct APIMethodMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/"), let methods = APIMethods.allowed(path) else {
            return try await next(request, context)
        }
        let method = request.method == .head ? .get : request.method
        guard !methods.contains(method) else { return try await next(request, context) }
        let allow = (methods + (methods.contains(.get) ? [.head] : [])).map(\.rawValue).joined(separator: ", ")
        let message = LocalizedText(
            zh: "此地址不支持 \(request.method.rawValue) 方法，可用：\(allow)",
            en: "\(request.method.rawValue) is not allowed here; use \(allow)")
        var response = ErrorMiddleware.json(
            AppError(.methodNotAllowed, code: "method_not_allowed", message: message),
            language: IdentityMiddleware.language(of: request))
        response.headers[.allow] = allow
        return response
    }
}
