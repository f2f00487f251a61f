import Foundation
import PilotDomain
import WorkflowEngine
import Yams

/// Reads the nodes of one diagnosis file (model or questionnaire) and collects every problem with the
/// line it is on, so the file's author sees them all at once rather than one per run.
struct DiagnosisFileReader {
    let file: String
    var problems: [DiagnosisProblem] = []

    init(file: String) { self.file = file }

    mutating func report(_ node: Node?, _ kind: DiagnosisProblemKind, _ message: String) {
        problems.append(DiagnosisProblem(file: file, line: node?.mark?.line ?? 1, kind: kind, message: message))
    }

    /// The document's top mapping, or nil after reporting why there is none.
    mutating func topMapping(_ text: String) -> (Node, Node.Mapping)? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(nil, .missingKey, "the file is empty")
                return nil
            }
            root = node
        } catch let error as YamlError {
            let (line, message) = DefinitionParser.describe(error)
            problems.append(DiagnosisProblem(file: file, line: line, kind: .yamlSyntax, message: message))
            return nil
        } catch {
            report(nil, .yamlSyntax, "\(error)")
            return nil
        }
        guard let map = root.mapping else {
            report(root, .wrongType, "the file must be a mapping of keys")
            return nil
        }
        return (root, map)
    }

    /// Reports every key of `map` not in `known`: a misspelt key would otherwise be silently ignored.
    mutating func checkKeys(_ map: Node.Mapping, _ known: Set<String>) {
        for key in map.keys where !known.contains(key.string ?? "") {
            report(key, .unknownKey, "unknown key '\(key.string ?? "?")' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// A mapping's value that must be a mapping itself.
    mutating func mapping(_ map: Node.Mapping, _ key: String, at parent: Node) -> (Node, Node.Mapping)? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard let inner = node.mapping else {
            report(node, .wrongType, "'\(key)' must be a mapping")
            return nil
        }
        return (node, inner)
    }

    /// A mapping's value that must be a non-empty list.
    mutating func sequence(_ map: Node.Mapping, _ key: String, at parent: Node) -> [Node]? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard let items = node.sequence, !items.isEmpty else {
            report(node, .wrongType, "'\(key)' must be a non-empty list")
            return nil
        }
        return Array(items)
    }

    mutating func string(_ map: Node.Mapping, _ key: String, at parent: Node) -> String? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard node.scalar != nil, let text = node.string, !text.isEmpty else {
            report(node, .wrongType, "'\(key)' must be text")
            return nil
        }
        return text
    }

    /// An id: lower-case letters, digits, '-' and '_', starting with a letter (stable in URLs and answers).
    mutating func identifier(_ map: Node.Mapping, _ key: String, at parent: Node) -> String? {
        guard let text = string(map, key, at: parent) else { return nil }
        guard text.range(of: "^[a-z][a-z0-9_-]*$", options: .regularExpression) != nil else {
            report(map[key], .wrongType, "'\(key)' \(text) must be lower-case letters, digits, '-' and '_'")
            return nil
        }
        return text
    }

    mutating func integer(_ map: Node.Mapping, _ key: String, at parent: Node) -> Int? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard node.scalar != nil, let value = node.int else {
            report(node, .wrongType, "'\(key)' must be a whole number")
            return nil
        }
        return value
    }

    /// `{zh, en}`, both non-empty.
    mutating func localized(_ map: Node.Mapping, _ key: String, at parent: Node) -> LocalizedText? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        return localized(node, key)
    }

    mutating func localized(_ node: Node, _ key: String) -> LocalizedText? {
        guard let inner = node.mapping else {
            report(node, .wrongType, "'\(key)' must be {zh, en}")
            return nil
        }
        checkKeys(inner, ["zh", "en"])
        guard let zh = inner["zh"]?.string, let en = inner["en"]?.string, !zh.isEmpty, !en.isEmpty else {
            report(node, .missingKey, "'\(key)' needs zh and en")
            return nil
        }
        return LocalizedText(zh: zh, en: en)
    }
}
