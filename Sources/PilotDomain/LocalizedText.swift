/// The languages the UI speaks. Chinese first: officials and enterprises read Chinese;
/// English is offered for foreign-invested enterprises and reviewers.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case zh
    case en
}

/// A piece of user-facing text in both UI languages.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: UILanguage) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}
