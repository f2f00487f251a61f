import Foundation

/// A JSON value: the data a workflow instance carries and the payload of outbox events.
/// Encoded with sorted keys so the same value always has the same text (the audit hash relies on it).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Human-readable text for pages: strings bare, everything else as JSON.
    public var displayText: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "✓" : "✗"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        case .array, .object: JSONValue.canonicalText(self)
        }
    }
}

extension JSONValue {
    /// The canonical JSON text: sorted keys, no white space, minimal escaping. Written by hand
    /// rather than with JSONEncoder: every command serialises several of these, and the same
    /// value must always give the same bytes (the audit hash covers them).
    public static func canonicalText(_ value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    static func write(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? "\(number)" : "null"
        case .string(let text): writeString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            // The pairs sorted by key (the same order as sorting the keys): no lookup per key.
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output += "," }
                writeString(member.key, to: &output)
                output += ":"
                write(member.value, to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        // Most texts (ids, states, names) need no escaping: appended whole, not scalar by scalar —
        // the scalar loop was most of a decision's JSON writing (issue #16 profile). Same bytes.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    public static func canonicalText(_ object: [String: JSONValue]) -> String {
        canonicalText(.object(object))
    }

    /// How `JSONDecoder` reads a number written with a fraction or an exponent: an integer when its
    /// value is one, except -2⁶³ (read as a double, though written as an integer it reads as one).
    static func integral(_ number: Double) -> Int64? {
        guard let value = Int64(exactly: number), value != .min else { return nil }
        return value
    }

    /// The value as reading its canonical text back gives it (`parse(canonicalText(v))`), without
    /// the text: a finite double with an exact integer value reads back as an integer (JSON has
    /// one number type), a non-finite one as null (its text is `null`); everything else is kept.
    /// What a cache of written rows keeps, so it holds exactly what a fresh read would return.
    public var asStored: JSONValue {
        switch self {
        case .double(let number):
            guard number.isFinite else { return .null }
            return Self.integral(number).map(JSONValue.int) ?? self
        case .array(let items): return .array(items.map(\.asStored))
        case .object(let members): return .object(members.mapValues(\.asStored))
        case .null, .bool, .int, .string: return self
        }
    }

    /// Parses JSON text; `nil` when it is not valid JSON. Plain JSON is read by `JSONTextReader`;
    /// whatever it leaves (nothing the store writes) by `JSONDecoder`, with the same result.
    public static func parse(_ text: String) -> JSONValue? {
        JSONTextReader.read(text) ?? (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    public static func parseObject(_ text: String) -> [String: JSONValue] {
        parse(text)?.objectValue ?? [:]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
