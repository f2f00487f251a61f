import PilotDomain

/// A diagnosis questionnaire (诊断问卷) of one industry group, scored against one version of the
/// maturity model; or an optional module (Shanghai's 1+X+Y fused indicators) answered beside one.
/// Versioned: a new version is a new file, the old one stays so answers given to it are still scored by it.
public struct Questionnaire: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var title: LocalizedText
    /// The industry group (Tianjin's 原材料, 装备制造 …); nil for a module, which any group may add.
    public var industryGroup: IndustryGroup?
    /// A module's score is reported beside the grade and never changes it: the grade stays comparable
    /// with firms elsewhere that answered no module (the benchmarking of issue #14 needs that).
    public var isModule: Bool
    public var model: ModelKey
    public var items: [Item]

    public init(
        id: String, version: Int, title: LocalizedText, industryGroup: IndustryGroup?, isModule: Bool, model: ModelKey,
        items: [Item]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.industryGroup = industryGroup
        self.isModule = isModule
        self.model = model
        self.items = items
    }

    public var key: QuestionnaireKey { QuestionnaireKey(id: id, version: version) }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    public struct IndustryGroup: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
    }

    /// One question, scored within its dimension.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var dimension: String
        public var question: LocalizedText
        public var help: LocalizedText
        /// What to attach or show the offline diagnosis (e.g. the plan, the system's screenshots).
        public var evidence: LocalizedText?
        /// Its weight among the items of its dimension (a positive whole number).
        public var weight: Int
        /// The sizes it is asked of; nil means every size.
        public var appliesTo: Set<EnterpriseSize>?
        /// Whether a firm may answer 不适用 (e.g. no export business): the item then drops out of its
        /// dimension's mean instead of scoring 0.
        public var allowsNotApplicable: Bool
        public var options: [Option]

        public func applies(to size: EnterpriseSize) -> Bool { appliesTo?.contains(size) ?? true }
        public func option(_ value: String) -> Option? { options.first { $0.value == value } }
    }

    /// One answer a firm may choose, with its score (0–100).
    public struct Option: Sendable, Hashable {
        public var value: String
        public var label: LocalizedText
        public var score: Int
    }
}

/// A questionnaire's id and version: what answers are pinned to.
public struct QuestionnaireKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: String
    public var version: Int
    public init(id: String, version: Int) {
        self.id = id
        self.version = version
    }
    public var description: String { "\(id) v\(version)" }
}
