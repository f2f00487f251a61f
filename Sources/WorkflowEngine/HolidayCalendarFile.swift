import Foundation
import PilotDomain
import Yams

/// Reads `Workflows/calendar/china-holidays.yaml` into a `HolidayCalendar`, reporting problems
/// with file and line like the workflow validator.
public enum HolidayCalendarFile {
    public static let relativePath = "calendar/china-holidays.yaml"

    public static func load(path: String) throws(DefinitionErrors) -> HolidayCalendar {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DefinitionErrors([
                DefinitionProblem(file: path, line: 0, kind: .missingKey, message: "cannot read the holiday calendar")
            ])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(DefinitionErrors) -> HolidayCalendar {
        var problems: [DefinitionProblem] = []
        func report(_ node: Node?, _ message: String) {
            problems.append(DefinitionProblem(file: file, line: node?.mark?.line ?? 1, kind: .wrongType, message: message))
        }
        var calendar = HolidayCalendar()
        do {
            guard let root = try Yams.compose(yaml: text), let years = root.mapping?["years"]?.mapping else {
                throw DefinitionErrors([
                    DefinitionProblem(file: file, line: 1, kind: .missingKey, message: "expected a 'years' mapping")
                ])
            }
            for (yearNode, entry) in years {
                guard let year = yearNode.int, (2000...2100).contains(year), let fields = entry.mapping else {
                    report(yearNode, "each year must be a number with 'holidays' and 'workdays' lists")
                    continue
                }
                calendar.coveredYears.insert(year)
                for (key, target) in [("holidays", \HolidayCalendar.holidays), ("workdays", \HolidayCalendar.makeUpWorkdays)] {
                    for item in fields[key]?.sequence ?? [] {
                        guard let text = item.string, let days = expand(text), days.allSatisfy({ $0.hasPrefix(String(year)) })
                        else {
                            report(item, "'\(item.string ?? "?")' is not a date or FROM..TO range in \(year)")
                            continue
                        }
                        calendar[keyPath: target].formUnion(days)
                    }
                }
            }
        } catch let error as DefinitionErrors {
            throw error
        } catch {
            throw DefinitionErrors([DefinitionProblem(file: file, line: 1, kind: .yamlSyntax, message: "\(error)")])
        }
        if !problems.isEmpty { throw DefinitionErrors(problems) }
        return calendar
    }

    /// "2024-02-10" or "2024-02-10..2024-02-17" → every day, as YYYY-MM-DD; nil when malformed.
    static func expand(_ text: String) -> [String]? {
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count), let first = Shanghai.parseDate(parts[0]),
            let last = Shanghai.parseDate(parts.count == 2 ? parts[1] : parts[0]), first <= last
        else { return nil }
        var days: [String] = []
        var day = first
        while day <= last && days.count < 366 {
            days.append(Shanghai.dateText(day))
            day = Shanghai.calendar.date(byAdding: .day, value: 1, to: day) ?? last.addingTimeInterval(86_400)
        }
        return days
    }
}
