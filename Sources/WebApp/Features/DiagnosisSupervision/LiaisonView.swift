import PilotDomain
import PilotStore
import Programmes

/// The liaison page: the units' contacts by level, the firms' service contacts, the add form and the exports.
struct LiaisonView {
    var layout: Layout
    var divisions: DivisionTree
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func label(_ code: String) -> String { DivisionCode(code).map { divisions.label($0, language) } ?? code }

    func render(
        unit: DivisionCode, units: [DiagnosisContact], firms: [DiagnosisContact], perFirm: Bool, typed: [String: String],
        flash: Flash?
    ) -> HTML {
        func remove(_ contact: DiagnosisContact) -> HTML {
            """
            <form method="post" class="inline" action="/diagnosis/liaison/\(contact.id)/delete">\(layout.csrfField)\
            <input type="hidden" name="unit" value="\(unit.value)"><button type="submit" class="secondary">\(t(LiaisonText.remove))</button></form>
            """
        }
        let unitRows = units.map { contact -> HTML in
            let level = DivisionCode(contact.divisionCode).map { t(LiaisonText.level($0.level)) } ?? ""
            return """
                <tr data-contact="\(contact.id)"><td>\(level)</td><td>\(label(contact.divisionCode))</td><td>\(contact.role)</td>\
                <td>\(contact.name)</td><td>\(contact.position)</td><td>\(contact.phone)</td><td>\(contact.email)</td><td>\(remove(contact))</td></tr>
                """
        }.joined()
        let firmRows = firms.map { contact -> HTML in
            """
            <tr data-contact="\(contact.id)"><td><a href="/diagnosis/firms/\(contact.uscc ?? "")">\(contact.uscc ?? "")</a></td>\
            <td>\(label(contact.divisionCode))</td><td>\(contact.role)</td><td>\(contact.name)</td><td>\(contact.position)</td>\
            <td>\(contact.phone)</td><td>\(remove(contact))</td></tr>
            """
        }.joined()
        func field(_ name: String, _ title: LocalizedText, required: Bool) -> HTML {
            """
            <label for="f-\(name)">\(t(title))</label><input type="text" id="f-\(name)" name="\(name)" \
            maxlength="\(LiaisonHandlers.limits[name] ?? 40)" value="\(typed[name] ?? "")"\(HTML.attribute(" required", if: required))>
            """
        }
        let body: HTML = """
            <h1>\(t(LiaisonText.title)) · \(label(unit.value))</h1>
            <p><a href="/diagnosis/liaison/export/work-contacts.xlsx?unit=\(unit.value)">\(t(LiaisonText.exportWork))</a> · \
            <a href="/diagnosis/liaison/export/service-contacts.xlsx?unit=\(unit.value)">\(t(LiaisonText.exportService))</a></p>
            <section class="card" id="unit-contacts"><h2>\(t(LiaisonText.unitContacts))</h2>
            <table><thead><tr><th>\(t(LiaisonText.levelTitle))</th><th>\(t(LiaisonText.unit))</th><th>\(t(LiaisonText.role))</th>\
            <th>\(t(LiaisonText.name))</th><th>\(t(LiaisonText.position))</th><th>\(t(LiaisonText.phone))</th>\
            <th>\(t(LiaisonText.email))</th><th></th></tr></thead><tbody>\(unitRows)</tbody></table></section>
            <section class="card" id="firm-contacts"><h2>\(t(LiaisonText.firmContacts))</h2>\
            \(perFirm ? "<p class=\"muted\">\(t(LiaisonText.perFirmHint))</p>" as HTML : .empty)
            <table><thead><tr><th>\(t(LiaisonText.uscc))</th><th>\(t(LiaisonText.unit))</th><th>\(t(LiaisonText.role))</th>\
            <th>\(t(LiaisonText.name))</th><th>\(t(LiaisonText.position))</th><th>\(t(LiaisonText.phone))</th><th></th></tr></thead>\
            <tbody>\(firmRows)</tbody></table></section>
            <section class="card narrow" id="add-contact"><h2>\(t(LiaisonText.add))</h2>
            <form method="post" action="/diagnosis/liaison">\(layout.csrfField)<input type="hidden" name="unit" value="\(unit.value)">
            <p class="muted">\(t(LiaisonText.addHint))</p>
            \(field("division", LiaisonText.division, required: false))\(field("uscc", LiaisonText.uscc, required: false))
            \(field("role", LiaisonText.role, required: true))\(field("name", LiaisonText.name, required: true))
            \(field("position", LiaisonText.position, required: false))\(field("phone", LiaisonText.phone, required: true))
            \(field("email", LiaisonText.email, required: false))
            <button type="submit">\(t(LiaisonText.save))</button></form></section>
            """
        return layout.page(title: t(LiaisonText.title), flash: flash, body)
    }
}

