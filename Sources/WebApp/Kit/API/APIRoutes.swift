import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Registers the JSON API generated from `Contracts/pilot-api.yaml`.
enum APIRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) throws {
        // Compact JSON (the runtime's default pretty-prints): the programme dashboard's answer is 140 KB
        // printed, and its encoding is on the path of every API read (issue #16, goal 4). Keys stay
        // sorted, so the same answer is the same bytes.
        try PilotAPIHandler(services: services).registerHandlers(
            on: router, configuration: Configuration(jsonEncodingOptions: [.sortedKeys]))
    }
}
