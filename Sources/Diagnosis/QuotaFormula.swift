/// Shanghai's formula for the districts' diagnosis quotas (policy 003 附件2 备注2): the firms left
/// after those the city handles itself, shared among the districts by their above-scale firms, and
/// phased by year — 各区总量 = (9500 − 1500) × 各区规上企业数量占全市比例, 三年 20% / 40% / 40%.
///
/// Rounding: each district's figure for each year is rounded on its own, half up, to a whole firm,
/// in exact integer arithmetic — (pool × firms × percent) / (all firms × 100), with ·5 going up. The
/// rounded figures therefore need not add up to the year's share of the pool exactly; `Split`
/// reports both, so the difference is shown, never hidden.
public enum QuotaFormula {
    /// One year's share of the pool, in whole percent.
    public struct Phase: Sendable, Hashable {
        public var year: Int
        public var percent: Int

        public init(year: Int, percent: Int) {
            self.year = year
            self.percent = percent
        }
    }

    /// The formula's answer: unit → year → firms, the year's exact share of the pool, and the
    /// sum of the rounded figures.
    public struct Split: Sendable, Hashable {
        public var quotas: [String: [Int: Int]]
        /// (total − handled) × percent / 100 per year, before rounding per unit (rounded half up).
        public var yearTargets: [Int: Int]
        /// The sum of the rounded unit figures per year.
        public var yearSums: [Int: Int]
        /// Every unit's roster firms, added up.
        public var rosterFirms: Int
    }

    /// The quotas of every unit of `roster` (unit → its above-scale firms on the roster). Units
    /// with no firms get zero; an empty roster gets zeros everywhere. Negative inputs count as zero.
    public static func split(totalFirms: Int, cityHandled: Int, phases: [Phase], roster: [String: Int]) -> Split {
        let pool = max(0, totalFirms - cityHandled)
        let all = roster.values.reduce(0) { $0 + max(0, $1) }
        var quotas: [String: [Int: Int]] = [:]
        var sums: [Int: Int] = [:]
        var targets: [Int: Int] = [:]
        for phase in phases {
            let percent = max(0, phase.percent)
            targets[phase.year] = roundedQuotient(pool * percent, 100)
            sums[phase.year] = 0
            for (unit, firms) in roster {
                let figure = all == 0 ? 0 : roundedQuotient(pool * max(0, firms) * percent, all * 100)
                quotas[unit, default: [:]][phase.year] = figure
                sums[phase.year, default: 0] += figure
            }
        }
        return Split(quotas: quotas, yearTargets: targets, yearSums: sums, rosterFirms: all)
    }

    /// numerator / denominator rounded half up (both non-negative, denominator positive).
    public static func roundedQuotient(_ numerator: Int, _ denominator: Int) -> Int {
        guard denominator > 0 else { return 0 }
        return (2 * numerator + denominator) / (2 * denominator)
    }
}