enum LiaisonText {
    static let title = LocalizedText(zh: "诊断工作联络", en: "Diagnosis liaison")
    static let contact = LocalizedText(zh: "该联系人（或不在您所辖范围内）", en: "This contact (or it is outside your reach)")
    static let unitContacts = LocalizedText(zh: "各级工作联系人（市-区-街镇联络人；附件2）", en: "Work contacts per level (附件2)")
    static let firmContacts = LocalizedText(zh: "企业服务联系人（附件3）", en: "Service contact per firm (附件3)")
    static let perFirmHint = LocalizedText(
        zh: "本活动要求每户企业明确一名服务联系人（实体经济服务员）。", en: "This campaign names one service contact per firm.")
    static let exportWork = LocalizedText(zh: "导出工作联系表（XLSX）", en: "Export the work contacts (XLSX)")
    static let exportService = LocalizedText(zh: "导出服务联系表（XLSX）", en: "Export the service contacts (XLSX)")
    static let unit = LocalizedText(zh: "单位", en: "Unit")
    static let levelTitle = LocalizedText(zh: "层级", en: "Level")
    static let role = LocalizedText(zh: "工作职责（如工作负责人、联络员）", en: "Role (lead, liaison …)")
    static let name = LocalizedText(zh: "姓名", en: "Name")
    static let position = LocalizedText(zh: "职务", en: "Position")
    static let phone = LocalizedText(zh: "联系电话", en: "Phone")
    static let email = LocalizedText(zh: "电子邮箱", en: "E-mail")
    static let division = LocalizedText(zh: "单位区划代码", en: "Unit's division code")
    static let uscc = LocalizedText(zh: "企业统一社会信用代码", en: "Firm's credit code")
    static let add = LocalizedText(zh: "添加联系人", en: "Add a contact")
    static let addHint = LocalizedText(
        zh: "填写单位区划代码为单位联系人；填写企业信用代码为该企业的服务联系人。均须在您所辖范围内。",
        en: "A division code adds a unit's contact; a credit code adds that firm's service contact. Both within your reach.")
    static let save = LocalizedText(zh: "保存", en: "Save")
    static let saved = LocalizedText(zh: "联系人已保存", en: "The contact is saved")
    static let remove = LocalizedText(zh: "删除", en: "Remove")
    static let badPhone = LocalizedText(zh: "联系电话只能包含数字、空格和 - + ( )", en: "A phone number has digits, spaces and - + ( ) only")
    static let badEmail = LocalizedText(zh: "电子邮箱格式不正确", en: "This is not an e-mail address")
    static let badFirm = LocalizedText(
        zh: "该信用代码不在本活动名单中，或企业不在您所辖范围内", en: "This credit code is not on the roster, or the firm is outside your reach")
    static let badUnit = LocalizedText(
        zh: "请填写您所辖范围内的单位区划代码，或企业信用代码", en: "Give a division code within your reach, or a firm's credit code")

    static func title(_ field: String) -> LocalizedText {
        switch field {
        case "role": role
        case "name": name
        case "position": position
        case "phone": phone
        default: email
        }
    }

    static func required(_ field: String) -> LocalizedText {
        let title = title(field)
        return LocalizedText(zh: "请填写\(title.zh)", en: "\(title.en) is required")
    }

    static func tooLong(_ field: String, _ limit: Int) -> LocalizedText {
        let title = title(field)
        return LocalizedText(zh: "\(title.zh)不得超过 \(limit) 个字", en: "\(title.en): at most \(limit) characters")
    }

    static func level(_ level: DivisionCode.Level) -> LocalizedText {
        switch level {
        case .nation: LocalizedText(zh: "国家", en: "Nation")
        case .province: LocalizedText(zh: "省（区、市）级", en: "Province")
        case .prefecture: LocalizedText(zh: "市级", en: "City")
        case .county: LocalizedText(zh: "区县级", en: "District / county")
        case .township: LocalizedText(zh: "街镇（园区）级", en: "Street / town / park")
        }
    }
}
