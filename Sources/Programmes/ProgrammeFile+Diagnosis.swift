import PilotDomain
import Yams

/// The `diagnosis` section of a diagnosis campaign's file (format in Workflows/programmes/README.md).
extension ProgrammeFile {
    static let diagnosisKeys: Set<String> = [
        "industry_groups", "modules", "offline", "unit_levels", "contact_per_firm", "milestones", "quota_formula",
        "official_quotas", "official_totals",
    ]

    mutating func diagnosisSettings(_ node: Node) -> DiagnosisSettings? {
        guard let map = node.mapping else {
            report(node, .badDiagnosis, "diagnosis is a mapping")
            return nil
        }
        for key in map.keys where !Self.diagnosisKeys.contains(key.string ?? "") {
            report(key, .unknownKey, "unknown key 'diagnosis.\(key.string ?? "?")'")
        }
        let groups = industryGroups(map["industry_groups"], at: node)
        let modules = (map["modules"]?.sequence ?? []).compactMap { item -> String? in
            if let id = item.string { lines["questionnaire:\(id)"] = item.mark?.line }
            return item.string
        }
        let offline = offlineRule(map["offline"], at: node)
        let levels = unitLevels(map["unit_levels"], at: node)
        let milestones = (map["milestones"]?.sequence ?? []).compactMap { milestone($0) }
        let formula = map["quota_formula"].flatMap { quotaFormula($0) }
        let quotas = (map["official_quotas"]?.sequence ?? []).compactMap { officialQuota($0) }
        var totals: [Int: Int] = [:]
        for (key, value) in map["official_totals"]?.mapping ?? [:] {
            guard let year = key.int, let firms = value.int, (2000...2100).contains(year), (0...10_000_000).contains(firms)
            else {
                report(key, .badDiagnosis, "official_totals maps a year to a number of firms")
                continue
            }
            totals[year] = firms
        }
        var seen: Set<DivisionCode> = []
        for quota in quotas where !seen.insert(quota.division).inserted {
            report(node, .duplicate, "official quota of \(quota.division) is listed twice")
        }
        guard let offline, !groups.isEmpty, !levels.isEmpty else { return nil }
        return DiagnosisSettings(
            industryGroups: groups, modules: modules, offline: offline, unitLevels: levels,
            contactPerFirm: map["contact_per_firm"]?.bool ?? false, milestones: milestones, quotaFormula: formula,
            officialQuotas: quotas, officialTotals: totals)
    }

