import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes

/// A unit's roster of above-scale firms (建档立卡) from a spreadsheet: every row checked (credit
/// code, a division the importer reaches inside the campaign, a known industry group, size, 是/否),
/// a report per row; nothing is written unless every row is good, and then all in one transaction.
struct RosterImport {
    /// A column of the roster file: its key, its Chinese title (the template's) and English title.
    struct Column: Sendable {
        var key: String
        var title: LocalizedText
        var required: Bool
    }

    static let columns: [Column] = [
        Column(key: "uscc", title: LocalizedText(zh: "统一社会信用代码", en: "Credit code"), required: true),
        Column(key: "name", title: LocalizedText(zh: "企业名称", en: "Firm name"), required: true),
        Column(key: "division", title: LocalizedText(zh: "所在区划代码", en: "Division code"), required: true),
        Column(key: "group", title: LocalizedText(zh: "行业组", en: "Industry group"), required: true),
        Column(key: "size", title: LocalizedText(zh: "企业规模", en: "Size"), required: true),
        Column(key: "above_scale", title: LocalizedText(zh: "是否规上", en: "Above scale"), required: true),
        Column(key: "group_uscc", title: LocalizedText(zh: "所属集团信用代码", en: "Group HQ credit code"), required: false),
        Column(key: "contact_name", title: LocalizedText(zh: "联系人", en: "Contact"), required: true),
        Column(key: "contact_phone", title: LocalizedText(zh: "联系电话", en: "Contact phone"), required: true),
    ]

    /// At most this many firms in one file (a province's roster fits).
    static let maxRows = 200_000
    /// At most this many bytes uploaded.
    static let maxBytes = 20 * 1024 * 1024
    /// At most this many characters in a name, a contact or a phone number.
    static let maxText = 100

    static let sizes: [String: EnterpriseSize] = [
        "大型": .large, "中型": .medium, "小型": .small, "微型": .micro, "large": .large, "medium": .medium, "small": .small,
        "micro": .micro,
    ]

    struct Problem: Sendable, Hashable {
        var line: Int
        var column: String
        var message: LocalizedText
    }

    var programmeId: String
    var settings: DiagnosisSettings
    var scope: SupervisionScope

    func title(_ key: String) -> LocalizedText { Self.columns.first { $0.key == key }?.title ?? LocalizedText(zh: key, en: key) }

