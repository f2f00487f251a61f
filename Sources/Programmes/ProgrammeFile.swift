import Foundation
import Funds
import PilotDomain
import WorkflowEngine
import Yams

/// Reads one programme file (`Workflows/programmes/<code>.yaml`, format in that folder's README)
/// into a `ProgrammeDefinition`, reporting every problem with its line. What needs other files
/// (the division tree, the workflows, the dashboard's targets) is checked by `ProgrammeValidator`.
public struct ProgrammeFile {
    let file: String
    var problems: [ProgrammeProblem] = []
    /// Where each part was written, for the validator's messages.
    public internal(set) var lines: [String: Int] = [:]

    public static let topKeys: Set<String> = [
        "code", "kind", "name", "division", "workflows", "holiday_calendar", "sub_industries", "funding_sources", "targets",
        "rules", "pool_evaluation", "diagnosis", "phases",
    ]

    /// The definition (nil when the file is unusable) and the problems found.
    public static func parse(_ text: String, file: String) -> (ProgrammeDefinition?, [ProgrammeProblem], [String: Int]) {
        var parser = ProgrammeFile(file: file)
        let definition = parser.document(text)
        return (parser.problems.isEmpty ? definition : nil, parser.problems, parser.lines)
    }

    mutating func report(_ node: Node?, _ kind: ProgrammeProblem.Kind, _ message: String) {
        problems.append(ProgrammeProblem(file: file, line: node?.mark?.line ?? 1, kind: kind, message: message))
    }

