import Foundation
import PilotDomain
import ProviderPool
import Yams

/// Reads `Workflows/pool/contractor-criteria.yaml`, the criteria main-contractor applications are
/// scored on (policy 004 §四(五)), reporting every problem with its line; the server refuses to start
/// on any (like the workflows and the division tree).
public enum ContractorCriteriaFile {
    public static let relativePath = "pool/contractor-criteria.yaml"

    public static func load(path: String) throws(ProgrammeProblems) -> ContractorCriteria {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ProgrammeProblems([
                ProgrammeProblem(file: path, line: 0, kind: .missingKey, message: "cannot read the criteria file")
            ])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ProgrammeProblems) -> ContractorCriteria {
        var problems: [ProgrammeProblem] = []
        func report(_ node: Node?, _ kind: ProgrammeProblem.Kind, _ message: String) {
            problems.append(ProgrammeProblem(file: file, line: node?.mark?.line ?? 1, kind: kind, message: message))
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ProgrammeProblems([ProgrammeProblem(file: file, line: 1, kind: .syntax, message: "\(error)")])
        }
        guard let top = root?.mapping else {
            throw ProgrammeProblems([
                ProgrammeProblem(file: file, line: 1, kind: .wrongType, message: "the file must be a mapping with 'criteria'")
            ])
        }
        for key in top.keys where key.string != "criteria" { report(key, .unknownKey, "unknown key '\(key.string ?? "?")'") }
        guard let items = top["criteria"]?.sequence else {
            report(root, .missingKey, "missing 'criteria' (a list)")
            throw ProgrammeProblems(problems)
        }
        var criteria: [ContractorCriteria.Criterion] = []
        for item in items {
            guard let map = item.mapping else {
                report(item, .wrongType, "each criterion is a mapping")
                continue
            }
            for key in map.keys where !["key", "zh", "en", "weight", "from_pool_grade"].contains(key.string ?? "") {
                report(key, .unknownKey, "unknown key '\(key.string ?? "?")'")
            }
            guard let key = map["key"]?.string, let zh = map["zh"]?.string, let en = map["en"]?.string, !zh.isEmpty,
                !en.isEmpty
            else {
                report(item, .missingKey, "a criterion needs key, zh and en")
                continue
            }
            guard let weight = map["weight"]?.int else {
                report(map["weight"] ?? item, .wrongType, "'\(key)': weight must be a whole number")
                continue
            }
            var table: [ContractorCriteria.PoolGradeInput: EvaluationScore]?
            if let grades = map["from_pool_grade"] {
                guard let gradeMap = grades.mapping else {
                    report(grades, .wrongType, "'\(key)': from_pool_grade maps grades to scores")
                    continue
                }
                var built: [ContractorCriteria.PoolGradeInput: EvaluationScore] = [:]
                for (gradeKey, value) in gradeMap {
                    guard let input = ContractorCriteria.PoolGradeInput(rawValue: gradeKey.string ?? "") else {
                        report(
                            gradeKey, .unknownKey,
                            "'\(gradeKey.string ?? "?")' is not one of \(ContractorCriteria.PoolGradeInput.allCases.map(\.rawValue))"
                        )
                        continue
                    }
                    guard let score = value.string.flatMap(EvaluationScore.init) else {
                        report(value, .wrongType, "'\(key)': the score for \(input.rawValue) must be 0–100, two decimals at most")
                        continue
                    }
                    built[input] = score
                }
                table = built
            }
            criteria.append(
                ContractorCriteria.Criterion(
                    key: key, name: LocalizedText(zh: zh, en: en), weight: weight, fromPoolGrade: table))
        }
        guard problems.isEmpty else { throw ProgrammeProblems(problems) }
        do { return try ContractorCriteria(criteria) } catch {
            throw ProgrammeProblems([
                ProgrammeProblem(file: file, line: top["criteria"]?.mark?.line ?? 1, kind: .badRule, message: error.description)
            ])
        }
    }
}
