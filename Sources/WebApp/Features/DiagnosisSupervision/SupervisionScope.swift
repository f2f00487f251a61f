import PilotDomain
import PilotStore
import Programmes

/// The campaign a supervising person acts in and the nodes they reach (issue #14): a programme-wide
/// grant reaches the campaign's whole division; a grant at a division node reaches that node's
/// subtree (`DivisionCode.covers`, and the same code ranges in SQL). Anything out of reach answers
/// 404, so codes reveal nothing.
struct SupervisionScope: Sendable {
    var programme: Programme
    var settings: DiagnosisSettings
    var programmeDivision: DivisionCode
    /// The nodes the person's supervising grants sit at (the programme's own for programme-wide).
    var nodes: [DivisionCode]

    /// The campaign of the request with the person's nodes for the roles of `action`; 404 when the
    /// programme acted in is not a diagnosis campaign, 403 when no grant reaches any of it.
    static func load(_ identity: Identity, services: AppServices, action: FeatureAction) async throws -> SupervisionScope {
        guard let (programme, settings) = try await CampaignAccess.campaign(services, identity),
            let division = DivisionCode(programme.division)
        else { throw AppError.notFound(SupervisionText.campaign) }
        // The grants are those the account holds in the programme the request acts in.
        if let acting = identity.actor.programmeId, acting != programme.id { throw AppError.forbidden }
        let roles = AccessPolicy.rule(for: action).roles
        var nodes: [DivisionCode] = []
        for grant in identity.actor.grants where roles.contains(grant.role) {
            if AccessPolicy.isProgrammeWide(grant, in: identity) || grant.scope == .programme(programme.id) {
                nodes.append(division)
            } else if case .division(let code) = grant.scope, let node = DivisionCode(code), division.covers(node) {
                nodes.append(node)
            }
        }
        nodes = Array(Set(nodes)).sorted()
        guard !nodes.isEmpty else { throw AppError.forbidden }
        return SupervisionScope(programme: programme, settings: settings, programmeDivision: division, nodes: nodes)
    }

    /// The person's own node: the highest one they hold.
    var home: DivisionCode { nodes.min { $0.level < $1.level || ($0.level == $1.level && $0 < $1) }! }

    func reaches(_ code: DivisionCode) -> Bool { nodes.contains { $0.covers(code) } }

    /// The unit named by `text` (the person's own node when nil or empty), or 404 when it is not a
    /// division code the person reaches.
    func unit(_ text: String?) throws -> DivisionCode {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return home }
        guard let code = DivisionCode(text), reaches(code) else { throw AppError.notFound(SupervisionText.unit) }
        return code
    }

    /// The level the unit's sub-units sit at, by the campaign's supervision levels; for a unit at a
    /// level the campaign does not name (a Shanghai zone inside a district), the next named one below.
    func childLevel(of unit: DivisionCode) -> DivisionCode.Level? {
        if let below = settings.levelBelow(unit.level) { return below }
        return settings.unitLevels.first { $0 > unit.level }
    }
}
