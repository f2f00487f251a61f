import Hummingbird

/// Hands out the objection API's reading tickets with `GET /api/v1/publicity` and passes the one a
/// `POST /api/v1/publicity/{id}/objections` presents to its handler (`ObjectionTicket`). Headers
/// only: the contract's operations and schemas stay as they are.
struct ObjectionTicketMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    static let listPath = "/api/v1/publicity"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        let path = request.uri.path
        if request.method == .get, path == Self.listPath {
            var response = try await next(request, context)
            if response.status == .ok {
                let client = ClientAddress.of(request, context, trusting: services.configuration.trustedProxies)
                response.headers[ObjectionTicket.header] = ObjectionTicket.issue(
                    client: client, now: services.store.clock.now(), key: try await ObjectionTicket.key(services))
            }
            return response
        }
        if request.method == .post, path.hasPrefix(Self.listPath + "/") {
            return try await ObjectionTicket.$presented.withValue(request.headers[ObjectionTicket.header]) {
                try await next(request, context)
            }
        }
        return try await next(request, context)
    }
}
