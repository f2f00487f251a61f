import Foundation
import PilotDomain

/// What an enterprise asks for in the supply–demand hall (004 §四(三)).
public struct NeedContent: Sendable, Hashable, Codable {
    public var title: String
    public var description: String
    /// Scenario keys of the level index (domain.md §3), at least one.
    public var scenarios: [String]
    /// A provider category (GB/T 47018, `ProviderCategory`), or nil for any.
    public var category: String?
    /// Budget range in fen.
    public var budgetMin: Int64
    public var budgetMax: Int64
    /// Answers wanted by this day (YYYY-MM-DD).
    public var deadline: String
    /// The enterprise chose to show its name in the public hall.
    public var showName: Bool

    public init(
        title: String, description: String, scenarios: [String], category: String?, budgetMin: Int64, budgetMax: Int64,
        deadline: String, showName: Bool
    ) {
        self.title = title
        self.description = description
        self.scenarios = scenarios
        self.category = category
        self.budgetMin = budgetMin
        self.budgetMax = budgetMax
        self.deadline = deadline
        self.showName = showName
    }
}

/// A need as stored, with what the lists show beside it.
public struct NeedRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable { case open, accepted, closed }

    public var id: String
    public var programmeId: String
    public var organisationId: String
    public var organisationName: String
    public var subIndustryId: String?
    public var divisionCode: String?
    public var status: Status
    public var content: NeedContent
    public var acceptedAnswerId: String?
    /// The project whose plan draft received the accepted answer's line.
    public var planInstanceId: String?
    public var version: Int
    public var createdAt: Date
}

/// A provider's answer to a need.
public struct HallAnswer: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case submitted, accepted, declined }

    public var id: String
    public var needId: String
    public var organisationId: String
    public var providerName: String
    public var providerUSCC: String?
    public var status: Status
    public var proposal: String
    public var price: Fen
    public var productId: String?
    public var productName: String?
    public var timeline: String
    public var createdAt: Date
}

/// A resource-push notice: a product published after the need that matches it.
public struct HallNotice: Sendable, Hashable {
    public var id: Int
    public var needId: String
    public var needTitle: String
    public var productId: String
    public var productName: String
    public var providerName: String
    public var price: Fen
    public var createdAt: Date
    public var readAt: Date?
}

/// One step of a need's history.
public struct HallEvent: Sendable, Hashable {
    public var action: String
    public var detail: String
    public var byName: String
    public var at: Date
}

/// Whether a product answers a need (the hall's matching, also the resource push's): it serves one
/// of the need's scenarios, its provider claims the need's category (when one is named), and its
/// price fits the budget's upper bound. Products carry no level of their own: the level shows in
/// the scenarios a need names (its diagnosis's weakest).
public enum NeedMatch {
    public static func matches(_ need: NeedContent, scenarios: [String], price: Fen, providerCategories: [String]) -> Bool {
        guard !Set(need.scenarios).isDisjoint(with: scenarios) else { return false }
        if let category = need.category, !providerCategories.contains(category) { return false }
        return price.value <= need.budgetMax
    }

    /// The scenarios a product and a need share, in the need's order.
    public static func shared(_ need: NeedContent, scenarios: [String]) -> [String] {
        need.scenarios.filter { scenarios.contains($0) }
    }
}

/// Why accepting an answer was refused; nothing was written.
public enum AcceptRefusal: Error, Sendable, Hashable {
    case stale
    case notOpen
    case unknownAnswer
    /// The enterprise has no project in the programme.
    case noProject
    /// Its project is not where the plan is drafted (the state it is in).
    case notDrafting(state: String)
    /// No main contractor's account to draft the plan for the project's sub-industry.
    case noContractor
}

/// What an accepted answer became.
public struct AcceptOutcome: Sendable, Hashable {
    public var instanceId: String
    /// The accounts whose plan draft received the line (the sub-industry's main contractor).
    public var draftUserIds: [String]
    public var budgetLine: String
}
