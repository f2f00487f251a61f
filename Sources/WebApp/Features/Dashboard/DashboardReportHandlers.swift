import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// The monthly report (`/dashboard/report?month=YYYY-MM`), printed for the leadership meeting.
/// Read by the dashboard's readers (`dashboard.read` in `AccessPolicy`).
struct DashboardReportHandlers {
    let services: AppServices
    static let path = "/dashboard/report"

    /// `GET /dashboard/report[?month=YYYY-MM]`: the month given, by default the current one
    /// (Asia/Shanghai); a malformed or future month is a 422 page saying so.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = identity.programmeId
        let store = services.store
        let thisMonth = DashboardReport.Month(containing: store.clock.now())
        let asked = (request.uri.queryParameters["month"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let month: DashboardReport.Month
        if asked.isEmpty {
            month = thisMonth
        } else if let parsed = DashboardReport.Month(asked) {
            guard parsed <= thisMonth else {
                throw AppError(
                    .unprocessableContent, code: "future_month",
                    message: ReportText.futureMonth(parsed.text, current: thisMonth.text))
            }
            month = parsed
        } else {
            throw AppError(.unprocessableContent, code: "bad_month", message: ReportText.badMonth(asked))
        }
        async let modelRead = DashboardService(services: services).model(programmeId)
        async let programmesRead = store.programmes.programmes()
        let name = try await programmesRead.first { $0.id == programmeId }?.name ?? LocalizedText(zh: "", en: "")
        let model = try await modelRead
        let report = DashboardReport(model: model, month: month, programmeName: name, snapshots: model.snapshots)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken,
            path: Self.path + "?month=" + month.text)
        return .html(DashboardReportView(layout: layout).render(report))
    }
}
