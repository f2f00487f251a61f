import PilotDomain
import PilotStore

/// The training figures (004 §六(二)): attendees (people who attended, counted once per session) and
/// enterprises reached (counted once per row however many of their people attended), by audience,
/// by zone and by sub-industry. Pure, so tests check it on hand-made attendance with known answers.
struct TrainingCounts: Sendable, Hashable {
    struct Row: Sendable, Hashable {
        /// The audience's key, the zone's code or the sub-industry's id; "" for not given.
        var key: String
        var attendees: Int
        var enterprises: Int
    }

    var attendees: Int
    var enterprises: Int
    /// All four audiences, in their order, even without attendees.
    var byAudience: [Row]
    /// By zone code, then "" (enterprises outside every zone) last.
    var byZone: [Row]
    var bySubIndustry: [Row]

    init(_ attendance: [TrainingAttendance], zoneOf: (String?) -> String?) {
        attendees = attendance.count
        enterprises = Set(attendance.map(\.enterpriseId)).count
        func rows(_ key: (TrainingAttendance) -> String) -> [Row] {
            var people: [String: Int] = [:]
            var firms: [String: Set<String>] = [:]
            for item in attendance {
                let value = key(item)
                people[value, default: 0] += 1
                firms[value, default: []].insert(item.enterpriseId)
            }
            return people.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map {
                Row(key: $0, attendees: people[$0] ?? 0, enterprises: firms[$0]?.count ?? 0)
            }
        }
        let audiences = rows { $0.audience.rawValue }
        byAudience = TrainingAudience.allCases.map { audience in
            audiences.first { $0.key == audience.rawValue } ?? Row(key: audience.rawValue, attendees: 0, enterprises: 0)
        }
        byZone = rows { zoneOf($0.divisionCode) ?? "" }
        bySubIndustry = rows { $0.subIndustryId ?? "" }
    }
}
