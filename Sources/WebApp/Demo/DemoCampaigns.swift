import Diagnosis
import PilotDomain

/// The three diagnosis campaigns of the demo (issue #14): which file, how many firms, how far along,
/// and who works in each. Firms and answers are generated from a fixed seed, so every `--demo` server
/// shows the same picture.
struct DemoCampaign: Sendable {
    /// A demo person of a campaign: an official at a division node, a service team, a firm, a provider.
    struct Person: Sendable {
        var username: String
        var name: String
        var role: Role
        /// The node of a division grant; nil for a firm (its organisation) or a provider.
        var division: String?
    }

    var file: String
    /// Usernames start with it (`tj-`, `gx-`, `sh-`).
    var prefix: String
    /// The place name firm names start with.
    var place: String
    var firms: Int
    /// Share of the roster diagnosed so far, and filling in, per thousand.
    var diagnosedPerMille: Int
    var fillingPerMille: Int
    /// Where the firms are: division nodes and their weights (a district with more industry gets more).
    var units: [(code: String, weight: Int)]
    var people: [Person]

    static let all: [DemoCampaign] = [tianjin, guangxi, shanghai]

    static let tianjin = DemoCampaign(
        file: "tianjin-diagnosis-2026.yaml", prefix: "tj", place: "天津", firms: 420, diagnosedPerMille: 620,
        fillingPerMille: 90,
        units: [
            ("120116001", 6), ("120116002", 5), ("120116003", 5), ("120116400", 12), ("120116401", 8), ("120116402", 8),
            ("120110001", 4), ("120110002", 3), ("120110400", 6), ("120111", 6), ("120112", 5), ("120113", 4),
            ("120114", 6), ("120115", 4), ("120117", 3), ("120118", 3), ("120119", 5),
        ],
        people: [
            Person(username: "tj-city", name: "王晓梅（天津市工信局）", role: .districtOfficial, division: "120000"),
            Person(username: "tj-binhai", name: "赵刚（滨海新区工信局）", role: .districtOfficial, division: "120116"),
            Person(username: "tj-street", name: "孙丽（滨海新区街道）", role: .districtOfficial, division: "120116001"),
        ])

    static let guangxi = DemoCampaign(
        file: "guangxi-diagnosis-2024.yaml", prefix: "gx", place: "广西", firms: 320, diagnosedPerMille: 740,
        fillingPerMille: 80,
        units: [
            ("450102", 3), ("450103", 4), ("450105", 3), ("450107", 4), ("450108", 2), ("450109", 2), ("450110", 3),
            ("450126", 2), ("450181", 2), ("450202", 3), ("450203", 4), ("450204", 4), ("450205", 3), ("450206", 5),
            ("450222", 2), ("450300", 6), ("450400", 4), ("450500", 3), ("450700", 4), ("450800", 5), ("450900", 6),
        ],
        people: [
            Person(username: "gx-region", name: "韦海燕（自治区工信厅）", role: .districtOfficial, division: "450000"),
            Person(username: "gx-nanning", name: "黄志强（南宁市工信局）", role: .districtOfficial, division: "450100"),
            Person(username: "gx-county", name: "覃丽萍（兴宁区工信局）", role: .districtOfficial, division: "450102"),
            Person(username: "gx-team", name: "梁振（南宁实体经济服务员工作队）", role: .serviceTeam, division: "450100"),
        ])

    static let shanghai = DemoCampaign(
        file: "shanghai-diagnosis-2023.yaml", prefix: "sh", place: "上海", firms: 520, diagnosedPerMille: 560,
        fillingPerMille: 100,
        units: [
            ("310117101", 6), ("310117102", 6), ("310117103", 5), ("310117400", 8), ("310114101", 6), ("310114102", 7),
            ("310114400", 8), ("310115101", 4), ("310115102", 6), ("310115103", 5), ("310115104", 3), ("310115400", 5),
            ("310120", 13), ("310116", 10), ("310116400", 2), ("310118", 11), ("310112", 11), ("310113", 7), ("310151", 2),
            ("310107", 1), ("310104", 1), ("310110", 1), ("310106", 1), ("310105", 1), ("310109", 1), ("310101", 1),
        ],
        people: [
            Person(username: "sh-city", name: "陈静（上海市经信委）", role: .districtOfficial, division: "310000"),
            Person(username: "sh-pudong", name: "周磊（浦东新区科经委）", role: .districtOfficial, division: "310115"),
        ])

    static let businesses = ["精密机械", "新材料", "电子科技", "食品", "汽车零部件", "化工", "生物科技", "智能装备", "纺织", "电气"]

    /// A deterministic generator (SplitMix64): the demo looks the same on every machine.
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }

    /// A firm's answers to a questionnaire at a latent maturity (0–100): each item's option near
    /// that level, with some spread, 不适用 now and then where allowed.
    static func answers(
        _ questionnaire: Questionnaire, size: EnterpriseSize, maturity: Int, dice: inout Dice
    ) -> QuestionnaireAnswers {
        var answers: [String: QuestionnaireAnswers.Answer] = [:]
        for item in questionnaire.items where item.applies(to: size) {
            if item.allowsNotApplicable, dice.below(10) == 0 {
                answers[item.id] = .notApplicable
                continue
            }
            let last = item.options.count - 1
            let target = (maturity * last + 50) / 100 + dice.below(3) - 1
            answers[item.id] = .option(item.options[min(last, max(0, target))].value)
        }
        return QuestionnaireAnswers(questionnaire: questionnaire.key, size: size, answers: answers)
    }
}
