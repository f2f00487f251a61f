import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The zone's roster of above-scale SMEs of the pilot sub-industries from a spreadsheet: every row
/// checked (credit code with its check character, name, a sub-industry of the programme by code or
/// Chinese name, a division of the programme within the importer's reach, an SME size), a report by
/// line and column; nothing written unless every row is good.
struct MobilisationImport {
    struct Column: Sendable {
        var key: String
        var title: LocalizedText
    }

    struct Problem: Sendable, Hashable {
        var line: Int
        var column: String
        var message: LocalizedText
    }

    enum Failure: Error {
        case file(LocalizedText)
        case rows([Problem])
    }

    static let columns: [Column] = [
        Column(key: "uscc", title: MobilisationText.creditCode), Column(key: "name", title: MobilisationText.name),
        Column(key: "sub_industry", title: MobilisationText.subIndustry),
        Column(key: "division", title: MobilisationText.division),
        Column(key: "size", title: MobilisationText.size),
    ]
    static let sizes = ["中型", "小型", "微型"]
    static let maxRows = 20_000
    static let maxBytes = 10 * 1024 * 1024
    static let maxName = 100

    var subIndustries: [SubIndustry]
    /// The divisions of the programme (its own node's descendants).
    var divisions: Set<String>
    var scope: MobilisationScope

    static func template(subIndustry: SubIndustry?, division: String) -> [[String]] {
        [
            columns.map(\.title.zh),
            [USCC.withCheckCharacter("91120116MA07MB001") ?? "", "天津示例精密机械有限公司", subIndustry?.name.zh ?? "", division, "中型"],
        ]
    }

    func check(_ table: [[String]]) -> Result<[MobilisationFirm], Failure> {
        guard let header = table.first else { return .failure(.file(LocalizedText(zh: "文件是空的", en: "The file is empty"))) }
        var index: [String: Int] = [:]
        for (position, title) in header.enumerated() {
            let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if let column = Self.columns.first(where: {
                $0.key == clean || $0.title.zh == clean || $0.title.en.caseInsensitiveCompare(clean) == .orderedSame
            }) {
                index[column.key] = position
            }
        }
        let missing = Self.columns.filter { index[$0.key] == nil }
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
                        zh: "一次最多导入 \(Self.maxRows) 行，本文件有 \(body.count) 行",
                        en: "At most \(Self.maxRows) rows; this file has \(body.count)"
                    )))
        }
        var firms: [MobilisationFirm] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for (offset, row) in body.enumerated() {
            let line = offset + 2
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func cell(_ key: String) -> String {
                guard let position = index[key], position < row.count else { return "" }
                return row[position].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func problem(_ key: String, _ zh: String, _ en: String) {
                let title = Self.columns.first { $0.key == key }?.title.zh ?? key
                problems.append(Problem(line: line, column: title, message: LocalizedText(zh: zh, en: en)))
            }
            let count = problems.count
            let code = cell("uscc").uppercased()
            if (try? USCC(validating: code)) == nil {
                problem("uscc", "统一社会信用代码无效（应为 18 位且校验位正确）", "Not a valid credit code (18 characters with its check character)")
            } else if let first = seen[code] {
                problem("uscc", "与第 \(first) 行重复", "Repeats line \(first)")
            } else {
                seen[code] = line
            }
            let name = cell("name")
            if name.isEmpty { problem("name", "企业名称不能为空", "The name is empty") }
            if name.count > Self.maxName {
                problem("name", "企业名称不能超过 \(Self.maxName) 个字", "The name may be at most \(Self.maxName) characters")
            }
            let subText = cell("sub_industry")
            let sub = subIndustries.first { $0.code == subText || $0.name.zh == subText || $0.id == subText }
            if sub == nil {
                problem(
                    "sub_industry", "“\(String(subText.prefix(30)))”不是本试点的细分行业",
                    "\(String(subText.prefix(30))) is not a sub-industry of the pilot")
            }
            let division = cell("division")
            if !divisions.contains(division) {
                problem(
                    "division", "“\(String(division.prefix(12)))”不是本试点的区划代码",
                    "\(String(division.prefix(12))) is not a division of the pilot")
            } else if !scope.reaches(division) {
                problem("division", "区划 \(division) 不在您的辖区内", "Division \(division) is outside your reach")
            }
            let size = cell("size")
            if size == "大型" {
                problem("size", "大型企业不属于中小企业，不在试点范围内", "A large firm is no SME: outside the pilot")
            } else if !Self.sizes.contains(size) {
                problem("size", "企业规模应为 中型、小型 或 微型", "Size must be 中型, 小型 or 微型")
            }
            if problems.count == count, let sub {
                firms.append(MobilisationFirm(uscc: code, name: name, subIndustryId: sub.id, divisionCode: division, size: size))
            }
        }
        guard problems.isEmpty else { return .failure(.rows(problems)) }
        guard !firms.isEmpty else { return .failure(.file(LocalizedText(zh: "文件中没有企业", en: "The file lists no firm"))) }
        return .success(firms)
    }
}

/// The visit form, checked field by field.
enum MobilisationVisitForm {
    static func visit(_ form: [String: String], uscc: String, today: String) -> Result<MobilisationVisit, FieldErrors> {
        var errors: [FieldError] = []
        func value(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func text(_ name: String, _ label: LocalizedText, _ limit: Int, required: Bool) -> String {
            let text = value(name)
            if required && text.isEmpty { errors.append(FieldError(field: name, message: MobilisationText.required(label))) }
            if text.count > limit { errors.append(FieldError(field: name, message: MobilisationText.tooLong(label, limit))) }
            return text
        }
        let visitedOn = value("visited_on")
        if Shanghai.parseDate(visitedOn) == nil || visitedOn < "2020-01-01" || visitedOn > today {
            errors.append(
                FieldError(
                    field: "visited_on",
                    message: LocalizedText(
                        zh: "走访日期应为 2020 年以来、不晚于今天的日期", en: "The visit date must be a day since 2020, not after today")))
        }
        let visitor = text("visitor", MobilisationText.visitor, 40, required: true)
        let contact = text("contact", MobilisationText.contact, 60, required: true)
        let outcome = VisitOutcome(rawValue: value("outcome"))
        if outcome == nil {
            errors.append(FieldError(field: "outcome", message: MobilisationText.required(MobilisationText.outcome)))
        }
        let reason = text("reason", MobilisationText.reason, 200, required: outcome == .declined)
        var followUp: String? = nil
        if outcome == .followUp {
            let date = value("follow_up_on")
            if Shanghai.parseDate(date) == nil || date <= visitedOn || date > "2030-12-31" {
                errors.append(
                    FieldError(
                        field: "follow_up_on",
                        message: LocalizedText(zh: "待回访须填写晚于走访日期的回访日期", en: "A follow-up needs a date after the visit")))
            } else {
                followUp = date
            }
        }
        let notes = text("notes", MobilisationText.notes, 500, required: false)
        guard errors.isEmpty, let outcome else { return .failure(FieldErrors(errors)) }
        return .success(
            MobilisationVisit(
                uscc: uscc, visitedOn: visitedOn, visitor: visitor, contact: contact, outcome: outcome,
                reason: outcome == .declined ? reason : "", followUpOn: followUp, notes: notes))
    }
}
