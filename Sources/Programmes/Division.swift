import PilotDomain

/// One node of the administrative-division tree: 天津市, 滨海新区, 泰达街道, 天津经济技术开发区 …
public struct Division: Sendable, Hashable {
    public var code: DivisionCode
    /// The nearest node above (nil for the nation).
    public var parent: DivisionCode?
    public var name: LocalizedText

    public init(code: DivisionCode, parent: DivisionCode?, name: LocalizedText) {
        self.code = code
        self.parent = parent
        self.name = name
    }

    public var level: DivisionCode.Level { code.level }
}
