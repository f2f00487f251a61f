import Foundation
import PilotDomain

/// Building a book back from stored rows (`FundsRows` in the store). These take every field as
/// it was stored, checking nothing and recomputing nothing — a tranche keeps the split it was
/// registered with, a release its state — so `FundsBook.check()` sees the stored data as it is,
/// exactly like a book decoded from a document. The rules that change a book stay the
/// operations' alone.
extension FundsBook {
    public static func restored(
        rules: FundingRules, sources: [FundingSource], projects: [ProjectFunding], releases: [Release], postings: [Posting],
        amendments: [Amendment] = [], corrections: [Correction] = [], sourceRevisions: [SourceRevision] = [],
        recoveryDemands: [RecoveryDemand] = [], reports: [ReportDue] = []
    ) -> FundsBook {
        var book = FundsBook(
            rules: rules, sources: Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            projects: Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            releases: releases.sorted { $0.number < $1.number },
            ledger: Ledger(postings: postings.sorted { $0.number < $1.number }))
        book.amendments = amendments.sorted { $0.number < $1.number }
        book.corrections = corrections.sorted { $0.number < $1.number }
        book.sourceRevisions = sourceRevisions.sorted { $0.number < $1.number }
        book.recoveryDemands = recoveryDemands.sorted { $0.number < $1.number }
        book.reports = reports.sorted { $0.number < $1.number }
        return book
    }
}

extension ProjectFunding {
    public static func restored(
        id: String, enterpriseOrganisationId: String, approvedSubsidy: Fen, localSourceId: String, centralSharePercent: Int,
        tranches: [Tranche], hold: ProjectHold
    ) -> ProjectFunding {
        ProjectFunding(
            id: id, enterpriseOrganisationId: enterpriseOrganisationId, approvedSubsidy: approvedSubsidy,
            localSourceId: localSourceId, centralSharePercent: centralSharePercent,
            tranches: tranches.sorted { $0.number < $1.number }, hold: hold)
    }
}

extension Tranche {
    public static func restored(
        id: TrancheID, milestone: Milestone, amount: Fen, central: Fen, local: Fen, status: TrancheStatus
    ) -> Tranche {
        Tranche(id: id, milestone: milestone, amount: amount, central: central, local: local, status: status)
    }
}

extension Release {
    public static func restored(
        number: Int, tranches: [TrancheID], preparer: Officer, preparedAt: Date, impactWhenPrepared: MatchingImpact,
        state: ReleaseState
    ) -> Release {
        Release(
            number: number, tranches: tranches, preparer: preparer, preparedAt: preparedAt,
            impactWhenPrepared: impactWhenPrepared, state: state)
    }
}
