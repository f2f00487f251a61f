import Foundation
import PilotDomain
import Yams

/// Reads one maturity-model file (`Workflows/diagnosis/*.yaml`, format in that folder's README),
/// reporting every problem with its line: dimension weights adding up to 100, grades 1–10 in
/// ascending order with strictly increasing cut-offs from 0, each grade in a known stage, stages in order.
public enum MaturityModelFile {
    static let topKeys: Set<String> = ["id", "version", "name", "dimensions", "stages", "grades"]
    /// The model has ten grades (五级十档: policies 000, 001 and 003).
    public static let gradeCount = 10

    /// The model (nil when the file has any problem) and the problems found.
    public static func parse(_ text: String, file: String) -> (MaturityModel?, [DiagnosisProblem]) {
        var reader = DiagnosisFileReader(file: file)
        let model = document(text, &reader)
        return (reader.problems.isEmpty ? model : nil, reader.problems)
    }

    static func document(_ text: String, _ reader: inout DiagnosisFileReader) -> MaturityModel? {
        guard let (root, top) = reader.topMapping(text) else { return nil }
        reader.checkKeys(top, topKeys)
        let id = reader.identifier(top, "id", at: root)
        let version = reader.integer(top, "version", at: root)
        if let version, version < 1 { reader.report(top["version"], .wrongType, "version must be 1 or more") }
        let name = reader.localized(top, "name", at: root)
        let dimensions = reader.sequence(top, "dimensions", at: root).map { dimensionList($0, top["dimensions"]!, &reader) }
        let stages = reader.sequence(top, "stages", at: root).map { stageList($0, &reader) }
        let grades = reader.sequence(top, "grades", at: root).map {
            gradeList($0, top["grades"]!, stages: stages ?? [], &reader)
        }
        guard let id, let version, let name, let dimensions, let stages, let grades else { return nil }
        return MaturityModel(id: id, version: version, name: name, dimensions: dimensions, stages: stages, grades: grades)
    }

    static func dimensionList(_ items: [Node], _ node: Node, _ reader: inout DiagnosisFileReader) -> [MaturityModel.Dimension] {
        var dimensions: [MaturityModel.Dimension] = []
        for item in items {
            guard let map = item.mapping else {
                reader.report(item, .wrongType, "a dimension is a mapping {id, name, weight}")
                continue
            }
            reader.checkKeys(map, ["id", "name", "also_called", "weight"])
            let id = reader.identifier(map, "id", at: item)
            let name = reader.localized(map, "name", at: item)
            let alsoCalled = map["also_called"].flatMap { reader.localized($0, "also_called") }
            let weight = reader.integer(map, "weight", at: item)
            if let weight, weight < 1 {
                reader.report(map["weight"], .badWeight, "dimension \(id ?? "?"): weight must be 1 or more")
            }
            guard let id, let name, let weight else { continue }
            if dimensions.contains(where: { $0.id == id }) {
                reader.report(item, .duplicateId, "dimension \(id) is listed twice")
            }
            dimensions.append(.init(id: id, name: name, alsoCalled: alsoCalled, weight: weight))
        }
        let total = dimensions.reduce(0) { $0 + $1.weight }
        if dimensions.count == items.count, total != 100 {
            reader.report(node, .badWeight, "the dimensions' weights add up to \(total), not 100")
        }
        return dimensions
    }

    static func stageList(_ items: [Node], _ reader: inout DiagnosisFileReader) -> [MaturityModel.Stage] {
        var stages: [MaturityModel.Stage] = []
        for item in items {
            guard let map = item.mapping else {
                reader.report(item, .wrongType, "a stage is a mapping {id, name}")
                continue
            }
            reader.checkKeys(map, ["id", "name"])
            guard let id = reader.identifier(map, "id", at: item), let name = reader.localized(map, "name", at: item) else {
                continue
            }
            if stages.contains(where: { $0.id == id }) { reader.report(item, .duplicateId, "stage \(id) is listed twice") }
            stages.append(.init(id: id, name: name))
        }
        return stages
    }

    /// Grades 1…10 in order; cut-offs (`from`, 0–100, two decimals at most) strictly increasing from 0,
    /// so every total from 0 to 100 falls in exactly one grade; stages follow the stages' order and
    /// each stage has at least one grade.
    static func gradeList(
        _ items: [Node], _ node: Node, stages: [MaturityModel.Stage], _ reader: inout DiagnosisFileReader
    ) -> [MaturityModel.Grade] {
        var grades: [MaturityModel.Grade] = []
        var lastStage = 0
        for (index, item) in items.enumerated() {
            guard let map = item.mapping else {
                reader.report(item, .wrongType, "a grade is a mapping {grade, stage, from}")
                continue
            }
            reader.checkKeys(map, ["grade", "stage", "from"])
            guard let number = reader.integer(map, "grade", at: item), let stage = reader.string(map, "stage", at: item),
                let fromText = reader.string(map, "from", at: item)
            else { continue }
            if number != index + 1 {
                reader.report(item, .badCutoff, "grade \(number) is in place \(index + 1): grades run 1 to 10 in order")
            }
            guard let from = hundredths(fromText) else {
                reader.report(map["from"], .badCutoff, "grade \(number): from \(fromText) must be 0–100, two decimals at most")
                continue
            }
            if let previous = grades.last, from <= previous.from {
                reader.report(
                    map["from"], .badCutoff,
                    "grade \(number): from \(fromText) must be above grade \(previous.grade)'s cut-off")
            }
            if grades.isEmpty, from != 0 {
                reader.report(map["from"], .badCutoff, "grade \(number) must start at 0 so every score has a grade")
            }
            if from >= 10_000 { reader.report(map["from"], .badCutoff, "grade \(number): a cut-off of 100 leaves no room") }
            if let position = stages.firstIndex(where: { $0.id == stage }) {
                if position < lastStage {
                    reader.report(map["stage"], .badCutoff, "grade \(number): stage \(stage) comes before the previous grade's")
                }
                lastStage = position
            } else if !stages.isEmpty {
                reader.report(map["stage"], .badCutoff, "grade \(number): unknown stage '\(stage)'")
            }
            grades.append(.init(grade: number, stage: stage, from: from))
        }
        if items.count != gradeCount {
            reader.report(node, .badCutoff, "the model has \(gradeCount) grades (五级十档), not \(items.count)")
        }
        for stage in stages where !grades.contains(where: { $0.stage == stage.id }) {
            reader.report(node, .badCutoff, "stage \(stage.id) has no grade")
        }
        return grades
    }

    /// "35", "35.5", "35.25" → hundredths (3500, 3550, 3525); nil outside 0–100 or with more decimals.
    static func hundredths(_ text: String) -> Int? {
        guard text.range(of: #"^[0-9]{1,3}(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil else { return nil }
        let parts = text.split(separator: ".")
        let whole = Int(parts[0]) ?? 0
        let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        let value = whole * 100 + fraction
        return value <= 10_000 ? value : nil
    }
}
