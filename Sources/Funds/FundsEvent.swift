import PilotDomain

/// What an accepted operation changed, for the audit log, notifications and the national sync.
/// An operation that changed nothing (a milestone reached twice) returns no events.
public enum FundsEvent: Sendable, Hashable, Codable {
    case sourceAdded(source: String)
    case projectRegistered(project: String, tranches: [TrancheID])
    case received(source: String, amount: Fen, posting: Int)
    case tranchesDue([TrancheID])
    case projectHeld(project: String, hold: ProjectHold)
    case projectHoldLifted(project: String)
    case releasePrepared(release: Int)
    case releasePaid(release: Int, posting: Int, tranches: [TrancheID])
    case releaseHeld(release: Int, reason: ReleaseHoldReason)
    case releaseRejected(release: Int)
    case projectTerminated(project: String, cancelled: [TrancheID])
    /// A later approval changed the subsidy before anything was paid: tranches split again.
    case projectResplit(project: String, from: Fen, to: Fen)
    /// Withdrawn, rejected or failed at acceptance: unpaid tranches cancelled.
    case projectClosedUnpaid(project: String, cancelled: [TrancheID])
    case recoveryOpened(project: String, amount: Fen, posting: Int)
    case recoveryRepaid(project: String, amount: Fen, posting: Int, stillOwed: Fen)
    case amendmentChanged(amendment: Int, status: AmendmentStatus)
    case amendmentSigned(amendment: Int, party: SigningParty)
    case correctionPrepared(correction: Int, posting: Int)
    case correctionRejected(correction: Int)
    case postingReversed(correction: Int, original: Int, posting: Int)
    case commitmentRevised(source: String, version: Int)
    case recoveryDemandChanged(demand: Int, state: RecoveryDemandState)
    case settlementPrepared(demand: Int)
    case recoverySettled(demand: Int, amount: Fen, posting: Int)
    case reportsScheduled(project: String, count: Int)
    case reportSubmitted(report: Int)
}
