import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool

/// `GET /providers/grades?year=`: the published results of the annual evaluation (policy 002 第七条;
/// the issue: "results published") — every programme's graded members of the year with score and
/// grade, best first. No sign-in. Without `year`, the latest year graded.
struct PoolResultsHandlers {
    let services: AppServices

    struct Row {
        var programmeId: String
        var programme: String
        var organisationId: String
        var provider: String
        var score: EvaluationScore?
        var grade: ProviderGrade
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var year: Int?
        if let text = request.uri.queryParameters["year"].map(String.init), !text.isEmpty {
            guard text.count == 4, let value = Int(text) else {
                throw AppError(.badRequest, code: "invalid_filter", message: PoolText.badYearFilter)
            }
            year = value
        }
        let results = try await self.results(year: year, language: context.language)
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken,
            path: "/providers/grades")
        return .html(PoolResultsView(layout: layout).render(results.rows, year: results.year, years: results.years))
    }

    /// The graded members of `year` (nil: the latest year graded), best first, and the years graded:
    /// the page's and the API's results. A year outside 2020–2100 is `400 invalid_filter`.
    func results(year: Int?, language: UILanguage) async throws -> (rows: [Row], year: Int?, years: [Int]) {
        if let year, !(2020...2100).contains(year) {
            throw AppError(.badRequest, code: "invalid_filter", message: PoolText.badYearFilter)
        }
        var graded: [(programmeId: String, programme: String, organisation: String, member: PoolMember)] = []
        var names: [String: String] = [:]
        for programme in try await services.store.programmes.programmes() {
            let members = try await services.store.providers.poolMembers(programmeId: programme.id)
            for kind in ["provider", "contractor"] {
                for organisation in try await services.store.parties.organisations(programmeId: programme.id, kind: kind) {
                    names[organisation.id] = organisation.name
                }
            }
            for (id, member) in members where !member.grades.isEmpty {
                graded.append((programme.id, programme.name.text(language), id, member))
            }
        }
        let years = Set(graded.flatMap { $0.member.grades.keys }).sorted(by: >)
        let shown = year ?? years.first
        let rows = graded.compactMap { entry -> Row? in
            guard let shown, let grade = entry.member.grades[shown] else { return nil }
            return Row(
                programmeId: entry.programmeId, programme: entry.programme, organisationId: entry.organisation,
                provider: names[entry.organisation] ?? entry.organisation, score: entry.member.scores?[shown], grade: grade)
        }.sorted { ($0.score?.hundredths ?? -1, $1.provider) > ($1.score?.hundredths ?? -1, $0.provider) }
        return (rows, shown, years)
    }
}

/// The results table, with links to the other years.
struct PoolResultsView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(_ rows: [PoolResultsHandlers.Row], year: Int?, years: [Int]) -> HTML {
        let links = years.map { "<a href=\"/providers/grades?year=\($0)\">\($0)</a>" as HTML }.joined(separator: " · ")
        let lines = rows.map { row -> HTML in
            """
            <tr><td>\(row.provider)</td><td>\(row.programme)</td><td>\(row.score?.description ?? "—")</td>\
            <td>\(t(row.grade.label))</td></tr>
            """
        }.joined()
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"card muted\">\(t(PoolText.noResults))</p>"
            : """
            <table id="grades"><thead><tr><th>\(t(PoolText.provider))</th><th>\(t(PoolText.programme))</th>\
            <th>\(t(PoolText.points))</th><th>\(t(PoolText.grade))</th></tr></thead><tbody>\(lines)</tbody></table>
            """
        let body: HTML = """
            <h1>\(t(PoolText.resultsTitle))\(year.map { "（\($0)）" } ?? "")</h1><p class="muted">\(t(PoolText.resultsIntro))</p>
            <p>\(links)</p>\(table)
            """
        return layout.page(title: t(PoolText.resultsTitle), body)
    }
}
