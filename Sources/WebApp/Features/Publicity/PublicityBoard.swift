import PilotDomain

/// Which public notice board a publicity page serves: the approved plans (policy 004) or the
/// providers proposed for the pool (policy 002 第六条(三)). Both run on the same states, objection
/// transition, timer and anti-abuse checks; they differ in the workflow, the paths and the card.
enum PublicityBoard: Sendable {
    case plans, poolApplicants

    var definitionId: String {
        switch self {
        case .plans: "enterprise-project"
        case .poolApplicants: AdmissionChecks.definitionId
        }
    }

    var path: AppPath {
        switch self {
        case .plans: .publicity
        case .poolApplicants: .poolPublicity
        }
    }

    func objectionPath(_ id: String) -> AppPath {
        switch self {
        case .plans: .objection(id)
        case .poolApplicants: .poolObjection(id)
        }
    }

    var title: LocalizedText {
        switch self {
        case .plans: PublicText.title
        case .poolApplicants: AdmissionText.publicityTitle
        }
    }
}
