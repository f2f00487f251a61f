import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore

/// The leadership dashboard: progress against the programme's targets, trends, the lifecycle
/// funnel, breakdowns, levels, funds and risks, for the people who steer the programme. Read-only.
struct DashboardHandlers {
    let services: AppServices

    /// The dashboard's routes, registered from the route table in one line. Who reads it
    /// (`dashboard.read`: those who steer the programme) and who sets targets (`targets.edit`)
    /// is `AccessPolicy`'s; the route groups enforce it.
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = DashboardHandlers(services: services)
        let targets = TargetsEditHandlers(services: services)
        let report = DashboardReportHandlers(services: services)
        router.requiring(.dashboardRead)
            .get("/dashboard") { request, context in try await handlers.page(request, context) }
            .get("/dashboard/export/:file") { request, context in try await handlers.export(request, context) }
            .get(RouterPath(TargetsEditHandlers.path)) { request, context in try await targets.page(request, context) }
            .get(RouterPath(DashboardReportHandlers.path)) { request, context in try await report.page(request, context) }
        router.requiring(.targetsEdit)
            .post(RouterPath(TargetsEditHandlers.path)) { request, context in try await targets.save(request, context) }
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        // The training figures beside the model, not after it: they share none of its reads, and
        // read after it they added their own round trips to every view (issue #16, goal 4).
        async let trainingRead = TrainingService(services: services).figures(identity.programmeId)
        let model = try await DashboardService(services: services).model(
            identity.programmeId, named: DashboardView.riskRowsShown)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/dashboard")
        return .html(DashboardView(layout: layout, training: try await trainingRead).render(model))
    }

    /// `/dashboard/export/{table}.{csv|xlsx}`: each table of the page as the office files them.
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let programmeId = try context.requireIdentity().programmeId
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".")
        guard parts.count == 2, let table = DashboardExport.Table(rawValue: String(parts[0])), ["xlsx", "csv"].contains(parts[1])
        else { throw AppError.notFound(DashboardText.exports) }
        let model = try await DashboardService(services: services).model(programmeId, named: .max)
        let sheet = DashboardExport.sheet(table, model: model, language: context.language)
        let (bytes, type): (Data, String) =
            parts[1] == "xlsx"
            ? (
                try XLSXWriter.data(Workbook(sheets: [sheet])),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            : (CSVWriter.data(rows: sheet.textRows, neutralizingFormulas: true), "text/csv; charset=utf-8")
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
