import PilotDomain

/// The administrative-division tree (`Workflows/divisions/cn.csv`), held in memory: a few thousand
/// nodes at national scale. Look-ups are by code; "what lies beneath" is answered from the codes'
/// prefixes (`DivisionCode.covers`), so nothing here walks the tree per row.
public struct DivisionTree: Sendable {
    public private(set) var nodes: [DivisionCode: Division] = [:]
    private var childrenOf: [DivisionCode: [DivisionCode]] = [:]

    public init(_ divisions: [Division] = []) {
        for division in divisions {
            nodes[division.code] = division
            if let parent = division.parent { childrenOf[parent, default: []].append(division.code) }
        }
        for key in childrenOf.keys { childrenOf[key]?.sort() }
    }

    public subscript(code: DivisionCode) -> Division? { nodes[code] }

    public func children(of code: DivisionCode) -> [Division] { (childrenOf[code] ?? []).compactMap { nodes[$0] } }

    /// Every node beneath `code` (not itself), in code order: the choices a programme offers.
    public func descendants(of code: DivisionCode) -> [Division] {
        nodes.values.filter { $0.code != code && code.covers($0.code) }.sorted { $0.code < $1.code }
    }

    /// "天津经济技术开发区（滨海新区）": a node with its county, which is how officials name a street.
    public func label(_ code: DivisionCode, _ language: UILanguage) -> String {
        guard let node = nodes[code] else { return code.value }
        let name = node.name.text(language)
        guard node.level == .township, let county = nodes[DivisionCode(String(code.value.prefix(6)))!] else { return name }
        return language == .zh ? "\(name)（\(county.name.zh)）" : "\(name) (\(county.name.en))"
    }
}
