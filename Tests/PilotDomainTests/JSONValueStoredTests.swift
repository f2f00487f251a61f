import Foundation
import PilotDomain
import Testing

/// `JSONValue.asStored` is what reading a value's canonical text back gives: the instance cache
/// keeps written rows in this form, so a kept row equals a fresh read (issue #16).
@Suite("JSON values as stored")
struct JSONValueStoredTests {
    @Test("asStored equals parsing the canonical text back")
    func roundTrip() {
        let values: [JSONValue] = [
            .double(1.0), .double(-0.0), .double(1.5), .double(0.30000000000000004), .double(1e18), .double(1e19),
            .double(9.223372036854775807e18), .double(-9.223372036854775808e18), .double(.infinity), .double(.nan),
            .double(1e-300), .int(Int64.max), .int(Int64.min), .string("a\"b\\c\nd\u{1}é😀"), .bool(false), .null,
            .array([.double(2.0), .object(["x": .double(3.25), "y": .array([.double(4.0)])])]),
            .object(["nested": .object(["n": .double(7.0), "s": "text"]), "empty": .object([:]), "list": .array([])]),
        ]
        for value in values {
            let parsed = JSONValue.parse(JSONValue.canonicalText(.array([value])))
            #expect(parsed == .array([value.asStored]), "\(value)")
        }
        #expect(JSONValue.double(2.0).asStored == .int(2))
        #expect(JSONValue.double(2.5).asStored == .double(2.5))
    }

    @Test("random ids keep the UUID's form: prefix, underscore, 32 lower-case hex digits, version 4")
    func identifiers() {
        let ids = RandomIdentifiers()
        var seen = Set<String>()
        for _ in 0..<100 {
            let id = ids.make("evt")
            let hex = id.dropFirst(4)
            #expect(id.hasPrefix("evt_") && hex.count == 32)
            #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(hex.dropFirst(12).first == "4")
            seen.insert(id)
        }
        #expect(seen.count == 100)
    }
}
