import Foundation
import NationalSync
import Testing

@Suite("RFC 3339 dates on the wire are read and written by hand, as Foundation's formatter would")
struct RFC3339TranscoderTests {
    let transcoder = RFC3339Transcoder()

    func foundation(_ options: ISO8601DateFormatter.Options = [.withInternetDateTime]) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        return formatter
    }

    @Test("writing: the same text as ISO8601DateFormatter, for dates over four centuries and every second of a day")
    func writesLikeFoundation() throws {
        let formatter = foundation()
        var instants: [TimeInterval] = [0, -1, 951_782_400, 1_740_000_000.999, 4_102_444_799]
        var seconds: TimeInterval = -2_208_988_800  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            instants.append(seconds)
            seconds += 86_400 * 13 + 3_607.25
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(try transcoder.encode(date) == formatter.string(from: date), "at \(instant)")
        }
    }

    @Test("reading: what Foundation reads, to the millisecond, with fractions and offsets")
    func readsLikeFoundation() throws {
        let plain = foundation()
        let fractional = foundation([.withInternetDateTime, .withFractionalSeconds])
        for text in [
            "2025-03-01T08:30:00Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "2026-12-05T16:45:33+08:00",
            "2026-12-05T00:00:00-05:30", "2099-12-31T12:00:00z",
        ] {
            #expect(try transcoder.decode(text) == plain.date(from: text), "\(text)")
        }
        for text in ["2025-03-01T08:30:00.250Z", "2025-03-01T08:30:00.5+01:00", "2025-03-01T08:30:00.123Z"] {
            let ours = try transcoder.decode(text).timeIntervalSince1970
            let theirs = try #require(fractional.date(from: text)).timeIntervalSince1970
            #expect(abs(ours - theirs) < 0.001, "\(text)")
        }
        let date = Date(timeIntervalSince1970: 1_740_000_000)
        #expect(try transcoder.decode(transcoder.encode(date)) == date)
    }

    @Test("malformed text and days the month does not have are refused")
    func refusesMalformed() {
        for text in [
            "", "2025-03-01", "2025-03-01T08:30:00", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
            "2025-03-01T24:00:00Z", "2025-03-01T08:60:00Z", "2025-03-01 08:30:00Z", "2025-03-01T08:30:00.Z",
            "2025-03-01T08:30:00+0800", "2025-03-01T08:30:00Zjunk", "２０２５-03-01T08:30:00Z", "2025-3-01T08:30:00Z",
        ] {
            #expect(throws: DecodingError.self, "\(text)") { try transcoder.decode(text) }
        }
    }
}
