import PilotDomain

/// Who puts the money up. The programme's reference names one central award and five kinds of
/// local money; matching only asks "central or local?", so `isLocal` is what the rules read.
public enum FundingSourceKind: Sendable, Hashable, Codable {
    /// The central reward money (中央财政奖补资金), received in instalments.
    case central
    /// 市级制造业高质量发展专项资金.
    case city
    /// 区级街镇资金.
    case districtStreet
    /// A development zone's own fund. Codes used in Tianjin: `teda` (天津经济技术开发区),
    /// `tianjin_port_ftz` (天津港保税区), `binhai_hitech` (滨海高新区). A code, not a closed list,
    /// so a zone joining the pilot needs no code change.
    case zone(code: String)

    /// Local money is what must match the central money yuan for yuan.
    public var isLocal: Bool { self != .central }
}

/// One pot of money the programme draws on. `committed` is what the funder has promised; it is
/// shown beside what was received but limits nothing: money that arrived is money in the till.
public struct FundingSource: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var kind: FundingSourceKind
    public var name: LocalizedText
    public var committed: Fen

    public init(id: String, kind: FundingSourceKind, name: LocalizedText, committed: Fen) {
        self.id = id
        self.kind = kind
        self.name = name
        self.committed = committed
    }
}
