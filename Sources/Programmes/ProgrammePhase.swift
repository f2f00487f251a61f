import PilotDomain

/// A phase of a programme's plan (policy 004 §五 推进计划: phase 1 from January to December 2024,
/// phase 2 through 2025), as the programme file states it in `phases:`: its window, the steps
/// inside it, and the dossier that closes it (the mid-term evaluation, the final acceptance).
public struct ProgrammePhase: Sendable, Hashable, Codable {
    /// One dated step inside a phase (004 §五(一) 1–4).
    public struct Step: Sendable, Hashable, Codable {
        public var name: LocalizedText
        /// First and last day, `YYYY-MM-DD` in Asia/Shanghai.
        public var start: String
        public var end: String

        public init(name: LocalizedText, start: String, end: String) {
            self.name = name
            self.start = start
            self.end = end
        }
    }

    public var id: String
    public var name: LocalizedText
    public var start: String
    public var end: String
    /// `midterm` or `final`: the dossier due by the phase's last day.
    public var dossier: String?
    public var steps: [Step]

    public init(id: String, name: LocalizedText, start: String, end: String, dossier: String?, steps: [Step]) {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
        self.dossier = dossier
        self.steps = steps
    }

    /// The dossiers a phase may close.
    public static let dossiers: Set<String> = ["midterm", "final"]
}

/// Where a phase or step stands on a day: before its window, inside it, past it with its work done,
/// or past it with its dossier still incomplete.
public enum PhaseStatus: String, Sendable, Hashable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case overdue

    /// `today` and the window are `YYYY-MM-DD` (they compare as text). `complete`: whether the work
    /// that closes it is finished (its dossier has nothing missing); nil when nothing closes it, so
    /// passing the last day is enough.
    public static func of(start: String, end: String, today: String, complete: Bool?) -> PhaseStatus {
        if today < start { return .notStarted }
        if today <= end { return .inProgress }
        return complete == false ? .overdue : .done
    }

    public var label: LocalizedText {
        switch self {
        case .notStarted: LocalizedText(zh: "未开始", en: "Not started")
        case .inProgress: LocalizedText(zh: "进行中", en: "In progress")
        case .done: LocalizedText(zh: "已完成", en: "Done")
        case .overdue: LocalizedText(zh: "已逾期", en: "Overdue")
        }
    }
}
