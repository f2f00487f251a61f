import Foundation
import PilotDomain

/// What a programme view sends, made from a model already computed: the page's HTML and the API's
/// JSON. Public for `smepilot bench dashboard --breakdown-of`, which times them beside the model's
/// reads, so a view's time over HTTP can be split into the model and its output (issue #16, goal 4).
public enum DashboardOutput {
    /// The page's HTML bytes (no account in the header: the body is what varies with the data).
    public static func pageBytes(_ model: DashboardModel, language: UILanguage = .zh) -> Int {
        let layout = Layout(language: language, identity: nil, csrfToken: nil, path: "/dashboard")
        return DashboardView(layout: layout).render(model).text.utf8.count
    }

    /// The API's JSON bytes from Foundation's encoder, compact and with keys sorted as the API's
    /// routes configure it (`APIRoutes`); the OpenAPI runtime's own date writing aside, the same work.
    public static func apiBytes(_ model: DashboardModel) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(APIMapping.dashboard(model)).count
    }
}