    mutating func document(_ text: String) -> ProgrammeDefinition? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report(nil, .missingKey, "the file is empty")
                return nil
            }
            root = node
        } catch let error as YamlError {
            let (line, message) = DefinitionParser.describe(error)
            problems.append(ProgrammeProblem(file: file, line: line, kind: .syntax, message: message))
            return nil
        } catch {
            report(nil, .syntax, "\(error)")
            return nil
        }
        guard let top = root.mapping else {
            report(root, .wrongType, "the file must be a mapping of programme keys")
            return nil
        }
        for key in top.keys where !Self.topKeys.contains(key.string ?? "") {
            report(key, .unknownKey, "unknown key '\(key.string ?? "?")'")
        }
        let code = string(top, "code", at: root) ?? ""
        if !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }) {
            report(top["code"], .wrongType, "code '\(code)' must use capital letters, digits and '-'")
        }
        let kindText = string(top, "kind", at: root) ?? ""
        let kind = ProgrammeKind(rawValue: kindText)
        if kind == nil, !kindText.isEmpty {
            report(
                top["kind"], .wrongType, "kind must be one of \(ProgrammeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = localized(top["name"], "name", at: root)
        let divisionText = string(top, "division", at: root) ?? ""
        let division = DivisionCode(divisionText)
        if division == nil, !divisionText.isEmpty {
            report(top["division"], .wrongType, "division '\(divisionText)' must be a six- or nine-digit code (quote it)")
        }
        lines["division"] = top["division"]?.mark?.line
        let workflows = (top["workflows"]?.sequence ?? []).compactMap { node -> String? in
            guard let id = node.string else {
                report(node, .wrongType, "each workflow is a definition id")
                return nil
            }
            lines["workflow:\(id)"] = node.mark?.line
            return id
        }
        if top["workflows"] != nil, top["workflows"]?.sequence == nil {
            report(top["workflows"], .wrongType, "workflows is a list")
        }
        let calendar = top["holiday_calendar"].flatMap { node -> String? in
            if node.string == nil { report(node, .wrongType, "holiday_calendar is a path under Workflows/") }
            lines["holiday_calendar"] = node.mark?.line
            return node.string
        }
        let subIndustries = subIndustryList(top["sub_industries"])
        let (sources, sourceDivisions) = fundingSources(top["funding_sources"])
        let targets = top["targets"].flatMap { targetSettings($0) }
        let rules = ruleValues(top["rules"])
        let evaluation = top["pool_evaluation"].flatMap { evaluationCriteria($0) }
        let diagnosis = top["diagnosis"].flatMap { diagnosisSettings($0) }
        let phases = top["phases"].flatMap { phaseList($0) }
        guard let kind, let name, let division, !code.isEmpty else { return nil }
        var definition = ProgrammeDefinition(
            code: code, kind: kind, name: name, division: division, workflows: workflows, holidayCalendar: calendar,
            subIndustries: subIndustries, fundingSources: sources, sourceDivisions: sourceDivisions, targets: targets,
            rules: rules)
        definition.poolEvaluation = evaluation
        definition.diagnosis = diagnosis
        definition.phases = phases
        return definition
    }

    // MARK: - Sections

    mutating func subIndustryList(_ node: Node?) -> [ProgrammeDefinition.SubIndustry] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            report(node, .wrongType, "sub_industries is a list of {code, zh, en}")
            return []
        }
        var seen: Set<String> = []
        return items.compactMap { item in
            guard let map = item.mapping, let code = map["code"]?.string, let zh = map["zh"]?.string, let en = map["en"]?.string,
                !code.isEmpty, !zh.isEmpty
            else {
                report(item, .missingKey, "a sub-industry needs code, zh and en")
                return nil
            }
            if !seen.insert(code).inserted { report(item, .duplicate, "sub-industry \(code) is listed twice") }
            return ProgrammeDefinition.SubIndustry(code: code, name: LocalizedText(zh: zh, en: en))
        }
    }

    mutating func fundingSources(_ node: Node?) -> ([FundingSource], [String: DivisionCode]) {
        guard let node else { return ([], [:]) }
        guard let items = node.sequence else {
            report(node, .wrongType, "funding_sources is a list")
            return ([], [:])
        }
        var sources: [FundingSource] = []
        var divisions: [String: DivisionCode] = [:]
        for item in items {
            guard let map = item.mapping, let id = map["id"]?.string, let kindText = map["kind"]?.string,
                let zh = map["zh"]?.string, let en = map["en"]?.string
            else {
                report(item, .missingKey, "a funding source needs id, kind, zh and en")
                continue
            }
            guard let yuan = map["committed_yuan"]?.int, (0...RuleSchema.maxMoneyYuan * 2).contains(Int64(yuan)) else {
                report(
                    map["committed_yuan"] ?? item, .badFunding, "committed_yuan of \(id) must be whole yuan from 0 to 300000000")
                continue
            }
            let division = map["division"]?.string
            let kind: FundingSourceKind
            switch kindText {
            case "central": kind = .central
            case "city": kind = .city
            case "district_street": kind = .districtStreet
            case "zone": kind = .zone(code: id)
            default:
                report(map["kind"], .badFunding, "kind of \(id) must be central, city, district_street or zone")
                continue
            }
            if kindText == "zone" {
                guard let division, let code = DivisionCode(division) else {
                    report(map["division"] ?? item, .badFunding, "zone fund \(id) needs the division it pays for (a quoted code)")
                    continue
                }
                divisions[id] = code
                lines["source:\(id)"] = (map["division"] ?? item).mark?.line
            } else if division != nil {
                report(map["division"], .badFunding, "only a zone fund names a division")
            }
            if sources.contains(where: { $0.id == id }) { report(item, .duplicate, "funding source \(id) is listed twice") }
            sources.append(FundingSource(id: id, kind: kind, name: LocalizedText(zh: zh, en: en), committed: .yuan(Int64(yuan))))
        }
        if sources.count(where: { $0.kind == .central }) != 1 {
            report(node, .badFunding, "exactly one source must be of kind central")
        }
        if !sources.contains(where: { $0.kind.isLocal }) {
            report(node, .badFunding, "at least one local source must match the central money")
        }
        return (sources, divisions)
    }

    mutating func targetSettings(_ node: Node) -> ProgrammeDefinition.Targets? {
        guard let map = node.mapping, let deadline = map["deadline"]?.string, Shanghai.parseDate(deadline) != nil else {
            report(node, .badTarget, "targets need a deadline YYYY-MM-DD (quoted) and goals")
            return nil
        }
        var goals: [String: Int] = [:]
        for (key, value) in map["goals"]?.mapping ?? [:] {
            guard let name = key.string, let goal = value.int, (0...1_000_000).contains(goal) else {
                report(key, .badTarget, "goal '\(key.string ?? "?")' must be a whole number from 0 to 1000000")
                continue
            }
            goals[name] = goal
            lines["goal:\(name)"] = key.mark?.line
        }
        return ProgrammeDefinition.Targets(deadline: deadline, goals: goals)
    }

    /// `pool_evaluation`: a list of `{id, zh, en, weight, source}` (`source`: `experts`, the default,
    /// or `enterprise_feedback`, at most one); ids snake_case and unique; weights 1–100 adding up to 100.
    mutating func evaluationCriteria(_ node: Node) -> [ProgrammeDefinition.EvaluationCriterion]? {
        guard let items = node.sequence, !items.isEmpty else {
            report(node, .badEvaluation, "pool_evaluation is a list of criteria")
            return nil
        }
        var criteria: [ProgrammeDefinition.EvaluationCriterion] = []
        for item in items {
            guard let map = item.mapping, let id = map["id"]?.string, let zh = map["zh"]?.string, let en = map["en"]?.string,
                let weight = map["weight"]?.int
            else {
                report(item, .badEvaluation, "a criterion needs id, zh, en and weight")
                continue
            }
            if id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
                report(item, .badEvaluation, "criterion id '\(id)' must be snake_case")
            }
            if criteria.contains(where: { $0.id == id }) { report(item, .duplicate, "criterion \(id) is listed twice") }
            if !(1...100).contains(weight) { report(item, .badEvaluation, "criterion \(id): weight must be 1–100") }
            let source = map["source"]?.string ?? "experts"
            if !["experts", "enterprise_feedback"].contains(source) {
                report(item, .badEvaluation, "criterion \(id): source '\(source)' must be experts or enterprise_feedback")
            }
            criteria.append(
                .init(id: id, name: LocalizedText(zh: zh, en: en), weight: weight, fromFeedback: source == "enterprise_feedback"))
        }
        let total = criteria.reduce(0) { $0 + $1.weight }
        if total != 100 { report(node, .badEvaluation, "the criteria's weights add up to \(total), not 100") }
        if criteria.count(where: \.fromFeedback) > 1 {
            report(node, .badEvaluation, "at most one criterion comes from enterprise_feedback")
        }
        return criteria
    }

    mutating func ruleValues(_ node: Node?) -> [String: JSONValue] {
        guard let node else { return [:] }
        guard let map = node.mapping else {
            report(node, .wrongType, "rules is a mapping")
            return [:]
        }
        var rules: [String: JSONValue] = [:]
        for (keyNode, value) in map {
            let written = keyNode.string ?? ""
            let key = written.hasSuffix("_yuan") ? String(written.dropLast(5)) : written
            if case .money = RuleSchema.kinds[key], !written.hasSuffix("_yuan") {
                report(keyNode, .badRule, "money rules are written in yuan: \(key)_yuan")
                continue
            }
            guard let text = value.scalar?.string else {
                report(value, .badRule, "rule \(written) must be a single value")
                continue
            }
            switch RuleSchema.value(key, text: text) {
            case .success(let stored): rules[key] = stored
            case .failure(let error): report(keyNode, .badRule, error.message)
            }
        }
        return rules
    }

    // MARK: - Scalars

    mutating func string(_ map: Node.Mapping, _ key: String, at parent: Node) -> String? {
        guard let node = map[key] else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard let text = node.string, !text.isEmpty else {
            report(node, .wrongType, "'\(key)' must be text")
            return nil
        }
        return text
    }

    mutating func localized(_ node: Node?, _ key: String, at parent: Node) -> LocalizedText? {
        guard let node else {
            report(parent, .missingKey, "missing '\(key)'")
            return nil
        }
        guard let zh = node.mapping?["zh"]?.string, let en = node.mapping?["en"]?.string, !zh.isEmpty, !en.isEmpty else {
            report(node, .wrongType, "'\(key)' needs zh and en")
            return nil
        }
        return LocalizedText(zh: zh, en: en)
    }
}
