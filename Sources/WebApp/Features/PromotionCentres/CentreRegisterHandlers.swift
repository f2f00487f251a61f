import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import ProviderPool

/// `GET /centres/register`: the public register of centres on the city's list (第十三条（四）), no
/// sign-in; by programme, division (its subtree) and committed function or content. Every filter is
/// checked: a bad one is a 400 naming it.
struct CentreRegisterHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? {
            parameters[name[...]].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let programmes = try await services.store.programmes.programmes()
        var query = CentreQuery(programmeId: nil)
        query.statuses = [.confirmed]
        if let code = value("programme") {
            guard let programme = programmes.first(where: { $0.code == code }) else {
                throw CentreHandlers.bad("programme", code)
            }
            query.programmeId = programme.id
        }
        // The programmes' own nodes and everything beneath them: where a centre can be registered.
        var choices: [Division] = []
        for programme in programmes {
            guard let code = DivisionCode(programme.division) else { continue }
            choices += (services.divisions[code].map { [$0] } ?? []) + services.divisions.descendants(of: code)
        }
        choices = Array(Set(choices)).sorted { $0.code < $1.code }
        if let text = value("division") {
            guard let code = DivisionCode(text), choices.contains(where: { $0.code == code }) else {
                throw CentreHandlers.bad("division", text)
            }
            query.division = code
        }
        var commitment: CentreCommitment?
        if let text = value("commitment") {
            guard let chosen = CentreCommitment(rawValue: text) else { throw CentreHandlers.bad("commitment", text) }
            commitment = chosen
        }
        let records = try await services.store.centres.centres(query).filter { record in
            commitment.map { record.centre.application.commitments.contains($0) } ?? true
        }
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken,
            path: "/centres/register")
        return .html(
            CentreRegisterView(layout: layout, divisions: services.divisions).render(
                records, programmes: programmes, divisions: choices,
                typed: parameters.reduce(into: [:]) { $0[String($1.key)] = String($1.value) }))
    }
}
