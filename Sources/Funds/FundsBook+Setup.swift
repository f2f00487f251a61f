import Foundation
import PilotDomain

extension FundsBook {
    /// Adds a local source (a zone joining the pilot, say). A second central source is refused.
    @discardableResult
    public mutating func addSource(_ source: FundingSource) throws(FundsRefusal) -> [FundsEvent] {
        guard sources[source.id] == nil else { throw .duplicateSource(source.id) }
        guard source.kind.isLocal else { throw .needsOneCentralSource(found: 2) }
        sources[source.id] = source
        return [.sourceAdded(source: source.id)]
    }

    /// Registers an approved project: its tranches come from the current tranche plan and central
    /// share, and stay as split here whatever the rules become.
    @discardableResult
    public mutating func registerProject(
        _ id: String, enterpriseOrganisationId: String, approvedSubsidy: Fen, localSourceId: String
    ) throws(FundsRefusal) -> [FundsEvent] {
        guard projects[id] == nil else { throw .duplicateProject(id) }
        guard try source(localSourceId).kind.isLocal else { throw .sourceNotLocal(localSourceId) }
        try Self.requireValid(approvedSubsidy)
        guard rules.tranchePlan.amounts(for: approvedSubsidy).allSatisfy({ $0 > .zero }) else {
            throw .subsidyTooSmallForPlan(approvedSubsidy)
        }
        let project = ProjectFunding(
            id: id, enterpriseOrganisationId: enterpriseOrganisationId, approvedSubsidy: approvedSubsidy,
            localSourceId: localSourceId, rules: rules)
        update(project)
        return [.projectRegistered(project: id, tranches: project.tranches.map(\.id))]
    }

    /// Money arrives in a source (a central instalment, a city or district transfer).
    @discardableResult
    public mutating func receive(source sourceId: String, amount: Fen, at: Date) throws(FundsRefusal) -> [FundsEvent] {
        _ = try source(sourceId)
        try Self.requireValid(amount)
        let posting = try post(
            .receipt, at: at,
            lines: [
                PostingLine(.debit, .cash(source: sourceId), amount),
                PostingLine(.credit, .contributions(source: sourceId), amount),
            ])
        return [.received(source: sourceId, amount: amount, posting: posting.number)]
    }
}
