import PilotDomain

/// What the funds book must know of one project's lifecycle, read from the project itself (its
/// state, the approved subsidy in its data, the transitions it has taken). The book is brought to
/// agree with it by `FundsBook.reconcile`, which is idempotent: the same lifecycle applied twice
/// changes nothing the second time, so a queued reconciliation may be retried freely.
public struct ProjectLifecycle: Sendable, Hashable {
    public enum Stage: Sendable, Hashable {
        /// Approved (or not yet), going on.
        case open
        /// Ended without further payment: withdrawn, plan rejected, acceptance failed. Unpaid
        /// tranches are cancelled; what was paid stays paid.
        case closedUnpaid
        /// The bureau ended it; `recover` is the amount it decided to claim back (追回).
        case terminated(recover: Fen)
    }

    public enum MidtermHold: Sendable, Hashable {
        case rectify
        case failed
    }

    public var projectId: String
    public var enterpriseOrganisationId: String
    public var localSourceId: String
    /// The subsidy of the approval in force; zero when the plan was never approved.
    public var approvedSubsidy: Fen
    public var stage: Stage
    /// Milestones the project has reached (tranches waiting for them become due).
    public var milestones: Set<Milestone>
    /// The mid-term outcome holding the project's tranches now, if any.
    public var midtermHold: MidtermHold?

    public init(
        projectId: String, enterpriseOrganisationId: String, localSourceId: String, approvedSubsidy: Fen, stage: Stage,
        milestones: Set<Milestone>, midtermHold: MidtermHold?
    ) {
        self.projectId = projectId
        self.enterpriseOrganisationId = enterpriseOrganisationId
        self.localSourceId = localSourceId
        self.approvedSubsidy = approvedSubsidy
        self.stage = stage
        self.milestones = milestones
        self.midtermHold = midtermHold
    }
}
