import Foundation

/// The time source. Injected everywhere so tests and the engine stay deterministic.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tests move by hand.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) { lock.withLock { current = date } }
}

/// Dates as the users read them: Asia/Shanghai (domain.md §7).
public enum Shanghai {
    public static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// Made once, not on every use: many callers ask for it per date.
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// "2026-11-22 18:30" in Shanghai time.
    public static func dateTimeText(_ date: Date) -> String {
        let (year, month, day, minutes) = civil(date)
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2)) \(digits(minutes / 60, 2)):\(digits(minutes % 60, 2))"
    }

    /// "2026-11-22" in Shanghai time.
    public static func dateText(_ date: Date) -> String {
        let (year, month, day, _) = civil(date)
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))"
    }

    /// China has kept UTC+8 without daylight saving since 15 September 1991: from 1992 on the
    /// Shanghai date is plain arithmetic (days from the civil calendar, H. Hinnant's algorithm),
    /// which pages listing hundreds of dates need (`Calendar` per date cost milliseconds per page).
    /// Earlier instants go through the time-zone database.
    static let steadySince = Date(timeIntervalSince1970: 694_195_200)  // 1992-01-01 00:00 in Shanghai

    /// Year, month, day and minutes since midnight of `date` in Shanghai.
    static func civil(_ date: Date) -> (year: Int, month: Int, day: Int, minutes: Int) {
        guard date >= steadySince else {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
        }
        let seconds = Int((date.timeIntervalSince1970 + 8 * 3600).rounded(.down))
        let (days, secondOfDay) = (seconds.floorDivided(by: 86_400), seconds.floorModulo(86_400))
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day, secondOfDay / 60)
    }

    /// `value` with leading zeros to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Parses "YYYY-MM-DD" as midnight in Shanghai; nil when not a real date.
    public static func parseDate(_ text: String) -> Date? {
        let pieces = text.split(separator: "-")
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
            let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        let cal = calendar
        guard components.isValidDate(in: cal), let date = cal.date(from: components) else { return nil }
        return date
    }
}

extension Int {
    func floorDivided(by divisor: Int) -> Int { (self - floorModulo(divisor)) / divisor }
    func floorModulo(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}
