import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// One enterprise as the district or the enterprise itself enters it (issue "Enterprises"): the
/// same checks for the self-registration form and for every row of an import file.
struct EnterpriseRecord: Sendable {
    var name: String
    var uscc: USCC
    var subIndustryId: String
    var divisionCode: String
    var streetId: String?
    var aboveScale: Bool
    var specialised: Bool
    var cloud: Bool
    var contactName: String
    var contactPhone: String
    var baselineLevel: Int?

    /// The columns of the import file and the fields of the form, in order.
    static let columns: [(key: String, label: LocalizedText)] = [
        ("name", LocalizedText(zh: "企业名称", en: "Enterprise name")),
        ("uscc", LocalizedText(zh: "统一社会信用代码", en: "Unified social credit code")),
        ("sub_industry", LocalizedText(zh: "细分行业", en: "Sub-industry")),
        ("zone", LocalizedText(zh: "所在功能区或街镇", en: "Zone, street or town")),
        ("street", LocalizedText(zh: "所在街镇", en: "Street or town")),
        ("above_scale", LocalizedText(zh: "规上企业", en: "Above-scale")),
        ("specialised", LocalizedText(zh: "专精特新", en: "Specialised (专精特新)")),
        ("cloud", LocalizedText(zh: "已上云", en: "On the cloud")),
        ("contact_name", LocalizedText(zh: "联系人", en: "Contact person")),
        ("contact_phone", LocalizedText(zh: "联系电话", en: "Contact phone")),
        ("baseline_level", LocalizedText(zh: "基线数字化水平等级", en: "Baseline digital level")),
    ]

    /// Titles the bureaus' spreadsheets used before a zone column also took streets and towns.
    static let headerAliases = ["所在功能区": "zone", "功能区": "zone", "Zone": "zone", "所在街道": "street"]

    struct Reference {
        var subIndustries: [SubIndustry]
        /// The division nodes beneath the programme's own (its zones, streets and towns).
        var areas: [Division]
    }

    /// Validates raw values (by column key). Sub-industries and areas may be given by code or by
    /// Chinese or English name, as spreadsheets from the bureaus carry names.
    static func validate(_ raw: [String: String], reference: Reference) -> Result<EnterpriseRecord, FieldErrors> {
        var errors: [FieldError] = []
        func value(_ key: String) -> String { (raw[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func fail(_ key: String, _ zh: String, _ en: String) {
            errors.append(FieldError(field: key, message: LocalizedText(zh: zh, en: en)))
        }
        func flag(_ key: String) -> Bool {
            let text = value(key).lowercased()
            if ["是", "y", "yes", "true", "1", "on", "√", "✓"].contains(text) { return true }
            if ["", "否", "n", "no", "false", "0"].contains(text) { return false }
            fail(key, "“\(value(key))”应填“是”或“否”", "'\(value(key))' should be yes or no")
            return false
        }
        func match<T>(_ items: [T], _ text: String, _ code: (T) -> String, _ name: (T) -> LocalizedText) -> T? {
            items.first { code($0).caseInsensitiveCompare(text) == .orderedSame || name($0).zh == text || name($0).en == text }
        }
        let name = value("name")
        if name.isEmpty { fail("name", "请填写企业名称", "Enter the enterprise name") }
        if name.count > 100 { fail("name", "企业名称不超过 100 字", "At most 100 characters") }
        var uscc: USCC?
        do {
            uscc = try USCC(validating: value("uscc"))
        } catch {
            errors.append(FieldError(field: "uscc", message: error.message))
        }
        let sub = match(reference.subIndustries, value("sub_industry"), \.code, \.name)
        if sub == nil {
            fail("sub_industry", "未知的细分行业“\(value("sub_industry"))”", "Unknown sub-industry '\(value("sub_industry"))'")
        }
        // The node the enterprise belongs to (its scope for district, street and task-force grants):
        // any zone, street or town of the programme, by code or name.
        let zone = match(reference.areas, value("zone"), \.code.value, \.name)
        if zone == nil {
            fail("zone", "本试点没有功能区或街镇“\(value("zone"))”", "No zone, street or town '\(value("zone"))' in this programme")
        }
        var street: Division?
        if !value("street").isEmpty {
            street = match(reference.areas, value("street"), \.code.value, \.name)
            if street == nil { fail("street", "未知的街镇“\(value("street"))”", "Unknown street or town '\(value("street"))'") }
        }
        let (aboveScale, specialised, cloud) = (flag("above_scale"), flag("specialised"), flag("cloud"))
        let contact = value("contact_name")
        if contact.isEmpty { fail("contact_name", "请填写联系人", "Enter a contact person") }
        let phone = value("contact_phone")
        if phone.range(of: #"^\+?[0-9][0-9\- ]{6,19}$"#, options: .regularExpression) == nil {
            fail("contact_phone", "联系电话格式不正确", "The phone number is not valid")
        }
        var level: Int?
        if !value("baseline_level").isEmpty {
            level = Int(value("baseline_level"))
            if level == nil || !(0...4).contains(level!) {
                fail("baseline_level", "基线等级应为 0–4 的整数", "The baseline level must be a whole number 0–4")
            }
        }
        guard errors.isEmpty, let uscc, let sub, let zone else { return .failure(FieldErrors(errors)) }
        return .success(
            EnterpriseRecord(
                name: name, uscc: uscc, subIndustryId: sub.id, divisionCode: zone.code.value, streetId: street?.code.value,
                aboveScale: aboveScale,
                specialised: specialised, cloud: cloud, contactName: contact, contactPhone: phone, baselineLevel: level))
    }

    var profile: [String: JSONValue] {
        var profile: [String: JSONValue] = [
            "above_scale": .bool(aboveScale), "specialised": .bool(specialised), "cloud": .bool(cloud),
            "contact_name": .string(contactName), "contact_phone": .string(contactPhone),
        ]
        if let streetId { profile["street_id"] = .string(streetId) }
        if let baselineLevel { profile["baseline_level"] = .int(Int64(baselineLevel)) }
        return profile
    }
}

/// Field errors as an `Error` (Result needs one).
struct FieldErrors: Error {
    var list: [FieldError]
    init(_ list: [FieldError]) { self.list = list }
}
