import PilotDomain

/// Checks a command's input against a transition's fields and normalises it: money typed in
/// yuan becomes integer fen, dates become "YYYY-MM-DD", numbers become integers.
/// Every problem is reported per field, in both UI languages.
public enum InputValidation {
    public static func validate(
        _ raw: [String: JSONValue], against fields: [InputField]
    ) -> Result<[String: JSONValue], Refusal> {
        var normalized: [String: JSONValue] = [:]
        var errors: [FieldError] = []
        let known = Set(fields.map(\.name))
        for name in raw.keys.sorted() where !known.contains(name) {
            errors.append(
                FieldError(field: name, message: LocalizedText(zh: "未知字段“\(name)”", en: "Unknown field '\(name)'")))
        }
        for field in fields {
            switch normalize(raw[field.name], field) {
            case .value(let value?): normalized[field.name] = value
            case .value(nil): break
            case .problem(let message): errors.append(FieldError(field: field.name, message: message))
            }
        }
        return errors.isEmpty ? .success(normalized) : .failure(.invalidInput(errors))
    }

    static func normalize(_ value: JSONValue?, _ field: InputField) -> FieldOutcome {
        let label = field.label
        let text: String? =
            switch value {
            case .string(let string): string.trimmingWhitespace()
            case .int(let number): String(number)
            case .bool(let flag): flag ? "true" : "false"
            case .double, .array, .object: nil
            case .null, nil: ""
            }
        guard let text else {
            return .problem(LocalizedText(zh: "“\(label.zh)”格式不正确", en: "'\(label.en)' has the wrong format"))
        }
        if field.kind == .boolean {
            let checked = ["true", "on", "1", "yes"].contains(text.lowercased())
            guard checked || ["", "false", "off", "0", "no"].contains(text.lowercased()) else {
                return .problem(LocalizedText(zh: "“\(label.zh)”须为是或否", en: "'\(label.en)' must be yes or no"))
            }
            if field.required && !checked {
                return .problem(LocalizedText(zh: "请勾选“\(label.zh)”", en: "Please confirm '\(label.en)'"))
            }
            return .value(.bool(checked))
        }
        if text.isEmpty {
            return field.required
                ? .problem(LocalizedText(zh: "请填写“\(label.zh)”", en: "'\(label.en)' is required")) : .value(nil)
        }
        switch field.kind {
        case .text, .longtext:
            let limit = field.maxLength ?? (field.kind == .text ? 200 : 5000)
            guard text.count <= limit else {
                return .problem(
                    LocalizedText(zh: "“\(label.zh)”不能超过 \(limit) 个字", en: "'\(label.en)' is limited to \(limit) characters"))
            }
            return .value(.string(text))
        case .integer, .level, .score:
            guard let number = Int64(text) else {
                return .problem(LocalizedText(zh: "“\(label.zh)”须为整数", en: "'\(label.en)' must be a whole number"))
            }
            let (low, high) = bounds(field)
            if let low, number < low {
                return .problem(LocalizedText(zh: "“\(label.zh)”不能小于 \(low)", en: "'\(label.en)' must be at least \(low)"))
            }
            if let high, number > high {
                return .problem(LocalizedText(zh: "“\(label.zh)”不能大于 \(high)", en: "'\(label.en)' must be at most \(high)"))
            }
            return .value(.int(number))
        case .money:
            if case .int = value {
                return .problem(
                    LocalizedText(
                        zh: "“\(label.zh)”请以字符串形式按元填写，例如 \"12345.67\"",
                        en: "Send '\(label.en)' as a string in yuan, e.g. \"12345.67\""))
            }
            let fen: Fen
            do { fen = try Fen.parseYuan(text) } catch {
                return .problem(LocalizedText(zh: "“\(label.zh)”：\(error.message.zh)", en: "'\(label.en)': \(error.message.en)"))
            }
            if let low = field.min, fen.value < low * 100 {
                return .problem(
                    LocalizedText(zh: "“\(label.zh)”不能低于 \(low) 元", en: "'\(label.en)' must be at least ¥\(low)"))
            }
            if let high = field.max, fen.value > high * 100 {
                return .problem(
                    LocalizedText(zh: "“\(label.zh)”不能超过 \(high) 元", en: "'\(label.en)' must be at most ¥\(high)"))
            }
            return .value(.int(fen.value))
        case .date:
            guard Shanghai.parseDate(text) != nil else {
                return .problem(
                    LocalizedText(zh: "“\(label.zh)”须为有效日期，格式 YYYY-MM-DD", en: "'\(label.en)' must be a real date as YYYY-MM-DD"))
            }
            return .value(.string(text))
        case .choice:
            guard field.options.contains(where: { $0.value == text }) else {
                let names = field.options.map(\.label)
                return .problem(
                    LocalizedText(
                        zh: "“\(label.zh)”须为以下之一：\(names.map(\.zh).joined(separator: "、"))",
                        en: "'\(label.en)' must be one of: \(names.map(\.en).joined(separator: ", "))"))
            }
            return .value(.string(text))
        case .boolean:
            return .value(nil)  // handled above
        }
    }

    enum FieldOutcome {
        case value(JSONValue?)
        case problem(LocalizedText)
    }

    /// The effective numeric bounds: levels are 1–4 and scores 0–100 unless the field narrows them.
    public static func bounds(_ field: InputField) -> (Int64?, Int64?) {
        switch field.kind {
        case .level: (max(field.min ?? 1, 0), min(field.max ?? 4, 4))  // 0 = 未达一级, only where a field says min: 0
        case .score: (field.min ?? 0, field.max ?? 100)
        default: (field.min, field.max)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
