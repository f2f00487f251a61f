import Foundation
import PilotDomain
import Yams

/// Reads one questionnaire file (`Workflows/diagnosis/questionnaires/*.yaml`, format in the README
/// beside it), reporting every problem of its own shape with its line: item and option ids unique,
/// item weights positive, option scores 0–100, known sizes. What needs the model (its dimensions, that
/// it exists) is checked by `DiagnosisCatalogue` with the lines this records.
public enum QuestionnaireFile {
    static let topKeys: Set<String> = ["id", "version", "title", "industry_group", "module", "model", "items"]
    static let itemKeys: Set<String> = [
        "id", "dimension", "weight", "applies_to", "allow_not_applicable", "question", "help", "evidence", "options",
    ]

    /// Where the parts the catalogue checks were written: `model`, `items`, `dimension:<item id>`.
    public typealias Lines = [String: Int]

    /// The questionnaire (nil when the file has any problem), the problems found and the lines.
    public static func parse(_ text: String, file: String) -> (Questionnaire?, [DiagnosisProblem], Lines) {
        var reader = DiagnosisFileReader(file: file)
        var lines: Lines = [:]
        let questionnaire = document(text, &reader, &lines)
        return (reader.problems.isEmpty ? questionnaire : nil, reader.problems, lines)
    }

    static func document(_ text: String, _ reader: inout DiagnosisFileReader, _ lines: inout Lines) -> Questionnaire? {
        guard let (root, top) = reader.topMapping(text) else { return nil }
        reader.checkKeys(top, topKeys)
        let id = reader.identifier(top, "id", at: root)
        let version = reader.integer(top, "version", at: root)
        if let version, version < 1 { reader.report(top["version"], .wrongType, "version must be 1 or more") }
        let title = reader.localized(top, "title", at: root)
        var isModule = false
        if let node = top["module"] {
            if let flag = node.bool { isModule = flag } else { reader.report(node, .wrongType, "'module' is true or false") }
        }
        let group = industryGroup(top, root: root, isModule: isModule, &reader)
        var model: ModelKey?
        if let (node, map) = reader.mapping(top, "model", at: root) {
            reader.checkKeys(map, ["id", "version"])
            lines["model"] = node.mark?.line
            if let modelId = reader.identifier(map, "id", at: node), let modelVersion = reader.integer(map, "version", at: node) {
                model = ModelKey(id: modelId, version: modelVersion)
            }
        }
        lines["items"] = top["items"]?.mark?.line
        let items = reader.sequence(top, "items", at: root).map { itemList($0, &reader, &lines) }
        guard let id, let version, let title, let model, let items, isModule || group != nil else { return nil }
        return Questionnaire(
            id: id, version: version, title: title, industryGroup: group, isModule: isModule, model: model, items: items)
    }

    /// A base questionnaire names its industry group; a module has none (any group may add it).
    static func industryGroup(
        _ top: Node.Mapping, root: Node, isModule: Bool, _ reader: inout DiagnosisFileReader
    ) -> Questionnaire.IndustryGroup? {
        if isModule {
            if let node = top["industry_group"] {
                reader.report(node, .unknownKey, "a module has no industry_group: every group may add it")
            }
            return nil
        }
        guard let (node, map) = reader.mapping(top, "industry_group", at: root) else { return nil }
        reader.checkKeys(map, ["id", "name"])
        guard let id = reader.identifier(map, "id", at: node), let name = reader.localized(map, "name", at: node) else {
            return nil
        }
        return .init(id: id, name: name)
    }

    static func itemList(_ nodes: [Node], _ reader: inout DiagnosisFileReader, _ lines: inout Lines) -> [Questionnaire.Item] {
        var items: [Questionnaire.Item] = []
        for node in nodes {
            guard let map = node.mapping else {
                reader.report(node, .wrongType, "an item is a mapping")
                continue
            }
            reader.checkKeys(map, itemKeys)
            let id = reader.identifier(map, "id", at: node)
            let dimension = reader.string(map, "dimension", at: node)
            let weight = reader.integer(map, "weight", at: node)
            if let weight, weight < 1 { reader.report(map["weight"], .badWeight, "item \(id ?? "?"): weight must be 1 or more") }
            let question = reader.localized(map, "question", at: node)
            let help = reader.localized(map, "help", at: node)
            let evidence = map["evidence"].flatMap { reader.localized($0, "evidence") }
            let sizes = appliesTo(map["applies_to"], &reader)
            var allowsNotApplicable = false
            if let flag = map["allow_not_applicable"] {
                if let value = flag.bool {
                    allowsNotApplicable = value
                } else {
                    reader.report(flag, .wrongType, "'allow_not_applicable' is true or false")
                }
            }
            let options = reader.sequence(map, "options", at: node).map { optionList($0, item: id ?? "?", &reader) }
            if let options, options.count < 2 {
                reader.report(map["options"], .wrongType, "item \(id ?? "?"): a question needs at least two options")
            }
            guard let id, let dimension, let weight, let question, let help, let sizes, let options else { continue }
            if items.contains(where: { $0.id == id }) { reader.report(node, .duplicateId, "item \(id) is listed twice") }
            lines["dimension:\(id)"] = map["dimension"]?.mark?.line
            items.append(
                .init(
                    id: id, dimension: dimension, question: question, help: help, evidence: evidence, weight: weight,
                    appliesTo: sizes.all ? nil : sizes.set, allowsNotApplicable: allowsNotApplicable, options: options))
        }
        return items
    }

    /// `applies_to`: `all` (also when absent) or a list of sizes (large, medium, small, micro).
    static func appliesTo(_ node: Node?, _ reader: inout DiagnosisFileReader) -> (all: Bool, set: Set<EnterpriseSize>)? {
        guard let node, node.string != "all" else { return (true, []) }
        let known = EnterpriseSize.allCases.map(\.rawValue).joined(separator: ", ")
        guard let list = node.sequence, !list.isEmpty else {
            reader.report(node, .wrongType, "'applies_to' is all or a list of sizes (\(known))")
            return nil
        }
        var sizes: Set<EnterpriseSize> = []
        for entry in list {
            guard let size = entry.string.flatMap(EnterpriseSize.init(rawValue:)) else {
                reader.report(entry, .wrongType, "unknown size '\(entry.string ?? "?")' (known: \(known))")
                return nil
            }
            sizes.insert(size)
        }
        return (sizes == Set(EnterpriseSize.allCases), sizes)
    }

    static func optionList(_ nodes: [Node], item: String, _ reader: inout DiagnosisFileReader) -> [Questionnaire.Option] {
        var options: [Questionnaire.Option] = []
        for node in nodes {
            guard let map = node.mapping else {
                reader.report(node, .wrongType, "an option is a mapping {value, score, label}")
                continue
            }
            reader.checkKeys(map, ["value", "score", "label"])
            let value = reader.identifier(map, "value", at: node)
            let score = reader.integer(map, "score", at: node)
            let label = reader.localized(map, "label", at: node)
            if let score, !(0...100).contains(score) {
                reader.report(map["score"], .badScore, "item \(item), option \(value ?? "?"): score \(score) must be 0–100")
            }
            guard let value, let score, let label else { continue }
            if options.contains(where: { $0.value == value }) {
                reader.report(node, .duplicateId, "item \(item): option \(value) is listed twice")
            }
            options.append(.init(value: value, label: label, score: score))
        }
        return options
    }
}
