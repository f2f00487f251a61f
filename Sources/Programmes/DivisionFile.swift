import Foundation
import OfficeFormats
import PilotDomain

/// Reads and checks `Workflows/divisions/cn.csv` (`code,parent,name_zh,name_en`): every code is
/// six or nine digits and unique, and every parent exists and is the nearest node above the code
/// that its digits name — the property the prefix scope checks rely on.
public enum DivisionFile {
    public static let relativePath = "divisions/cn.csv"

    public static func load(path: String) throws(ProgrammeProblems) -> DivisionTree {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ProgrammeProblems([
                ProgrammeProblem(file: path, line: 0, kind: .missingKey, message: "cannot read the division file")
            ])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ProgrammeProblems) -> DivisionTree {
        let rows: [[String]]
        do { rows = try CSVReader.rows(text: text) } catch {
            throw ProgrammeProblems([ProgrammeProblem(file: file, line: 1, kind: .syntax, message: "\(error)")])
        }
        guard rows.first == ["code", "parent", "name_zh", "name_en"] else {
            throw ProgrammeProblems([
                ProgrammeProblem(
                    file: file, line: 1, kind: .missingKey, message: "the header must be code,parent,name_zh,name_en")
            ])
        }
        var problems: [ProgrammeProblem] = []
        var divisions: [Division] = []
        var lines: [DivisionCode: Int] = [:]
        for (index, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
            let line = index + 1
            func report(_ kind: ProgrammeProblem.Kind, _ message: String) {
                problems.append(ProgrammeProblem(file: file, line: line, kind: kind, message: message))
            }
            guard row.count == 4 else {
                report(.wrongType, "expected 4 columns, found \(row.count)")
                continue
            }
            guard let code = DivisionCode(row[0]) else {
                report(.wrongType, "code '\(row[0])' must be six or nine digits")
                continue
            }
            if let first = lines[code] {
                report(.duplicate, "code \(code) appears again (first on line \(first))")
                continue
            }
            lines[code] = line
            if row[2].isEmpty || row[3].isEmpty { report(.missingKey, "code \(code) needs a Chinese and an English name") }
            let parent = row[1].isEmpty ? nil : DivisionCode(row[1])
            if !row[1].isEmpty && parent == nil { report(.wrongType, "parent '\(row[1])' must be six or nine digits") }
            if parent == nil && code != .nation { report(.wrongParent, "only the nation (100000) has no parent") }
            divisions.append(Division(code: code, parent: parent, name: LocalizedText(zh: row[2], en: row[3])))
        }
        let tree = DivisionTree(divisions)
        for division in divisions {
            guard let parent = division.parent else { continue }
            let line = lines[division.code] ?? 0
            guard tree[parent] != nil else {
                problems.append(
                    ProgrammeProblem(
                        file: file, line: line, kind: .unknownDivision,
                        message: "parent \(parent) of \(division.code) is not in the file"))
                continue
            }
            // The nearest named ancestor by digits must be the parent the row states.
            let expected = division.code.ancestorsOrSelf.dropFirst().first { tree[$0] != nil }
            if expected != parent {
                problems.append(
                    ProgrammeProblem(
                        file: file, line: line, kind: .wrongParent,
                        message: "the parent of \(division.code) is \(expected?.value ?? "none") by its digits, not \(parent)"))
            }
        }
        if !problems.isEmpty { throw ProgrammeProblems(problems) }
        return tree
    }
}
