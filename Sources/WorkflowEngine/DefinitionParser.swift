import PilotDomain
import Yams

/// Reads one workflow YAML text into a `WorkflowDefinition`, remembering the line of every item
/// so that later checks can point at it. Structural problems (wrong types, missing keys, unknown
/// keys) are collected rather than thrown one at a time, so an author sees them all at once.
public struct DefinitionParser {
    let file: String
    private var problems: [DefinitionProblem] = []

    public init(file: String) {
        self.file = file
    }

    /// Parses `yaml`; returns the definition (possibly partial) and the structural problems.
    public static func parse(_ yaml: String, file: String) -> (WorkflowDefinition?, [DefinitionProblem]) {
        var parser = DefinitionParser(file: file)
        let definition = parser.parseDocument(yaml)
        return (definition, parser.problems)
    }

    mutating func parseDocument(_ yaml: String) -> WorkflowDefinition? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                report(1, .missingKey, "the file is empty")
                return nil
            }
            root = node
        } catch let error as YamlError {
            let (line, message) = Self.describe(error)
            report(line, .yamlSyntax, message)
            return nil
        } catch {
            report(1, .yamlSyntax, "\(error)")
            return nil
        }
        guard let top = mapping(root, "the document") else { return nil }
        checkKeys(
            top, allowed: ["id", "version", "title", "initial", "states", "transitions", "timers", "separation_of_duties"],
            at: root)

        let id = string(top, "id", required: true) ?? ""
        if !id.isEmpty,
            !id.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }) || !id.allSatisfy(\.isASCII)
        {
            report(line(of: top["id"], or: root), .wrongType, "id '\(id)' must use lowercase letters, digits and '-'")
        }
        let version = integer(top, "version", required: true) ?? 0
        if top["version"] != nil, version < 1 {
            report(line(of: top["version"], or: root), .wrongType, "version must be a positive integer")
        }
        let title = localized(top, "title", required: true, at: root) ?? LocalizedText(zh: id, en: id)
        let initial = string(top, "initial", required: true) ?? ""

        var states: [StateDefinition] = []
        for node in items(top, "states", required: true, at: root) {
            if let state = parseState(node) { states.append(state) }
        }
        var transitions: [TransitionDefinition] = []
        for node in items(top, "transitions", required: true, at: root) {
            if let transition = parseTransition(node) { transitions.append(transition) }
        }
        var timers: [TimerDefinition] = []
        for node in items(top, "timers", required: false, at: root) {
            if let timer = parseTimer(node) { timers.append(timer) }
        }
        var rules: [SeparationRule] = []
        for node in items(top, "separation_of_duties", required: false, at: root) {
            if let rule = parseSeparationRule(node) { rules.append(rule) }
        }

        return WorkflowDefinition(
            id: id, version: version, title: title, initialState: initial, states: states,
            transitions: transitions, timers: timers, separationOfDuties: rules, sourceFile: file)
    }

    // MARK: - Sections

    mutating func parseState(_ node: Node) -> StateDefinition? {
        guard let map = mapping(node, "a state") else { return nil }
        checkKeys(map, allowed: ["id", "label", "terminal", "sla_days"], at: node)
        guard let id = identifier(map, at: node) else { return nil }
        let label = localized(map, "label", required: true, at: node) ?? LocalizedText(zh: id, en: id)
        let terminal = boolean(map, "terminal") ?? false
        let sla = integer(map, "sla_days", required: false)
        if let sla, sla < 1 { report(line(of: map["sla_days"], or: node), .wrongType, "sla_days must be a positive integer") }
        return StateDefinition(id: id, label: label, terminal: terminal, slaDays: sla, line: line(of: node))
    }

    mutating func parseTransition(_ node: Node) -> TransitionDefinition? {
        guard let map = mapping(node, "a transition") else { return nil }
        checkKeys(
            map,
            allowed: [
                "id", "label", "from", "to", "roles", "guards", "effects", "routes", "national_event", "changes_funds",
                "admits_to_pool", "input",
            ],
            at: node)
        guard let id = identifier(map, at: node) else { return nil }
        let label = localized(map, "label", required: true, at: node) ?? LocalizedText(zh: id, en: id)
        let from = stringList(map, "from", required: true, at: node).map(\.value)
        let to = string(map, "to", required: true) ?? ""
        var roles: [Role] = []
        for item in stringList(map, "roles", required: true, at: node) {
            if let role = Role(rawValue: item.value) {
                roles.append(role)
            } else {
                report(
                    item.line, .unknownRole,
                    "transition '\(id)': unknown role '\(item.value)' (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        let guards = stringList(map, "guards", required: false, at: node)
        let effects = stringList(map, "effects", required: false, at: node)
        var routes: [TransitionRoute] = []
        for routeNode in items(map, "routes", required: false, at: node) {
            guard let routeMap = mapping(routeNode, "a route") else { continue }
            checkKeys(routeMap, allowed: ["when", "to"], at: routeNode)
            guard let when = string(routeMap, "when", required: true, at: routeNode),
                let target = string(routeMap, "to", required: true, at: routeNode)
            else { continue }
            routes.append(TransitionRoute(when: when, to: target, line: line(of: routeNode)))
        }
        let event = string(map, "national_event", required: false)
        var input: [InputField] = []
        for fieldNode in items(map, "input", required: false, at: node) {
            if let field = parseField(fieldNode) { input.append(field) }
        }
        var transition = TransitionDefinition(
            id: id, label: label, from: from, to: to, roles: roles, guards: guards.map(\.value),
            effects: effects.map(\.value), input: input, nationalEvent: event, line: line(of: node))
        transition.routes = routes
        transition.changesFunds = boolean(map, "changes_funds") ?? false
        transition.admitsToPool = boolean(map, "admits_to_pool") ?? false
        transition.lines = TransitionLines(
            to: line(of: map["to"], or: node), from: line(of: map["from"], or: node),
            roles: line(of: map["roles"], or: node),
            guards: Dictionary(guards.map { ($0.value, $0.line) }, uniquingKeysWith: { first, _ in first }),
            effects: Dictionary(effects.map { ($0.value, $0.line) }, uniquingKeysWith: { first, _ in first }),
            nationalEvent: line(of: map["national_event"], or: node))
        return transition
    }

    mutating func parseField(_ node: Node) -> InputField? {
        guard let map = mapping(node, "an input field") else { return nil }
        checkKeys(map, allowed: ["name", "type", "label", "required", "min", "max", "max_length", "options"], at: node)
        guard let name = string(map, "name", required: true, at: node) else { return nil }
        let typeName = string(map, "type", required: true, at: node) ?? "text"
        guard let kind = InputField.Kind(rawValue: typeName) else {
            report(
                line(of: map["type"], or: node), .badInput,
                "field '\(name)': unknown type '\(typeName)' (known: \(InputField.Kind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
            return nil
        }
        let label = localized(map, "label", required: true, at: node) ?? LocalizedText(zh: name, en: name)
        var options: [InputField.Option] = []
        for optionNode in items(map, "options", required: false, at: node) {
            guard let optionMap = mapping(optionNode, "an option") else { continue }
            guard let value = string(optionMap, "value", required: true, at: optionNode) else { continue }
            let optionLabel = localized(optionMap, "label", required: true, at: optionNode) ?? LocalizedText(zh: value, en: value)
            options.append(InputField.Option(value: value, label: optionLabel))
        }
        return InputField(
            name: name, kind: kind, label: label, required: boolean(map, "required") ?? false,
            min: integer(map, "min", required: false).map(Int64.init),
            max: integer(map, "max", required: false).map(Int64.init),
            maxLength: integer(map, "max_length", required: false), options: options, line: line(of: node))
    }

    mutating func parseTimer(_ node: Node) -> TimerDefinition? {
        guard let map = mapping(node, "a timer") else { return nil }
        checkKeys(map, allowed: ["id", "state", "after_days", "days_rule", "counting", "counting_rule", "fire"], at: node)
        guard let id = identifier(map, at: node) else { return nil }
        let state = string(map, "state", required: true, at: node) ?? ""
        let fire = string(map, "fire", required: true, at: node) ?? ""
        let days = integer(map, "after_days", required: true, at: node) ?? 1
        if days < 1 { report(line(of: map["after_days"], or: node), .badTimer, "timer '\(id)': after_days must be positive") }
        let countingName = string(map, "counting", required: false) ?? "calendar"
        let counting = TimerDefinition.DayCounting(rawValue: countingName)
        if counting == nil {
            report(line(of: map["counting"], or: node), .badTimer, "timer '\(id)': counting must be 'calendar' or 'working'")
        }
        return TimerDefinition(
            id: id, state: state, transition: fire, days: days, daysRule: string(map, "days_rule", required: false),
            counting: counting ?? .calendar, countingRule: string(map, "counting_rule", required: false),
            line: line(of: node))
    }

    mutating func parseSeparationRule(_ node: Node) -> SeparationRule? {
        guard let map = mapping(node, "a separation-of-duties rule") else { return nil }
        checkKeys(map, allowed: ["transition", "not_actor_of", "same_organisation", "message"], at: node)
        guard let transition = string(map, "transition", required: true, at: node) else { return nil }
        let others = stringList(map, "not_actor_of", required: true, at: node).map(\.value)
        let message =
            localized(map, "message", required: true, at: node)
            ?? LocalizedText(zh: "职责分离：不得办理此步骤", en: "Separation of duties: you may not take this step")
        return SeparationRule(
            transition: transition, notActorOf: others, sameOrganisation: boolean(map, "same_organisation") ?? false,
            message: message, line: line(of: node))
    }

    // MARK: - Typed access with problems reported

    mutating func report(_ line: Int, _ kind: DefinitionProblem.Kind, _ message: String) {
        problems.append(DefinitionProblem(file: file, line: line, kind: kind, message: message))
    }

    func line(of node: Node?, or fallback: Node? = nil) -> Int {
        node?.mark?.line ?? fallback?.mark?.line ?? 1
    }

    mutating func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
        guard let map = node.mapping else {
            report(line(of: node), .wrongType, "expected \(what) as a mapping of keys")
            return nil
        }
        return map
    }

    mutating func checkKeys(_ map: Node.Mapping, allowed: Set<String>, at node: Node) {
        for (key, _) in map {
            guard let name = key.string, !allowed.contains(name) else { continue }
            report(line(of: key), .unknownKey, "unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    mutating func identifier(_ map: Node.Mapping, at node: Node) -> String? {
        guard let id = string(map, "id", required: true, at: node) else { return nil }
        if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
            report(line(of: map["id"], or: node), .wrongType, "id '\(id)' must be snake_case (a–z, 0–9, _)")
        }
        return id
    }

    mutating func string(_ map: Node.Mapping, _ key: String, required: Bool, at node: Node? = nil) -> String? {
        guard let value = map[key] else {
            if required { report(line(of: node), .missingKey, "missing key '\(key)'") }
            return nil
        }
        guard let scalar = value.scalar else {
            report(line(of: value), .wrongType, "'\(key)' must be a single value")
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ map: Node.Mapping, _ key: String, required: Bool, at node: Node? = nil) -> Int? {
        guard let value = map[key] else {
            if required { report(line(of: node), .missingKey, "missing key '\(key)'") }
            return nil
        }
        guard let number = value.int else {
            report(line(of: value), .wrongType, "'\(key)' must be an integer")
            return nil
        }
        return number
    }

    mutating func boolean(_ map: Node.Mapping, _ key: String) -> Bool? {
        guard let value = map[key] else { return nil }
        guard let flag = value.bool else {
            report(line(of: value), .wrongType, "'\(key)' must be true or false")
            return nil
        }
        return flag
    }

    mutating func localized(_ map: Node.Mapping, _ key: String, required: Bool, at node: Node) -> LocalizedText? {
        guard let value = map[key] else {
            if required { report(line(of: node), .missingKey, "missing key '\(key)'") }
            return nil
        }
        guard let inner = value.mapping, let zh = inner["zh"]?.string, let en = inner["en"]?.string,
            !zh.isEmpty, !en.isEmpty
        else {
            report(line(of: value), .wrongType, "'\(key)' must be {zh: …, en: …} with both texts")
            return nil
        }
        return LocalizedText(zh: zh, en: en)
    }

    /// A list of scalars; a single scalar counts as a one-item list (`from: drafting`).
    mutating func stringList(_ map: Node.Mapping, _ key: String, required: Bool, at node: Node) -> [(value: String, line: Int)] {
        guard let value = map[key] else {
            if required { report(line(of: node), .missingKey, "missing key '\(key)'") }
            return []
        }
        if let scalar = value.scalar { return [(scalar.string, line(of: value))] }
        guard let sequence = value.sequence else {
            report(line(of: value), .wrongType, "'\(key)' must be a list")
            return []
        }
        var result: [(value: String, line: Int)] = []
        for item in sequence {
            if let text = item.string {
                result.append((text, line(of: item)))
            } else {
                report(line(of: item), .wrongType, "'\(key)' items must be single values")
            }
        }
        return result
    }

    mutating func items(_ map: Node.Mapping, _ key: String, required: Bool, at node: Node) -> [Node] {
        guard let value = map[key] else {
            if required { report(line(of: node), .missingKey, "missing key '\(key)'") }
            return []
        }
        if case .scalar(let scalar) = value, scalar.string.isEmpty || scalar.tag.rawValue.hasSuffix("null") { return [] }
        guard let sequence = value.sequence else {
            report(line(of: value), .wrongType, "'\(key)' must be a list")
            return []
        }
        return Array(sequence)
    }

    public static func describe(_ error: YamlError) -> (Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return (mark.line, "YAML syntax error: \(problem)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return (1, "YAML error: \(error)")
        }
    }
}
