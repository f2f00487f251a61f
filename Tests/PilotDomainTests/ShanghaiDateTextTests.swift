import Foundation
import PilotDomain
import Testing

@Suite("Dates as Shanghai reads them")
struct ShanghaiDateTextTests {
    /// The time-zone database's answer, the reference for the arithmetic.
    static func reference(_ date: Date) -> String {
        let parts = Shanghai.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    @Test("known instants: midnight boundaries, leap days, year ends, before 1992 (DST years) and far ahead")
    func known() {
        let cases: [(TimeInterval, String)] = [
            (1_735_660_800, "2025-01-01 00:00"),  // 2024-12-31 16:00 UTC
            (1_735_660_799, "2024-12-31 23:59"),
            (1_709_136_000, "2024-02-29 00:00"),
            (951_753_600, "2000-02-29 00:00"),
            (694_195_200, "1992-01-01 00:00"),
            (680_000_000, "1991-07-20 17:53"),  // summer time then: UTC+9
            (0, "1970-01-01 08:00"),
            (4_102_416_000, "2100-01-01 00:00"),
        ]
        for (seconds, text) in cases {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Shanghai.dateTimeText(date) == text, "\(seconds)")
            #expect(Shanghai.dateText(date) == String(text.prefix(10)))
        }
    }

    @Test("agrees with the time-zone database every 7 hours 13 minutes from 1990 to 2040")
    func sweep() {
        var seconds: TimeInterval = 631_152_000  // 1990-01-01 UTC
        while seconds < 2_208_988_800 {
            let date = Date(timeIntervalSince1970: seconds + 0.75)
            #expect(Shanghai.dateTimeText(date) == Self.reference(date), "\(seconds)")
            seconds += 7 * 3600 + 13 * 60
        }
    }
}
