import PilotDomain
import Programmes

/// The zones of a programme: the nodes directly beneath its own (for Binhai its functional zones,
/// streets and towns), each division beneath counted at the zone on its path — as the dashboard's
/// participants by zone are.
struct ProgrammeZones: Sendable {
    var zones: [Division]
    let codes: Set<DivisionCode>

    init(programmeDivision: String?, tree: DivisionTree) {
        zones = programmeDivision.flatMap(DivisionCode.init).map { tree.children(of: $0) } ?? []
        codes = Set(zones.map(\.code))
    }

    /// The zone a division lies in (itself when it is one); nil when outside every zone.
    func zone(of code: String?) -> DivisionCode? {
        guard let own = code.flatMap(DivisionCode.init) else { return nil }
        return own.ancestorsOrSelf.first(where: codes.contains)
    }

    func name(_ code: DivisionCode, _ language: UILanguage) -> String {
        zones.first { $0.code == code }?.name.text(language) ?? code.value
    }
}
