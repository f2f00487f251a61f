import PilotDomain
import Yams

extension ProgrammeFile {
    /// `phases`: a list of `{id, zh, en, start, end, dossier, steps}` in order; dates quoted
    /// `YYYY-MM-DD`, each phase after the one before, each step inside its phase; `dossier` is
    /// `midterm` or `final`, each at most once. Every problem is reported with its line.
    mutating func phaseList(_ node: Node) -> [ProgrammePhase]? {
        guard let items = node.sequence, !items.isEmpty else {
            report(node, .badPhase, "phases is a list of {id, zh, en, start, end, dossier, steps}")
            return nil
        }
        var phases: [ProgrammePhase] = []
        var dossiers: Set<String> = []
        for item in items {
            guard let map = item.mapping, let id = map["id"]?.string, let zh = map["zh"]?.string, let en = map["en"]?.string,
                !id.isEmpty, !zh.isEmpty
            else {
                report(item, .badPhase, "a phase needs id, zh, en, start and end")
                continue
            }
            for key in map.keys where !["id", "zh", "en", "start", "end", "dossier", "steps"].contains(key.string ?? "") {
                report(key, .unknownKey, "phase \(id): unknown key '\(key.string ?? "?")'")
            }
            guard let dates = window(map, item, "phase \(id)") else { continue }
            let (start, end) = dates
            if phases.contains(where: { $0.id == id }) { report(item, .duplicate, "phase \(id) is listed twice") }
            if let previous = phases.last, start <= previous.end {
                report(
                    map["start"] ?? item, .badPhase,
                    "phase \(id) starts on \(start), before phase \(previous.id) ends (\(previous.end))")
            }
            let dossier = map["dossier"]?.string
            if let dossier {
                if !ProgrammePhase.dossiers.contains(dossier) {
                    report(map["dossier"], .badPhase, "phase \(id): dossier '\(dossier)' must be midterm or final")
                } else if !dossiers.insert(dossier).inserted {
                    report(map["dossier"], .duplicate, "dossier \(dossier) closes two phases")
                }
            }
            var steps: [ProgrammePhase.Step] = []
            if let stepsNode = map["steps"] {
                guard let stepItems = stepsNode.sequence else {
                    report(stepsNode, .badPhase, "phase \(id): steps is a list of {zh, en, start, end}")
                    continue
                }
                for step in stepItems {
                    guard let stepMap = step.mapping, let stepZh = stepMap["zh"]?.string, let stepEn = stepMap["en"]?.string,
                        !stepZh.isEmpty
                    else {
                        report(step, .badPhase, "phase \(id): a step needs zh, en, start and end")
                        continue
                    }
                    guard let stepDates = window(stepMap, step, "phase \(id), step '\(stepZh)'") else { continue }
                    let (from, to) = stepDates
                    if from < start || to > end {
                        report(
                            step, .badPhase,
                            "phase \(id): step '\(stepZh)' (\(from) – \(to)) lies outside the phase (\(start) – \(end))")
                    }
                    steps.append(.init(name: LocalizedText(zh: stepZh, en: stepEn), start: from, end: to))
                }
            }
            lines["phase:\(id)"] = item.mark?.line
            phases.append(
                ProgrammePhase(
                    id: id, name: LocalizedText(zh: zh, en: en), start: start, end: end,
                    dossier: dossier.flatMap { ProgrammePhase.dossiers.contains($0) ? $0 : nil }, steps: steps))
        }
        return phases
    }

    /// The `start` and `end` of a phase or step: real dates, quoted, the end not before the start.
    mutating func window(_ map: Node.Mapping, _ node: Node, _ what: String) -> (String, String)? {
        var dates: [String] = []
        for key in ["start", "end"] {
            guard let text = map[key]?.string, Shanghai.parseDate(text) != nil else {
                report(map[key] ?? node, .badPhase, "\(what): \(key) must be a date YYYY-MM-DD (quoted)")
                return nil
            }
            dates.append(text)
        }
        guard dates[0] <= dates[1] else {
            report(map["end"] ?? node, .badPhase, "\(what): end \(dates[1]) is before start \(dates[0])")
            return nil
        }
        return (dates[0], dates[1])
    }
}
