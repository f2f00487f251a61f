import PilotDomain

/// The project events a tranche can wait for. Declared in the order they happen, which is the
/// order a tranche plan must list them in.
public enum Milestone: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case taskBookSigned = "task_book_signed"
    case midtermPassed = "midterm_passed"
    case accepted

    public static func < (lhs: Milestone, rhs: Milestone) -> Bool { lhs.order < rhs.order }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public var label: LocalizedText {
        switch self {
        case .taskBookSigned: LocalizedText(zh: "任务书签订", en: "Task book signed")
        case .midtermPassed: LocalizedText(zh: "中期评估通过", en: "Mid-term evaluation passed")
        case .accepted: LocalizedText(zh: "验收通过", en: "Accepted")
        }
    }
}
