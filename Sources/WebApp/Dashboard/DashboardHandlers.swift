import Foundation
import Funds
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// The leadership dashboard: progress against the programme's targets, the lifecycle funnel,
/// breakdowns, funds and overdue projects, for the people who steer the programme. Read-only.
struct DashboardHandlers {
    let services: AppServices
    /// Leadership, the district bureau and the comprehensive management provider oversee the
    /// programme; the administrator supports them. Enterprises, contractors and providers see only
    /// their own work, so they are refused.
    static let readers: Set<Role> = [.leadership, .districtOfficial, .managementProvider, .admin]
    static let definitionId = "enterprise-project"

    /// The dashboard's routes, registered from the route table in one line.
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = DashboardHandlers(services: services)
        router.get("/dashboard") { request, context in try await handlers.page(request, context) }
        router.get("/dashboard/export/:file") { request, context in try await handlers.export(request, context) }
    }

    /// The reader's programme, or 403 for anyone without an oversight role over the whole programme.
    func programme(_ identity: Identity) throws -> String {
        let programmeId = identity.account.programmeId
        guard identity.holdsProgrammeRole(Self.readers)
        else { throw AppError.forbidden }
        return programmeId
    }

    /// Reads the snapshot the targets are computed from.
    func data(_ programmeId: String) async throws -> DashboardData {
        let store = services.store
        let projects = try await store.instances(programmeId: programmeId, limit: 100_000)
            .filter { $0.definitionId == Self.definitionId }
        var enterprises: [String: [String: JSONValue]] = [:]
        for organisation in try await store.organisations(programmeId: programmeId, kind: OrganisationKind.enterprise) {
            enterprises[organisation.id] = try await store.organisationProfile(organisation.id)
        }
        var selections: [SelectionKind: Int] = [:]
        for selection in try await store.selections(programmeId: programmeId) { selections[selection.kind, default: 0] += 1 }
        return DashboardData(
            projects: projects, enterprises: enterprises, selections: selections,
            providers: try await store.organisations(programmeId: programmeId, kind: OrganisationKind.provider).count,
            products: try await store.products(programmeId: programmeId).count)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = try programme(identity)
        let data = try await data(programmeId)
        let definition = services.catalog.latest(Self.definitionId)
        let participants = data.participants
        let subIndustries = try await services.store.subIndustries(programmeId: programmeId).map { (id: $0.id, name: $0.name) }
        let zones = try await services.store.areas(programmeId: programmeId).filter { $0.kind == "zone" }
            .map { (id: $0.id, name: $0.name) }
        let book = try await FundsService(services: services).book(programmeId)
        let model = DashboardView.Model(
            targets: Targets.evaluate(data), funnel: DashboardFigures.funnel(data.projects, definition: definition),
            bySubIndustry: DashboardFigures.breakdown(participants, key: \.subIndustryId, names: subIndustries),
            byZone: DashboardFigures.breakdown(participants, key: \.zoneId, names: zones),
            centralPaid: book.ledger.paid(share: .central), localPaid: book.ledger.paid(share: .local),
            planned: book.projects.values.reduce(Fen.zero) { $0 + $1.approvedSubsidy },
            risks: DashboardFigures.risks(data.projects, definition: definition, now: services.store.clock.now()))
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/dashboard")
        return .html(DashboardView(layout: layout).render(model))
    }

    /// `/dashboard/export/{targets|funnel}.{csv|xlsx}`: the tables as the office files them.
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = try programme(identity)
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".")
        guard parts.count == 2, let table = DashboardExport.Table(rawValue: String(parts[0])), ["xlsx", "csv"].contains(parts[1])
        else { throw AppError.notFound(DashboardText.exports) }
        let data = try await data(programmeId)
        let sheet = DashboardExport.sheet(
            table, data: data, definition: services.catalog.latest(Self.definitionId), language: context.language)
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
