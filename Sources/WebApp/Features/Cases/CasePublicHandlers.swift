import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes

/// `GET /cases/public` and `/cases/public/{id}`: the published cases of every programme, by kind,
/// without an account. Only published cases, and of each only what is meant for the public — no
/// investment, proposer, opinions, linked projects or documents. Anything else answers 404.
struct CasePublicHandlers {
    let services: AppServices

    func layout(_ context: AppRequestContext, _ path: String) -> Layout {
        Layout(language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken, path: path)
    }

    /// The programme shown: the one acted in when signed in, else the one named, else the first.
    func programme(_ request: Request, _ context: AppRequestContext) async throws -> [Programme] {
        let programmes = try await services.store.programmes.programmes()
        if let identity = context.identity { return programmes.filter { $0.id == identity.programmeId } }
        return programmes
    }

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        var kinds: [CaseKind] = []
        if let text = parameters["kind"].map(String.init), !text.isEmpty {
            guard let kind = CaseKind(rawValue: text) else { throw CaseHandlers.bad("kind", text) }
            kinds = [kind]
        }
        var rows: [CaseRecord] = []
        for programme in try await programme(request, context) {
            var query = CaseQuery(programmeId: programme.id)
            query.statuses = [.published]
            query.kinds = kinds
            query.limit = 200
            rows += try await services.store.cases.cases(query).rows
        }
        return .html(
            CasePublicView(layout: layout(context, "/cases/public"), divisions: services.divisions).list(
                rows, kind: kinds.first))
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        for programme in try await programme(request, context) {
            if let record = try await services.store.cases.record(id: id, programmeId: programme.id),
                record.status == .published
            {
                return .html(
                    CasePublicView(layout: layout(context, "/cases/public/\(id)"), divisions: services.divisions).page(record))
            }
        }
        throw AppError.notFound(CaseText.theCase)
    }
}

struct CasePublicView {
    var layout: Layout
    var divisions: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func list(_ rows: [CaseRecord], kind: CaseKind?) -> HTML {
        let tabs = ([nil] + CaseKind.allCases.map { Optional($0) }).map { choice -> HTML in
            let label = choice.map { t(CaseText.label($0)) } ?? t(CaseText.all)
            let href = choice.map { "/cases/public?kind=\($0.rawValue)" } ?? "/cases/public"
            return choice == kind ? "<strong>\(label)</strong>" : "<a href=\"\(href)\">\(label)</a>"
        }.joined(separator: " · ")
        let sections = CaseKind.allCases.compactMap { section -> HTML? in
            let cases = rows.filter { $0.kind == section }
            guard !cases.isEmpty else { return nil }
            let items = cases.map { record -> HTML in
                let zone = DivisionCode(record.divisionCode).map { divisions.label($0, layout.language) } ?? ""
                return """
                    <li data-case="\(record.id)"><a href="/cases/public/\(record.id)">\(record.title)</a> \
                    <span class="muted">\(record.subjectName) · \(zone)</span></li>
                    """
            }.joined()
            return
                "<section class=\"card\" data-kind=\"\(section.rawValue)\"><h2>\(t(CaseText.label(section)))（\(cases.count)）</h2><ul>\(items)</ul></section>"
        }
        return layout.page(
            title: t(CaseText.publicTitle),
            """
            <h1>\(t(CaseText.publicTitle))</h1><p>\(t(CaseText.publicIntro))</p><p id="case-kinds">\(tabs)</p>
            <div id="public-cases">\(sections.isEmpty ? "<p class=\"muted\">\(t(CaseText.none))</p>" as HTML : sections.joined())</div>
            """)
    }

    func page(_ record: CaseRecord) -> HTML {
        layout.page(
            title: record.title,
            """
            <p><a href="/cases/public">\(t(CaseText.publicTitle))</a></p><h1>\(record.title)</h1>
            <p>\(t(CaseText.label(record.kind)))</p>
            \(CaseContentView(layout: layout, divisions: divisions).render(record, showPrivate: false))
            """)
    }
}
