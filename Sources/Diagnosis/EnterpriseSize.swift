/// An enterprise's size class (大型/中型/小型/微型, 工信部联企业〔2011〕300号). Questionnaire items say which
/// sizes they apply to: a small firm is not asked about, say, a group-wide data platform.
public enum EnterpriseSize: String, Sendable, Hashable, CaseIterable, Codable {
    case large
    case medium
    case small
    case micro
}
