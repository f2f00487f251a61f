import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Registers the JSON API generated from `Contracts/pilot-api.yaml`.
enum APIRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) throws {
        try PilotAPIHandler(services: services).registerHandlers(on: router)
    }
}
