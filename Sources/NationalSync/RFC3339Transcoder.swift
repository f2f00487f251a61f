import Foundation
import OpenAPIRuntime

/// RFC 3339 timestamps (`2025-03-01T08:30:00Z`, `…08:30:00.250+08:00`) read and written by hand
/// for the generated client and server, and for the signature's `X-Timestamp`.
///
/// Why not the runtime's `ISO8601DateTranscoder`: on Linux it goes through ICU, which clones a
/// date formatter for every date it parses. A profile of `bench sync` (issue #16) found the mock
/// endpoint spending 31% of the whole run's CPU — more than PostgreSQL — parsing the
/// `occurred_at` of each event that way. This is the same grammar in a single pass over the bytes.
public struct RFC3339Transcoder: DateTranscoder {
    public init() {}

    /// Whole seconds in UTC, as the default transcoder wrote them (the wire format is unchanged).
    public func encode(_ date: Date) throws -> String { Self.string(from: date) }

    public func decode(_ text: String) throws -> Date {
        guard let date = Self.date(from: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "'\(text)' is not an RFC 3339 date-time"))
        }
        return date
    }

    static func string(from date: Date) -> String {
        // The C library's civil calendar in UTC: no formatter, no locale, no allocation.
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func append(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        append(Int64(parts.tm_year) + 1900, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(parts.tm_mon) + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(parts.tm_mday), digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(Int64(parts.tm_hour), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int64(parts.tm_min), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int64(parts.tm_sec), digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; nil for anything else, or a day the month
    /// does not have.
    static func date(from text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var index = 0
            func number(_ digits: Int) -> Int64? {
                guard index + digits <= bytes.count else { return nil }
                var value: Int64 = 0
                for _ in 0..<digits {
                    let byte = bytes[index]
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                    index += 1
                }
                return value
            }
            func expect(_ allowed: String) -> Bool {
                guard index < bytes.count, allowed.utf8.contains(bytes[index]) else { return false }
                index += 1
                return true
            }
            guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
                expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
                let second = number(2)
            else { return nil }
            guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
                second < 61
            else { return nil }
            var fraction = 0.0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                // Nanoseconds at most; further digits are read but below a Date's precision.
                var nanos: Int64 = 0
                var scale: Int64 = 100_000_000
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    nanos += Int64(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
                fraction = Double(nanos) / 1_000_000_000
            }
            var offset: Int64 = 0
            if expect("Zz") {
                offset = 0
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2), expect(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard index == bytes.count else { return nil }
            let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
