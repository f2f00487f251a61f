import PilotDomain

/// Why a project's tranches may not be paid for now (or ever).
public enum ProjectHold: String, Sendable, Hashable, Codable {
    /// Payable when due. (Not `none`, which `Optional` comparisons would confuse.)
    case notHeld = "none"
    /// Mid-term evaluation asked for rectification: held until the mid-term is passed.
    case rectify
    /// Mid-term evaluation failed: held for good.
    case failed
    /// The bureau ended the project: unpaid tranches are cancelled, a recovery may be open.
    case terminated
    /// Ended without further payment (withdrawn, plan rejected, acceptance failed): unpaid
    /// tranches are cancelled, paid ones stay paid.
    case cancelled

    public var label: LocalizedText {
        switch self {
        case .notHeld: LocalizedText(zh: "正常", en: "Not held")
        case .rectify: LocalizedText(zh: "中期整改中", en: "Held: mid-term rectification")
        case .failed: LocalizedText(zh: "中期评估未通过", en: "Held: mid-term failed")
        case .terminated: LocalizedText(zh: "已终止", en: "Terminated")
        case .cancelled: LocalizedText(zh: "已撤销（退出、未获批准或验收不通过）", en: "Closed: withdrawn, rejected or failed acceptance")
        }
    }
}

public enum MidtermOutcome: String, Sendable, Hashable, Codable {
    case passed
    case rectify
    case failed
}

/// One project's subsidy as the funds module sees it: who is paid, how much, from which local
/// source, in which tranches. The split is fixed when the project is registered, so later rule
/// changes never re-split money already promised.
public struct ProjectFunding: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    /// The enterprise being paid. Officers of this organisation may neither prepare nor approve.
    public let enterpriseOrganisationId: String
    /// The award, or the amount of the last effective amendment.
    public internal(set) var approvedSubsidy: Fen
    /// Pays the local part of tranches paid from now on; an amendment may change it.
    public internal(set) var localSourceId: String
    public let centralSharePercent: Int
    public internal(set) var tranches: [Tranche]
    public internal(set) var hold: ProjectHold

    init(
        id: String, enterpriseOrganisationId: String, approvedSubsidy: Fen, localSourceId: String,
        rules: FundingRules
    ) {
        self.id = id
        self.enterpriseOrganisationId = enterpriseOrganisationId
        self.approvedSubsidy = approvedSubsidy
        self.localSourceId = localSourceId
        centralSharePercent = rules.centralSharePercent
        let steps = rules.tranchePlan.steps
        tranches = zip(steps, rules.tranchePlan.amounts(for: approvedSubsidy)).enumerated().map { index, pair in
            Tranche(
                id: TrancheID(project: id, number: index + 1), milestone: pair.0.milestone, amount: pair.1,
                centralSharePercent: rules.centralSharePercent)
        }
        hold = .notHeld
    }

    /// Every field as stored (`restored`).
    init(
        id: String, enterpriseOrganisationId: String, approvedSubsidy: Fen, localSourceId: String, centralSharePercent: Int,
        tranches: [Tranche], hold: ProjectHold
    ) {
        self.id = id
        self.enterpriseOrganisationId = enterpriseOrganisationId
        self.approvedSubsidy = approvedSubsidy
        self.localSourceId = localSourceId
        self.centralSharePercent = centralSharePercent
        self.tranches = tranches
        self.hold = hold
    }

    public func tranche(number: Int) -> Tranche? {
        // Compared before subtracting: `number - 1` traps for Int.min.
        number >= 1 && number <= tranches.count ? tranches[number - 1] : nil
    }

    /// Planned tranches waiting for `milestone` become due; returns them (none when repeated).
    mutating func reach(_ milestone: Milestone) -> [TrancheID] {
        var due: [TrancheID] = []
        for index in tranches.indices where tranches[index].milestone == milestone && tranches[index].status == .planned {
            tranches[index].status = .due
            due.append(tranches[index].id)
        }
        return due
    }

    /// Cancels every tranche not yet paid; returns them.
    mutating func cancelUnpaid() -> [TrancheID] {
        var cancelled: [TrancheID] = []
        for index in tranches.indices where !tranches[index].isPaid && tranches[index].status != .cancelled {
            tranches[index].status = .cancelled
            cancelled.append(tranches[index].id)
        }
        return cancelled
    }
}
