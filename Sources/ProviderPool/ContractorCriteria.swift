import PilotDomain

/// The merit criteria on which the bureau scores applications to be a sub-industry's main contractor
/// (policy 004 §四(五): 在遴选出的数字化服务商资源池中…择优选定). Data, not code: read from
/// `Workflows/pool/contractor-criteria.yaml` and checked at start. Each criterion is scored 0–100 with
/// at most two decimals (`EvaluationScore`); weights are whole percentages adding up to 100; the total is
/// the weighted mean, in hundredths like every score of the pool.
public struct ContractorCriteria: Sendable, Hashable {
    public struct Criterion: Sendable, Hashable {
        /// Lower-case letters, digits and `_`: the form field and the stored key.
        public var key: String
        public var name: LocalizedText
        /// Whole percent, 1–100.
        public var weight: Int
        /// When set, the criterion is not typed: the applicant's latest annual pool grade (第七条)
        /// gives its score, by this table.
        public var fromPoolGrade: [PoolGradeInput: EvaluationScore]?

        public init(key: String, name: LocalizedText, weight: Int, fromPoolGrade: [PoolGradeInput: EvaluationScore]? = nil) {
            self.key = key
            self.name = name
            self.weight = weight
            self.fromPoolGrade = fromPoolGrade
        }
    }

    /// The applicant's latest grade as a scoring input; `ungraded` for a member not yet evaluated.
    public enum PoolGradeInput: String, Sendable, Hashable, CaseIterable {
        case excellent, good, qualified, ungraded

        public init(_ grade: ProviderGrade?) {
            switch grade {
            case .excellent: self = .excellent
            case .good: self = .good
            case .qualified: self = .qualified
            // An unqualified grade removes the member (第八条(2)): it never applies.
            case .unqualified, nil: self = .ungraded
            }
        }
    }

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case noCriteria
        case tooMany(Int)
        case badKey(String)
        case duplicateKey(String)
        case badWeight(key: String, weight: Int)
        case weightsDoNotAddUp(Int)
        case missingGradeInput(key: String, input: String)

        public var description: String {
            switch self {
            case .noCriteria: "at least one criterion is needed"
            case .tooMany(let count): "\(count) criteria; at most \(ContractorCriteria.maximumCount)"
            case .badKey(let key): "key '\(key)' must be lower-case letters, digits and '_' (1–40)"
            case .duplicateKey(let key): "key '\(key)' appears twice"
            case .badWeight(let key, let weight): "weight \(weight) of '\(key)' must be a whole percentage from 1 to 100"
            case .weightsDoNotAddUp(let sum): "the weights add up to \(sum), not 100"
            case .missingGradeInput(let key, let input): "'\(key)' takes the pool grade but gives no score for '\(input)'"
            }
        }
    }

    public static let maximumCount = 20

    public let criteria: [Criterion]

    /// Checks every rule; the first problem found is thrown.
    public init(_ criteria: [Criterion]) throws(Problem) {
        guard !criteria.isEmpty else { throw .noCriteria }
        guard criteria.count <= Self.maximumCount else { throw .tooMany(criteria.count) }
        var keys: Set<String> = []
        for criterion in criteria {
            let key = criterion.key
            guard (1...40).contains(key.count),
                key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
            else { throw .badKey(key) }
            guard keys.insert(key).inserted else { throw .duplicateKey(key) }
            guard (1...100).contains(criterion.weight) else { throw .badWeight(key: key, weight: criterion.weight) }
            if let table = criterion.fromPoolGrade {
                for input in PoolGradeInput.allCases where table[input] == nil {
                    throw .missingGradeInput(key: key, input: input.rawValue)
                }
            }
        }
        let sum = criteria.reduce(0) { $0 + $1.weight }
        guard sum == 100 else { throw .weightsDoNotAddUp(sum) }
        self.criteria = criteria
    }

    /// The criteria the scorer types (those not taken from the pool grade).
    public var typed: [Criterion] { criteria.filter { $0.fromPoolGrade == nil } }

    /// Every criterion's score: the typed ones from `typed`, the others from the grade. Nil when a
    /// typed score is missing.
    public func scores(typed: [String: EvaluationScore], grade: ProviderGrade?) -> [String: EvaluationScore]? {
        var scores: [String: EvaluationScore] = [:]
        for criterion in criteria {
            if let table = criterion.fromPoolGrade {
                scores[criterion.key] = table[PoolGradeInput(grade)]
            } else {
                guard let score = typed[criterion.key] else { return nil }
                scores[criterion.key] = score
            }
        }
        return scores
    }

    /// The weighted total (0–100, hundredths, half up). Nil when a criterion has no score. Every
    /// input is bounded (scores 0–10,000 hundredths, weights adding up to 100), so the sum stays
    /// below 1,000,001 and the result within 0–10,000.
    public func total(_ scores: [String: EvaluationScore]) -> EvaluationScore? {
        var sum = 0
        for criterion in criteria {
            guard let score = scores[criterion.key] else { return nil }
            sum += score.hundredths * criterion.weight
        }
        return EvaluationScore(hundredths: (sum + 50) / 100)
    }
}

extension PoolMember {
    /// The grade of the latest evaluated year (nil: not yet evaluated).
    public var latestGrade: (year: Int, grade: ProviderGrade)? {
        grades.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
