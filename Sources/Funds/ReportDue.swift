import Foundation
import PilotDomain

/// The two reports a project owes for each period of its task book.
public enum ReportKind: String, Sendable, Hashable, Codable, CaseIterable {
    case progress
    case financial

    public var label: LocalizedText {
        switch self {
        case .progress: LocalizedText(zh: "进度报告", en: "Progress report")
        case .financial: LocalizedText(zh: "财务报告", en: "Financial report")
        }
    }
}

public enum ReportState: String, Sendable, Hashable, Codable {
    case due
    case submitted
    /// No longer owed: an amendment moved the task book's end before this period.
    case cancelled
}

/// What was handed in for a report.
public struct ReportSubmission: Sendable, Hashable, Codable {
    public let by: Officer
    public let byName: String
    public let at: Date
    public let summary: String
    /// An uploaded file (the upload store's id), if one came with it.
    public let attachment: String?
}

/// One report a project owes: its kind, the period it covers ("yyyy-MM-dd", inclusive) and the
/// day it is due (the period's end plus the programme's grace days); overdue from the day after.
public struct ReportDue: Sendable, Hashable, Codable, Identifiable {
    public let number: Int
    public let projectId: String
    public let kind: ReportKind
    public let periodStart: String
    public let periodEnd: String
    public let dueDay: String
    public internal(set) var state: ReportState
    public internal(set) var submission: ReportSubmission?

    public var id: Int { number }

    /// Still owed and its due day is over.
    public func isOverdue(at now: Date) -> Bool {
        guard state == .due, let due = ReportingCalendar.day(dueDay) else { return false }
        return now >= due.addingTimeInterval(86_400)
    }
}

/// The calendar arithmetic of the reporting rules, in China's time zone (the programme's days).
public enum ReportingCalendar {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar
    }()

    /// The start of a "yyyy-MM-dd" day, or nil when it is not a real date.
    public static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components), format(date) == text else { return nil }
        return date
    }

    public static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The periods from `start` to `end`: calendar periods of `months` months (quarters for 3,
    /// counted from January), the first starting at `start`, the last ending at `end`.
    static func periods(from start: Date, to end: Date, months: Int) -> [(start: Date, end: Date)] {
        var periods: [(start: Date, end: Date)] = []
        let first = calendar.dateComponents([.year, .month], from: start)
        let month = ((first.month ?? 1) - 1) / months * months + 1
        guard var boundary = calendar.date(from: DateComponents(year: first.year, month: month, day: 1)) else { return [] }
        var from = start
        while from <= end, periods.count < 400 {
            guard let next = calendar.date(byAdding: .month, value: months, to: boundary),
                let last = calendar.date(byAdding: .day, value: -1, to: next)
            else { break }
            periods.append((from, min(last, end)))
            boundary = next
            from = next
        }
        return periods
    }
}
