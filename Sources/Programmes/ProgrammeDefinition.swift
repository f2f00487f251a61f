import Foundation
import Funds
import PilotDomain

/// What kind of programme a file describes (design.md §9): each kind runs its own features.
public enum ProgrammeKind: String, Sendable, CaseIterable, Codable {
    /// The city pilot of policy 004: subsidised enterprise projects, funds, targets.
    case cityPilot = "city_pilot"
    /// Diagnosis of every above-scale firm (policies 000, 001, 003).
    case diagnosisCampaign = "diagnosis_campaign"
    /// A city's managed pool of digital service providers (policy 002), shared by its programmes.
    case providerPool = "provider_pool"
}

/// A programme as its file states it (`Workflows/programmes/<code>.yaml`): kind, names, the
/// division it covers, its sub-industries, funding sources, targets, rules and workflows.
public struct ProgrammeDefinition: Sendable, Hashable, Codable {
    public struct SubIndustry: Sendable, Hashable, Codable {
        public var code: String
        public var name: LocalizedText
    }

    public struct Targets: Sendable, Hashable, Codable {
        /// The last day counted (YYYY-MM-DD, Asia/Shanghai).
        public var deadline: String
        public var goals: [String: Int]
    }

    public var code: String
    public var kind: ProgrammeKind
    public var name: LocalizedText
    public var division: DivisionCode
    public var workflows: [String]
    public var holidayCalendar: String?
    public var subIndustries: [SubIndustry]
    /// Each source, and for a zone fund the division whose enterprises it pays for.
    public var fundingSources: [FundingSource]
    public var sourceDivisions: [String: DivisionCode]
    public var targets: Targets?
    /// The rules as stored (money in fen), version 1 of the programme's rules.
    public var rules: [String: JSONValue]
    /// The bureau's criteria for the pool's annual evaluation (policy 002 第七条), weights adding up
    /// to 100; nil when the programme grades by one overall score.
    public var poolEvaluation: [EvaluationCriterion]? = nil
    /// A diagnosis campaign's groups, questionnaires, offline rule, goals and quotas (issue #14).
    public var diagnosis: DiagnosisSettings? = nil
    /// The plan's phases with their windows and steps, and the dossier closing each (policy 004 §五).
    public var phases: [ProgrammePhase]? = nil

    /// One criterion of the annual evaluation: scored 0–100 by the evaluators, or computed from the
    /// enterprises' ratings of the provider's work (`fromFeedback`).
    public struct EvaluationCriterion: Sendable, Hashable, Codable {
        public var id: String
        public var name: LocalizedText
        public var weight: Int
        public var fromFeedback: Bool

        public init(id: String, name: LocalizedText, weight: Int, fromFeedback: Bool) {
            self.id = id
            self.name = name
            self.weight = weight
            self.fromFeedback = fromFeedback
        }
    }

    public init(
        code: String, kind: ProgrammeKind, name: LocalizedText, division: DivisionCode, workflows: [String],
        holidayCalendar: String?, subIndustries: [SubIndustry], fundingSources: [FundingSource],
        sourceDivisions: [String: DivisionCode], targets: Targets?, rules: [String: JSONValue]
    ) {
        self.code = code
        self.kind = kind
        self.name = name
        self.division = division
        self.workflows = workflows
        self.holidayCalendar = holidayCalendar
        self.subIndustries = subIndustries
        self.fundingSources = fundingSources
        self.sourceDivisions = sourceDivisions
        self.targets = targets
        self.rules = rules
    }

    /// The funding source that pays the local share of an enterprise in `division`: the zone
    /// fund whose division covers it (the nearest, if several), else the district/street fund.
    public func localSource(for division: DivisionCode?) -> String? {
        if let division {
            let covering = sourceDivisions.filter { $0.value.covers(division) }
            if let nearest = covering.max(by: {
                $0.value.level < $1.value.level || ($0.value.level == $1.value.level && $0.key > $1.key)
            }) {
                return nearest.key
            }
        }
        return fundingSources.first { $0.kind == .districtStreet }?.id ?? fundingSources.first { $0.kind.isLocal }?.id
    }
}

extension ProgrammeDefinition {
    /// The definition as stored with the programme (JSON, keys sorted so equal files store equal text).
    public var storedText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads `storedText` back; nil when it is damaged.
    public init?(storedText: String) {
        guard let value = try? JSONDecoder().decode(ProgrammeDefinition.self, from: Data(storedText.utf8)) else { return nil }
        self = value
    }
}
