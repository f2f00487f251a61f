import PilotDomain

/// One field of a transition's input form. The web UI draws the form from these; the engine
/// validates and normalises what comes in against them.
public struct InputField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One line of text.
        case text
        /// Several lines of text.
        case longtext
        case integer
        /// Typed in yuan, stored as integer fen.
        case money
        /// "YYYY-MM-DD", Asia/Shanghai.
        case date
        case boolean
        /// One of `options`.
        case choice
        /// A digital level, 1–4.
        case level
        /// A score, 0–100 unless min/max say otherwise.
        case score
    }

    public struct Option: Sendable, Hashable {
        public var value: String
        public var label: LocalizedText
        public init(value: String, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }

    public var name: String
    public var kind: Kind
    public var label: LocalizedText
    public var required: Bool
    public var min: Int64?
    public var max: Int64?
    public var maxLength: Int?
    public var options: [Option]
    public var line: Int

    public init(
        name: String, kind: Kind, label: LocalizedText, required: Bool = false, min: Int64? = nil,
        max: Int64? = nil, maxLength: Int? = nil, options: [Option] = [], line: Int = 0
    ) {
        self.name = name
        self.kind = kind
        self.label = label
        self.required = required
        self.min = min
        self.max = max
        self.maxLength = maxLength
        self.options = options
        self.line = line
    }
}
