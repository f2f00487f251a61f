import PilotDomain
import PilotStore

/// A session's attendance from a spreadsheet (the template lists the session's registrations):
/// every row checked — the registration number must be one of this session's, once; 是否出席 is
/// 是 or 否 — with a report by line and column; nothing is written unless every row is good.
struct TrainingAttendanceImport {
    struct Problem: Sendable, Hashable {
        var line: Int
        var column: String
        var message: LocalizedText
    }

    enum Failure: Error {
        case file(LocalizedText)
        case rows([Problem])
    }

    static let idColumn = TrainingText.registrationId
    static let attendedColumn = TrainingText.attendedColumn
    static let maxRows = 5_000
    static let maxBytes = 5 * 1024 * 1024
    static let yes: Set<String> = ["是", "出席", "y", "yes", "1", "√", "✓", "true"]
    static let no: Set<String> = ["否", "缺席", "n", "no", "0", "×", "✗", "false"]

    /// The template: the session's registrations with their current marks.
    static func template(_ registrations: [TrainingRegistration]) -> [[String]] {
        [
            [
                idColumn.zh, TrainingText.enterprise.zh, TrainingText.personName.zh, TrainingText.position.zh,
                TrainingText.audience.zh, attendedColumn.zh,
            ]
        ]
            + registrations.map {
                [$0.id, $0.enterpriseName, $0.personName, $0.position, $0.audience.label.zh, $0.attended ? "是" : "否"]
            }
    }

    /// The marks to set when every row is good (first row = titles).
    static func check(_ table: [[String]], registrationIds: Set<String>) -> Result<[String: Bool], Failure> {
        guard let header = table.first else {
            return .failure(.file(LocalizedText(zh: "文件是空的", en: "The file is empty")))
        }
        func position(_ title: LocalizedText) -> Int? {
            header.firstIndex {
                let clean = $0.trimmingCharacters(in: .whitespacesAndNewlines)
                return clean == title.zh || clean.caseInsensitiveCompare(title.en) == .orderedSame
            }
        }
        guard let idAt = position(idColumn), let markAt = position(attendedColumn) else {
            return .failure(
                .file(
                    LocalizedText(
                        zh: "缺少必需的列：\(idColumn.zh)、\(attendedColumn.zh)",
                        en: "Required columns are missing: \(idColumn.en), \(attendedColumn.en)")))
        }
        let body = table.dropFirst()
        guard body.count <= maxRows else {
            return .failure(
                .file(
                    LocalizedText(
                        zh: "一次最多导入 \(maxRows) 行，本文件有 \(body.count) 行", en: "At most \(maxRows) rows; this file has \(body.count)"
                    )
                ))
        }
        var marks: [String: Bool] = [:]
        var firstLine: [String: Int] = [:]
        var problems: [Problem] = []
        for (offset, row) in body.enumerated() {
            let line = offset + 2
            func cell(_ index: Int) -> String {
                index < row.count ? row[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let id = cell(idAt)
            let mark = cell(markAt).lowercased()
            if id.isEmpty {
                problems.append(
                    Problem(line: line, column: idColumn.zh, message: LocalizedText(zh: "报名编号不能为空", en: "The number is empty")))
            } else if !registrationIds.contains(id) {
                problems.append(
                    Problem(
                        line: line, column: idColumn.zh,
                        message: LocalizedText(
                            zh: "“\(String(id.prefix(40)))”不是本场培训的报名编号",
                            en: "\(String(id.prefix(40))) is not a registration of this session")))
            } else if let seen = firstLine[id] {
                problems.append(
                    Problem(
                        line: line, column: idColumn.zh,
                        message: LocalizedText(zh: "与第 \(seen) 行重复", en: "Repeats line \(seen)")))
            }
            let value: Bool?
            if yes.contains(mark) {
                value = true
            } else if no.contains(mark) {
                value = false
            } else {
                value = nil
                problems.append(
                    Problem(
                        line: line, column: attendedColumn.zh,
                        message: LocalizedText(
                            zh: "应为“是”或“否”，而不是“\(String(cell(markAt).prefix(20)))”",
                            en: "Must be 是 (yes) or 否 (no), not \(String(cell(markAt).prefix(20)))")))
            }
            if !id.isEmpty, firstLine[id] == nil { firstLine[id] = line }
            if let value, registrationIds.contains(id) { marks[id] = value }
        }
        guard problems.isEmpty else { return .failure(.rows(problems)) }
        return .success(marks)
    }
}
