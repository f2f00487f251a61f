import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// `/dashboard/national`: the national roll-up over the programmes the person may see
/// (`dashboard.national`: the administrator and the platform operator see every programme, the
/// leadership its own; `NationalRollupService.programmeIds`).
struct NationalRollupHandlers {
    let services: AppServices
    static let path = "/dashboard/national"

    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let handlers = NationalRollupHandlers(services: services)
        router.requiring(.dashboardNational)
            .get(RouterPath(path)) { request, context in try await handlers.page(request, context) }
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let rollup = try await NationalRollupService(services: services).rollup(
            programmeIds: NationalRollupService.programmeIds(for: identity))
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: Self.path)
        return .html(NationalRollupView(layout: layout).render(rollup))
    }
}
