import Foundation
import PilotDomain

/// The programme rules a file or an administrator may set, with their types and bounds: one
/// statement both the programme file validator and the rules page (`ProgrammeRuleFields`) read.
public enum RuleSchema {
    public enum Kind: Sendable {
        case integer(ClosedRange<Int64>)
        case choice([String])
        /// Yuan in files and forms, fen in the stored rule.
        case money
        /// YYYY-MM-DD.
        case date
        case flag
    }

    public static let kinds: [String: Kind] = [
        "programme_start": .date, "programme_end": .date,
        "publicity_days": .integer(1...30), "publicity_counting": .choice(["calendar", "working"]),
        "reviewers_required": .integer(1...15), "acceptance_min_level": .integer(2...4),
        "subsidy_cap_level_2": .money, "subsidy_cap_level_3": .money, "subsidy_cap_level_4": .money,
        "central_share_percent": .integer(1...99), "tranche_plan": .choice(["50/50", "30/40/30"]),
        "hold_until_matched": .flag, "matching_scope": .choice(["programme", "project"]),
        // Issue #15: plans filed only inside an open application window; the contracts, invoices,
        // vouchers and investment list checked before acceptance; record slots final before the
        // transitions that need them.
        "plan_filing_windows": .flag, "acceptance_records_check": .flag, "record_slots_required": .flag,
    ]

    /// The highest cap a file or form may state: ¥150m, the largest central award (domain.md §1).
    public static let maxMoneyYuan: Int64 = 150_000_000

    public static func range(_ key: String) -> ClosedRange<Int64> {
        if case .integer(let range) = kinds[key] { return range }
        preconditionFailure("rule \(key) is not an integer rule")
    }

    /// The stored value of `key` from a file's scalar text, or why it cannot be one. Money keys
    /// are written `<key>_yuan` in files; the caller strips the suffix.
    public static func value(_ key: String, text: String) -> Result<JSONValue, RuleError> {
        guard let kind = kinds[key] else { return .failure(RuleError("unknown rule '\(key)'")) }
        switch kind {
        case .integer(let range):
            guard let number = Int64(text), range.contains(number) else {
                return .failure(RuleError("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            }
            return .success(.int(number))
        case .choice(let values):
            guard values.contains(text) else {
                return .failure(RuleError("\(key) must be one of \(values.joined(separator: ", "))"))
            }
            return .success(.string(text))
        case .money:
            guard let yuan = Int64(text), (0...maxMoneyYuan).contains(yuan) else {
                return .failure(RuleError("\(key)_yuan must be whole yuan from 0 to \(maxMoneyYuan)"))
            }
            return .success(.int(yuan * 100))
        case .date:
            guard Shanghai.parseDate(text) != nil else { return .failure(RuleError("\(key) must be a date YYYY-MM-DD")) }
            return .success(.string(text))
        case .flag:
            guard let flag = Bool(text) else { return .failure(RuleError("\(key) must be true or false")) }
            return .success(.bool(flag))
        }
    }

    public struct RuleError: Error, Sendable, Hashable {
        public var message: String
        init(_ message: String) { self.message = message }
    }
}