    /// Checks every row of `table` (first row = titles); the firms when all are good, or the problems.
    func check(_ table: [[String]]) -> Result<[DiagnosisFirm], RosterCheckFailure> {
        guard let header = table.first else { return .failure(.file(SupervisionText.emptyFile)) }
        var index: [String: Int] = [:]
        for (position, title) in header.enumerated() {
            let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if let column = Self.columns.first(where: {
                $0.key == clean || $0.title.zh == clean || $0.title.en.caseInsensitiveCompare(clean) == .orderedSame
            }) {
                index[column.key] = position
            }
        }
        let missing = Self.columns.filter { $0.required && index[$0.key] == nil }
        guard missing.isEmpty else {
            return .failure(
                .file(
                    LocalizedText(
                        zh: "缺少必需的列：\(missing.map(\.title.zh).joined(separator: "、"))",
                        en: "Required columns are missing: \(missing.map(\.title.en).joined(separator: ", "))")))
        }
        let body = table.dropFirst()
        guard body.count <= Self.maxRows else {
            return .failure(
                .file(
                    LocalizedText(
                        zh: "一次最多导入 \(Self.maxRows) 行，本文件有 \(body.count) 行，请分成几个文件",
                        en: "At most \(Self.maxRows) rows per file; this one has \(body.count). Split it")))
        }
        var firms: [DiagnosisFirm] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        var rows = 0
        for (offset, row) in body.enumerated() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows += 1
            let line = offset + 2
            func value(_ key: String) -> String {
                guard let position = index[key], position < row.count else { return "" }
                return row[position].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var rowProblems: [Problem] = []
            func problem(_ key: String, _ message: LocalizedText) {
                rowProblems.append(Problem(line: line, column: key, message: message))
            }
            let uscc = value("uscc").uppercased()
            if let wrong = Self.usccProblem(uscc) {
                problem("uscc", wrong)
            } else if let earlier = seen[uscc] {
                problem("uscc", LocalizedText(zh: "与第 \(earlier) 行的统一社会信用代码重复", en: "Same credit code as line \(earlier)"))
            } else {
                seen[uscc] = line
            }
            for key in ["name", "contact_name", "contact_phone"] {
                let text = value(key)
                if text.isEmpty {
                    problem(key, LocalizedText(zh: "不能为空", en: "Required"))
                } else if text.count > Self.maxText {
                    problem(key, LocalizedText(zh: "不得超过 \(Self.maxText) 个字", en: "At most \(Self.maxText) characters"))
                }
            }
            let divisionText = value("division")
            let division = DivisionCode(divisionText)
            if let division {
                if !scope.programmeDivision.covers(division) {
                    problem(
                        "division",
                        LocalizedText(
                            zh: "区划代码 \(divisionText) 不在本诊断活动的范围（\(scope.programmeDivision.value)）内",
                            en: "Division \(divisionText) is outside the campaign (\(scope.programmeDivision.value))"))
                } else if !scope.reaches(division) {
                    problem(
                        "division",
                        LocalizedText(
                            zh: "区划代码 \(divisionText) 不在您所辖范围内，只能导入本单位及下级的企业",
                            en: "Division \(divisionText) is outside your unit; import only firms of your unit and below"))
                }
            } else {
                problem(
                    "division",
                    LocalizedText(
                        zh: "区划代码应为 6 位或 9 位数字（收到“\(String(divisionText.prefix(20)))”）",
                        en: "A division code has 6 or 9 digits (got “\(String(divisionText.prefix(20)))”)"))
            }
            let groupText = value("group")
            let group = settings.industryGroups.first { $0.id == groupText || $0.name.zh == groupText || $0.name.en == groupText }
            if group == nil {
                problem(
                    "group",
                    LocalizedText(
                        zh:
                            "未知的行业组“\(String(groupText.prefix(30)))”，可填：\(settings.industryGroups.map(\.name.zh).joined(separator: "、"))",
                        en:
                            "Unknown industry group “\(String(groupText.prefix(30)))”; use one of: \(settings.industryGroups.map(\.id).joined(separator: ", "))"
                    ))
            }
            let size = Self.sizes[value("size").lowercased()]
            if size == nil {
                problem("size", LocalizedText(zh: "企业规模应为 大型、中型、小型 或 微型", en: "Size is one of 大型, 中型, 小型, 微型"))
            }
            let aboveText = value("above_scale")
            let above: Bool? =
                ["是", "yes", "y", "1", "true"].contains(aboveText.lowercased())
                ? true : ["否", "no", "n", "0", "false"].contains(aboveText.lowercased()) ? false : nil
            if above == nil { problem("above_scale", LocalizedText(zh: "应填“是”或“否”", en: "Use 是 or 否 (yes or no)")) }
            let groupUSCC = value("group_uscc").uppercased()
            if !groupUSCC.isEmpty {
                if let wrong = Self.usccProblem(groupUSCC) { problem("group_uscc", wrong) }
            }
            if rowProblems.isEmpty, let division, let group, let size, let above {
                firms.append(
                    DiagnosisFirm(
                        programmeId: programmeId, uscc: uscc, name: value("name"), divisionCode: division.value,
                        industryGroup: group.id, size: size, aboveScale: above, groupUSCC: groupUSCC.isEmpty ? nil : groupUSCC,
                        contactName: value("contact_name"), contactPhone: value("contact_phone")))
            }
            problems += rowProblems
        }
        guard rows > 0 else { return .failure(.file(SupervisionText.emptyFile)) }
        guard problems.isEmpty else { return .failure(.rows(rows, problems)) }
        return .success(firms)
    }

    /// What is wrong with a credit code (nil: nothing).
    static func usccProblem(_ text: String) -> LocalizedText? {
        do throws(USCC.Problem) {
            _ = try USCC(validating: text)
            return nil
        } catch {
            return error.message
        }
    }

    /// The template: the column titles and one example row.
    static func template(_ settings: DiagnosisSettings, division: DivisionCode) -> [[String]] {
        [
            columns.map(\.title.zh),
            [
                USCC.withCheckCharacter("91\(division.value.prefix(6))MA0DG0001") ?? "", "示例精密制造有限公司", division.value,
                settings.industryGroups.first?.name.zh ?? "", "中型", "是", "", "张工", "021-50000000",
            ],
        ]
    }
}

/// Why a roster file was not written.
enum RosterCheckFailure: Error {
    case file(LocalizedText)
    case rows(Int, [RosterImport.Problem])
}
