import PilotDomain
import PilotStore

/// Where each roster firm stands and the participation rate per zone (policy 004 §三: 规上中小企业参与
/// 试点改造的比例达到90%以上). A firm has registered when an enterprise with its credit code has a
/// project of the pilot that was not dropped; it takes part when that project's plan was approved —
/// the dashboard's participants (`DashboardData.participants`). Pure, for known-answer tests.
struct MobilisationStatus: Sendable {
    enum State: Sendable, Hashable {
        case notRegistered, registered, participating
    }

    struct Rate: Sendable, Hashable {
        /// The zone's code; "" for the whole programme.
        var zone: String
        var roster: Int
        var registered: Int
        var participating: Int
        /// Participating ÷ roster, in whole percent rounded down; nil without any roster firm.
        var percent: Int? { roster == 0 ? nil : participating * 100 / roster }

        func meets(_ goal: Int) -> Bool { (percent ?? 0) >= goal }
    }

    var states: [String: State]

    /// `organisations`: credit code → enterprise organisation id; `projects`: the pilot's project rows.
    init(firms: [MobilisationFirm], organisations: [String: String], projects: [ProjectFactRow]) {
        let participants = Set(DashboardData(projects: projects).participants.compactMap(\.enterpriseId))
        let live = Set(projects.filter { !DashboardData.droppedStates.contains($0.state) }.compactMap(\.enterpriseId))
        var states: [String: State] = [:]
        for firm in firms {
            guard let organisation = organisations[firm.uscc] else {
                states[firm.uscc] = .notRegistered
                continue
            }
            let state: State =
                participants.contains(organisation) ? .participating : live.contains(organisation) ? .registered : .notRegistered
            states[firm.uscc] = state
        }
        self.states = states
    }

    func state(_ uscc: String) -> State { states[uscc] ?? .notRegistered }

    /// The firms still to mobilise (not registered), in the order given.
    func toMobilise(_ firms: [MobilisationFirm]) -> [MobilisationFirm] { firms.filter { state($0.uscc) == .notRegistered } }

    /// One rate per zone present (by `zoneOf`, in code order), then the total ("" zone).
    func rates(_ firms: [MobilisationFirm], zoneOf: (String) -> String) -> [Rate] {
        var byZone: [String: Rate] = [:]
        var total = Rate(zone: "", roster: 0, registered: 0, participating: 0)
        for firm in firms {
            let zone = zoneOf(firm.divisionCode)
            var rate = byZone[zone] ?? Rate(zone: zone, roster: 0, registered: 0, participating: 0)
            let state = self.state(firm.uscc)
            rate.roster += 1
            total.roster += 1
            if state != .notRegistered {
                rate.registered += 1
                total.registered += 1
            }
            if state == .participating {
                rate.participating += 1
                total.participating += 1
            }
            byZone[zone] = rate
        }
        return byZone.keys.sorted().compactMap { byZone[$0] } + [total]
    }
}
