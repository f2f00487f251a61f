import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The policy form checked: every field bounded, dates real and in order, every criterion one of
/// the programme's own (sub-industries, division nodes) or of the fixed lists. On any problem the
/// field errors, and nothing is written.
struct PolicyForm {
    /// The programme's sub-industry ids and the division codes a policy may name.
    var subIndustryIds: Set<String>
    var divisionCodes: Set<String>

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A YYYY-MM-DD date between 2000 and 2100 (nil: not one).
    static func day(_ text: String) -> String? {
        guard text.count == 10, Shanghai.parseDate(text) != nil, let year = Int(text.prefix(4)), (2000...2100).contains(year)
        else { return nil }
        return text
    }

    func check(_ values: [String: String]) -> Result<PolicyContent, FieldErrors> {
        var errors: [FieldError] = []
        func value(_ key: String) -> String { (values[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func fail(_ key: String, _ zh: String, _ en: String) {
            errors.append(FieldError(field: key, message: LocalizedText(zh: zh, en: en)))
        }
        func text(_ key: String, _ label: LocalizedText, max: Int) -> String {
            let text = value(key)
            if text.isEmpty { fail(key, "请填写\(label.zh)", "\(label.en) is required") }
            if text.count > max { fail(key, "\(label.zh)不超过 \(max) 字", "\(label.en): at most \(max) characters") }
            return text
        }
        func date(_ key: String, _ label: LocalizedText, required: Bool) -> String? {
            let text = value(key)
            if text.isEmpty {
                if required { fail(key, "请填写\(label.zh)", "\(label.en) is required") }
                return nil
            }
            guard let day = Self.day(text) else {
                fail(
                    key, "\(label.zh)“\(text.prefix(20))”不是有效日期（YYYY-MM-DD，2000–2100 年）",
                    "\(label.en): “\(text.prefix(20))” is not a date (YYYY-MM-DD, 2000–2100)")
                return nil
            }
            return day
        }
        let title = text("title", PolicyText.policyTitle, max: 200)
        let issuer = text("issuer", PolicyText.issuer, max: 100)
        let number = text("document_number", PolicyText.documentNumber, max: 100)
        let body = text("body", PolicyText.body, max: 50_000)
        let issued = date("issued_on", PolicyText.issuedOn, required: true)
        let from = date("valid_from", PolicyText.validFrom, required: true)
        let to = date("valid_to", PolicyText.validTo, required: false)
        if let from, let to, to < from {
            fail("valid_to", "有效期止日 \(to) 早于起始日 \(from)", "The validity ends (\(to)) before it starts (\(from))")
        }
        if let issued, let to, to < issued {
            fail("valid_to", "有效期止日 \(to) 早于发文日期 \(issued)", "The validity ends (\(to)) before the issue date (\(issued))")
        }
        func level(_ key: String, _ label: LocalizedText) -> Int? {
            let text = value(key)
            guard !text.isEmpty else { return nil }
            guard let level = Int(text), (0...4).contains(level) else {
                fail(key, "\(label.zh)应为 0–4 级", "\(label.en) must be 0–4")
                return nil
            }
            return level
        }
        let low = level("min_level", PolicyText.minLevel)
        let high = level("max_level", PolicyText.maxLevel)
        if let low, let high, low > high {
            fail("max_level", "最高等级 \(high) 低于最低等级 \(low)", "The highest level \(high) is below the lowest \(low)")
        }
        let subIndustries = Self.list(values["sub_industries"])
        if let unknown = subIndustries.first(where: { !subIndustryIds.contains($0) }) {
            fail("sub_industries", "未知的细分行业“\(unknown.prefix(40))”", "Unknown sub-industry “\(unknown.prefix(40))”")
        }
        let divisions = Self.list(values["divisions"])
        if let unknown = divisions.first(where: { !divisionCodes.contains($0) }) {
            fail("divisions", "区域“\(unknown.prefix(20))”不在本试点范围内", "Area “\(unknown.prefix(20))” is not in the programme")
        }
        var sizes: [EnterpriseSize] = []
        for text in Self.list(values["sizes"]) {
            guard let size = EnterpriseSize(rawValue: text) else {
                fail("sizes", "未知的企业规模“\(text.prefix(20))”", "Unknown size “\(text.prefix(20))”")
                continue
            }
            sizes.append(size)
        }
        var flags: [EnterpriseFlag] = []
        for text in Self.list(values["flags"]) {
            guard let flag = EnterpriseFlag(rawValue: text) else {
                fail("flags", "未知的企业类型“\(text.prefix(20))”", "Unknown enterprise type “\(text.prefix(20))”")
                continue
            }
            flags.append(flag)
        }
        guard errors.isEmpty, let issued, let from else { return .failure(FieldErrors(errors)) }
        let criteria = PolicyCriteria(
            subIndustryIds: Array(Set(subIndustries)).sorted(), minLevel: low, maxLevel: high,
            sizes: EnterpriseSize.allCases.filter(sizes.contains), divisionCodes: Array(Set(divisions)).sorted(),
            flags: EnterpriseFlag.allCases.filter(flags.contains))
        return .success(
            PolicyContent(
                title: title, issuer: issuer, documentNumber: number, issuedOn: issued, validFrom: from, validTo: to, body: body,
                criteria: criteria))
    }

    /// The form's values of a policy (to edit it).
    static func values(_ content: PolicyContent) -> [String: String] {
        [
            "title": content.title, "issuer": content.issuer, "document_number": content.documentNumber,
            "issued_on": content.issuedOn, "valid_from": content.validFrom, "valid_to": content.validTo ?? "",
            "body": content.body, "sub_industries": content.criteria.subIndustryIds.joined(separator: ","),
            "min_level": content.criteria.minLevel.map(String.init) ?? "",
            "max_level": content.criteria.maxLevel.map(String.init) ?? "",
            "sizes": content.criteria.sizes.map(\.rawValue).joined(separator: ","),
            "divisions": content.criteria.divisionCodes.joined(separator: ","),
            "flags": content.criteria.flags.map(\.rawValue).joined(separator: ","),
        ]
    }
}
