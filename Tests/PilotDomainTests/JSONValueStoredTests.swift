import Foundation
import Testing

@testable import PilotDomain

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

    @Test("the plain JSON reader reads what JSONDecoder reads, and gives up on anything else")
    func readerAgreesWithJSONDecoder() {
        let texts = [
            "1", "1.0", "-0", "-0.0", "1e3", "1E+2", "1.5", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "-9223372036854775807", "-9.223372036854776e+18",
            "9.223372036854776e+18", "1e18", "1e19", "0.1e1", "01", "+1", ".5", "1.", "NaN",
            "Infinity", #""a\u00e9\ud83d\ude00""#, #""\ud800""#, #""\udc00""#, #""\/\b\f\n\r\t\"\\""#, "[1,]",
            #"{"a":1,"a":2}"#, #" {"b" : [ true , null ] } "#, "tru", "\"\u{1}\"", "1 2", "{}x", #""\x""#, "[1e400]",
            "[-1e400]", "[1e-400]", "123456789012345678901234567890", "[0.30000000000000004]", #"{"a":{}}"#,
            #"["\u0000"]"#, #""\uDC00\uD800""#, "[1.0e0]", "-", "[-]", "[00]", "[-01]", "[1e]", "\"\t\"", "", " ",
            "[", "{", #"{"a"}"#, #"{"a":}"#, #"{1:2}"#, "[1 2]", "\"unterminated", #"{"z":1,"a":[{"q":"引号"}],"m":-12.5e-3}"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ]
        for text in texts {
            let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            if let read = JSONTextReader.read(text) { #expect(read == decoded, "\(text)") }
            #expect(JSONValue.parse(text) == decoded, "\(text)")
        }
        // What the store writes, the reader reads itself (no JSONDecoder on the decision path).
        let stored: JSONValue = .object([
            "plan": .object(["summary": "产线数据采集", "cost": .int(80_000_000), "ratio": .double(0.3), "ok": .bool(true)]),
            "list": .array([.null, .string("a\"b\\c\n\u{1}"), .int(-7)]), "empty": .object([:]),
        ])
        let text = JSONValue.canonicalText(stored)
        #expect(JSONTextReader.read(text) == stored)
        #expect(JSONTextReader.read(text) == (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test("canonical text: keys sorted, no white space, escapes only where JSON needs them (the bytes the audit hash covers)")
    func canonicalBytes() {
        let value: JSONValue = .object([
            "b": "x", "a\tkey": .int(1),
            "a": .array([.string("a\"b\\c\n\r\t\u{1}\u{1F}"), .string("产线 é"), .int(-7), .null, .bool(true), .object([:])]),
        ])
        #expect(
            JSONValue.canonicalText(value)
                == #"{"a":["a\"b\\c\n\r\t\u0001\u001f","产线 é",-7,null,true,{}],"a\tkey":1,"b":"x"}"#)
    }
}
