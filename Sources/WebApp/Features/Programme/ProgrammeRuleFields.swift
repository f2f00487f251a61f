import Foundation
import PilotDomain
import Programmes
import WorkflowEngine

/// The programme rules an administrator edits (design.md §7): what each is, its type and its
/// bounds. Rules not listed here stay as they are when a new version is saved.
enum ProgrammeRuleFields {
    enum Kind {
        case integer(ClosedRange<Int64>)
        case choice([(value: String, label: LocalizedText)])
        /// Yuan in the form, fen in the rule.
        case money
        case date
    }

    struct Field {
        var key: String
        var label: LocalizedText
        var kind: Kind
    }

    static let all: [Field] = [
        Field(key: "programme_start", label: LocalizedText(zh: "试点开始日期", en: "Programme starts"), kind: .date),
        Field(key: "programme_end", label: LocalizedText(zh: "试点结束日期", en: "Programme ends"), kind: .date),
        Field(key: "publicity_days", label: LocalizedText(zh: "公示期（天）", en: "Publicity length (days)"), kind: .integer(1...30)),
        Field(
            key: "publicity_counting", label: LocalizedText(zh: "公示期计算方式", en: "Publicity counted in"),
            kind: .choice([
                ("calendar", LocalizedText(zh: "自然日", en: "Calendar days")),
                ("working", LocalizedText(zh: "工作日（按国家法定节假日及调休）", en: "Working days (official calendar)")),
            ])),
        Field(
            key: "reviewers_required", label: LocalizedText(zh: "每个方案最少评审专家数", en: "Experts per plan, at least"),
            kind: .integer(1...15)),
        Field(
            key: "acceptance_min_level", label: LocalizedText(zh: "验收最低数字化水平等级", en: "Lowest level to pass acceptance"),
            // 2 at least: policy 004 requires every participant to reach level 2 (全部达到二级以上).
            kind: .integer(RuleSchema.range("acceptance_min_level"))),
        Field(
            key: "matching_scope", label: LocalizedText(zh: "中央与地方资金1:1配套的核算范围", en: "Where central money is matched 1:1"),
            kind: .choice([
                ("programme", LocalizedText(zh: "全市试点整体（政策要求，默认）", en: "The city as a whole (the policy's rule, default)")),
                ("project", LocalizedText(zh: "每个项目各自配套（更严格）", en: "Every project on its own (stricter)")),
            ])),
        Field(
            key: "subsidy_cap_level_2", label: LocalizedText(zh: "二级目标补助上限（元）", en: "Subsidy cap, target level 2 (yuan)"),
            kind: .money),
        Field(
            key: "subsidy_cap_level_3", label: LocalizedText(zh: "三级目标补助上限（元）", en: "Subsidy cap, target level 3 (yuan)"),
            kind: .money),
        Field(
            key: "subsidy_cap_level_4", label: LocalizedText(zh: "四级目标补助上限（元）", en: "Subsidy cap, target level 4 (yuan)"),
            kind: .money),
    ]

    /// The form's text for a rule value.
    static func text(_ field: Field, _ value: JSONValue?) -> String {
        guard let value else { return "" }
        switch field.kind {
        case .money: return value.intValue.map { Fen($0).plainYuanText } ?? ""
        case .integer: return value.intValue.map(String.init) ?? ""
        case .choice, .date: return value.stringValue ?? ""
        }
    }

    /// The new rules from a form, on top of the current ones; errors per field.
    static func parse(
        _ form: [String: String], current: [String: JSONValue]
    ) -> (rules: [String: JSONValue], errors: [FieldError]) {
        var rules = current
        var errors: [FieldError] = []
        for field in all {
            let text = (form[field.key] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                rules[field.key] = nil
                continue
            }
            switch field.kind {
            case .integer(let range):
                if let number = Int64(text), range.contains(number) {
                    rules[field.key] = .int(number)
                } else {
                    errors.append(
                        FieldError(
                            field: field.key,
                            message: LocalizedText(
                                zh: "“\(field.label.zh)”应为 \(range.lowerBound)–\(range.upperBound) 的整数",
                                en: "'\(field.label.en)' must be a whole number \(range.lowerBound)–\(range.upperBound)")))
                }
            case .choice(let options):
                if options.contains(where: { $0.value == text }) {
                    rules[field.key] = .string(text)
                } else {
                    errors.append(
                        FieldError(field: field.key, message: LocalizedText(zh: "请选择有效的选项", en: "Choose one of the options")))
                }
            case .money:
                do {
                    rules[field.key] = .int(try Fen.parseYuan(text).value)
                } catch {
                    errors.append(FieldError(field: field.key, message: error.message))
                }
            case .date:
                if Shanghai.parseDate(text) != nil {
                    rules[field.key] = .string(text)
                } else {
                    errors.append(
                        FieldError(field: field.key, message: LocalizedText(zh: "日期格式应为 YYYY-MM-DD", en: "Dates are YYYY-MM-DD")))
                }
            }
        }
        if let start = rules["programme_start"]?.stringValue, let end = rules["programme_end"]?.stringValue, start > end {
            errors.append(
                FieldError(field: "programme_end", message: LocalizedText(zh: "结束日期不能早于开始日期", en: "The end is before the start")))
        }
        return (rules, errors)
    }
}