    mutating func industryGroups(_ node: Node?, at parent: Node) -> [DiagnosisSettings.IndustryGroup] {
        guard let items = node?.sequence, !items.isEmpty else {
            report(node ?? parent, .badDiagnosis, "diagnosis.industry_groups lists {id, zh, en, questionnaire}")
            return []
        }
        var groups: [DiagnosisSettings.IndustryGroup] = []
        for item in items {
            guard let map = item.mapping, let id = map["id"]?.string, let zh = map["zh"]?.string, let en = map["en"]?.string,
                let questionnaire = map["questionnaire"]?.string
            else {
                report(item, .badDiagnosis, "an industry group needs id, zh, en and questionnaire")
                continue
            }
            if id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
                report(item, .badDiagnosis, "industry group id '\(id)' must be snake_case")
            }
            if groups.contains(where: { $0.id == id }) { report(item, .duplicate, "industry group \(id) is listed twice") }
            lines["questionnaire:\(questionnaire)"] = map["questionnaire"]?.mark?.line
            groups.append(.init(id: id, name: LocalizedText(zh: zh, en: en), questionnaire: questionnaire))
        }
        return groups
    }

    mutating func offlineRule(_ node: Node?, at parent: Node) -> DiagnosisSettings.OfflineRule? {
        guard let map = node?.mapping, let rule = map["rule"]?.string else {
            report(node ?? parent, .badDiagnosis, "diagnosis.offline needs a rule: grade_at_least, on_request or every_firm")
            return nil
        }
        switch rule {
        case "on_request": return .onRequest
        case "every_firm": return .everyFirm
        case "grade_at_least":
            guard let grade = map["grade"]?.int, (1...10).contains(grade) else {
                report(node, .badDiagnosis, "grade_at_least needs a grade from 1 to 10")
                return nil
            }
            return .gradeAtLeast(grade)
        default:
            report(map["rule"], .badDiagnosis, "offline rule '\(rule)' must be grade_at_least, on_request or every_firm")
            return nil
        }
    }

    mutating func unitLevels(_ node: Node?, at parent: Node) -> [DivisionCode.Level] {
        guard let items = node?.sequence, !items.isEmpty else {
            report(node ?? parent, .badDiagnosis, "diagnosis.unit_levels lists the levels officials supervise by")
            return []
        }
        var levels: [DivisionCode.Level] = []
        for item in items {
            guard let level = item.string.flatMap(DivisionCode.Level.init(rawValue:)), level != .nation else {
                report(item, .badDiagnosis, "a unit level is province, prefecture, county or township")
                continue
            }
            if let last = levels.last, last >= level {
                report(item, .badDiagnosis, "unit levels go downwards, each below the one before")
            }
            levels.append(level)
        }
        return levels
    }

    mutating func milestone(_ node: Node) -> DiagnosisSettings.Milestone? {
        guard let map = node.mapping, let date = map["date"]?.string, Shanghai.parseDate(date) != nil else {
            report(node, .badDiagnosis, "a milestone needs a date YYYY-MM-DD (quoted)")
            return nil
        }
        func count(_ key: String, max: Int) -> Int? {
            guard let value = map[key] else { return nil }
            guard let number = value.int, (0...max).contains(number) else {
                report(value, .badDiagnosis, "milestone \(key) must be a whole number from 0 to \(max)")
                return nil
            }
            return number
        }
        let note = map["note"].flatMap { node -> LocalizedText? in
            guard let zh = node.mapping?["zh"]?.string, let en = node.mapping?["en"]?.string else { return nil }
            return LocalizedText(zh: zh, en: en)
        }
        let milestone = DiagnosisSettings.Milestone(
            date: date, diagnosed: count("diagnosed", max: 10_000_000), coveragePercent: count("coverage_percent", max: 100),
            providers: count("providers", max: 100_000), transformedPercent: count("transformed_percent", max: 100), note: note)
        for key in map.keys.compactMap(\.string)
        where !["date", "diagnosed", "coverage_percent", "providers", "transformed_percent", "note"].contains(key) {
            report(node, .unknownKey, "unknown milestone key '\(key)'")
        }
        return milestone
    }

    mutating func quotaFormula(_ node: Node) -> DiagnosisSettings.QuotaFormula? {
        guard let map = node.mapping, let total = map["total_firms"]?.int, let city = map["city_handled"]?.int,
            let phases = map["phases"]?.sequence, (1...10_000_000).contains(total), (0...total).contains(city)
        else {
            report(node, .badDiagnosis, "quota_formula needs total_firms, city_handled (at most the total) and phases")
            return nil
        }
        var parsed: [DiagnosisSettings.QuotaFormula.Phase] = []
        for phase in phases {
            guard let year = phase.mapping?["year"]?.int, let percent = phase.mapping?["percent"]?.int,
                (2000...2100).contains(year), (0...100).contains(percent)
            else {
                report(phase, .badDiagnosis, "a phase is {year, percent}")
                continue
            }
            parsed.append(.init(year: year, percent: percent))
        }
        let sum = parsed.reduce(0) { $0 + $1.percent }
        if sum != 100 { report(node, .badDiagnosis, "the phases add up to \(sum)%, not 100%") }
        return DiagnosisSettings.QuotaFormula(totalFirms: total, cityHandled: city, phases: parsed)
    }

    mutating func officialQuota(_ node: Node) -> DiagnosisSettings.OfficialQuota? {
        guard let map = node.mapping, let text = map["division"]?.string, let unit = map["unit"]?.string,
            let firms = map["firms"]?.mapping
        else {
            report(node, .badDiagnosis, "an official quota is {division, unit, firms: {year: n}}")
            return nil
        }
        guard let division = DivisionCode(text) else {
            report(map["division"], .badDiagnosis, "division '\(text)' must be a six- or nine-digit code (quote it)")
            return nil
        }
        lines["quota:\(text)"] = map["division"]?.mark?.line
        var byYear: [Int: Int] = [:]
        for (key, value) in firms {
            guard let year = key.int, let count = value.int, (2000...2100).contains(year), (0...10_000_000).contains(count) else {
                report(key, .badDiagnosis, "firms maps a year to a whole number of firms")
                continue
            }
            byYear[year] = count
        }
        return DiagnosisSettings.OfficialQuota(division: division, unit: unit, firms: byYear)
    }
}
