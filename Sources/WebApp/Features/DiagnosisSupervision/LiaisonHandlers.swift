import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore

/// `GET/POST /diagnosis/liaison?unit=` (`diagnosis.liaison`): the liaison chain of the units
/// (003 市-区-街镇联络人; 001 附件2 各级工信主管部门工作联系表) and one service contact per firm
/// (001 附件3 服务联系表), each beneath the person's node, with their XLSX exports.
struct LiaisonHandlers {
    let services: AppServices

    /// Field → the most characters it takes.
    static let limits: [String: Int] = ["role": 40, "name": 40, "position": 60, "phone": 30, "email": 100]

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisLiaison)
        let unit = try scope.unit(CoverageHandlers.query(request, "unit"))
        let flash: Flash? =
            CoverageHandlers.query(request, "done") == "saved"
            ? Flash(kind: .ok, text: LiaisonText.saved.text(context.language)) : nil
        return try await render(context, identity, scope, unit, typed: [:], flash: flash, status: .ok)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, _ scope: SupervisionScope, _ unit: DivisionCode,
        typed: [String: String], flash: Flash?, status: HTTPResponse.Status
    ) async throws -> Response {
        let store = services.store.diagnoses
        let units = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: false)
        let firms = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: true)
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/diagnosis/liaison")
        let view = LiaisonView(layout: layout, divisions: services.divisions)
        return .html(
            view.render(
                unit: unit, units: units, firms: firms, perFirm: scope.settings.contactPerFirm, typed: typed, flash: flash),
            status: status)
    }

    /// `POST /diagnosis/liaison`: a unit's contact (`division`) or a firm's service contact (`uscc`,
    /// a roster firm in reach). Refused (422, nothing written) when a field is empty or too long,
    /// the phone is not a phone number, the e-mail not an address, or the unit or firm out of reach.
    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await add(identity, form) {
        case .added(_, let unit): return .redirect("/diagnosis/liaison?unit=\(unit.value)&done=saved")
        case .refused(let scope, let unit, let message):
            return try await render(
                context, identity, scope, unit, typed: form.values,
                flash: Flash(kind: .error, text: message.text(context.language)), status: .unprocessableContent)
        }
    }

    /// What adding a contact came to (with the person's scope and the unit the form was on).
    enum Added {
        case added(SupervisionScope, DivisionCode)
        /// Refused, nothing written.
        case refused(SupervisionScope, DivisionCode, LocalizedText)
    }

    /// Adds the contact `form` describes — the page's and the API's one rule.
    func add(_ identity: Identity, _ form: FormBody) async throws -> Added {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisLiaison)
        let unit = try scope.unit(form["unit"])
        var values: [String: String] = [:]
        var problem: LocalizedText?
        for (field, limit) in Self.limits {
            let value = (form[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            values[field] = value
            if value.isEmpty && field != "email" && field != "position" {
                problem = problem ?? LiaisonText.required(field)
            } else if value.count > limit {
                problem = problem ?? LiaisonText.tooLong(field, limit)
            }
        }
        let phone = values["phone"] ?? ""
        if problem == nil, !phone.allSatisfy({ $0.isASCII && ($0.isNumber || "-+ ()".contains($0)) }) {
            problem = LiaisonText.badPhone
        }
        let email = values["email"] ?? ""
        if problem == nil, !email.isEmpty, !(email.contains("@") && !email.contains(" ") && email.contains(".")) {
            problem = LiaisonText.badEmail
        }
        var division: DivisionCode?
        var uscc: String?
        let usccText = (form["uscc"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if problem == nil {
            if !usccText.isEmpty {
                if usccText.count <= 18,
                    let firm = try await services.store.diagnoses.firm(programmeId: scope.programme.id, uscc: usccText),
                    let code = DivisionCode(firm.divisionCode), scope.reaches(code)
                {
                    division = code
                    uscc = firm.uscc
                } else {
                    problem = LiaisonText.badFirm
                }
            } else if let code = DivisionCode((form["division"] ?? "").trimmingCharacters(in: .whitespaces)), scope.reaches(code)
            {
                division = code
            } else {
                problem = LiaisonText.badUnit
            }
        }
        guard problem == nil, let division else { return .refused(scope, unit, problem ?? LiaisonText.badUnit) }
        try await services.store.diagnoses.addContact(
            DiagnosisContact(
                programmeId: scope.programme.id, divisionCode: division.value, uscc: uscc, role: values["role"] ?? "",
                name: values["name"] ?? "", position: values["position"] ?? "", phone: phone, email: email,
                updatedBy: identity.account.id))
        return .added(scope, unit)
    }

    /// `POST /diagnosis/liaison/:contact/delete`: removes a contact beneath the person's node; 404 otherwise.
    func remove(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let (scope, node) = try await remove(identity, try context.parameters.require("contact"))
        let unit = (try? scope.unit(form["unit"])) ?? node
        return .redirect("/diagnosis/liaison?unit=\(unit.value)")
    }

    /// Removes contact `text` when it is beneath one of the person's nodes (that node); 404 otherwise.
    func remove(_ identity: Identity, _ text: String) async throws -> (SupervisionScope, DivisionCode) {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisLiaison)
        guard text.count <= 18, let id = Int(text), id > 0 else {
            throw AppError.notFound(LiaisonText.contact)
        }
        for node in scope.nodes {
            if try await services.store.diagnoses.removeContact(id: id, programmeId: scope.programme.id, division: node) {
                return (scope, node)
            }
        }
        throw AppError.notFound(LiaisonText.contact)
    }

    /// `GET /diagnosis/liaison/:file?unit=`: `work-contacts.xlsx` (附件2) or `service-contacts.xlsx` (附件3).
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisLiaison)
        let unit = try scope.unit(CoverageHandlers.query(request, "unit"))
        let file = try context.parameters.require("file")
        let store = services.store.diagnoses
        let label = { (code: String) in DivisionCode(code).map { self.services.divisions.label($0, .zh) } ?? code }
        let sheet: Sheet
        switch file {
        case "work-contacts.xlsx":
            let contacts = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: false)
            var rows: [[Cell]] = [["序号", "层级", "单位", "区划代码", "工作职责", "姓名", "职务", "联系电话", "电子邮箱"].map { .text($0) }]
            for (index, contact) in contacts.enumerated() {
                let level = DivisionCode(contact.divisionCode).map { LiaisonText.level($0.level).zh } ?? ""
                rows.append(
                    [Cell.integer(Int64(index + 1))]
                        + [
                            level, label(contact.divisionCode), contact.divisionCode, contact.role, contact.name,
                            contact.position,
                            contact.phone, contact.email,
                        ].map { Cell.text($0) })
            }
            sheet = Sheet(name: "各级工信主管部门工作联系表", rows: rows, headerRows: 1)
        case "service-contacts.xlsx":
            let contacts = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: true)
            var rows: [[Cell]] = [
                ["序号", "企业名称", "统一社会信用代码", "所在区划", "企业联系人", "企业联系电话", "服务员姓名", "服务员职务", "服务员联系电话", "诊断进度"]
                    .map { .text($0) }
            ]
            // The unit's roster in pages of 1,000 (not one read per contact).
            var roster: [String: DiagnosisFirm] = [:]
            var query = FirmQuery(programmeId: scope.programme.id)
            query.division = unit
            query.limit = 1000
            while query.offset < 200_000 {
                let (page, total) = try await store.firms(query)
                for firm in page { roster[firm.uscc] = firm }
                query.offset += query.limit
                if page.isEmpty || query.offset >= total { break }
            }
            for (index, contact) in contacts.enumerated() {
                let firm = roster[contact.uscc ?? ""]
                let progress: String =
                    switch firm?.progress {
                    case .diagnosed?: "已诊断"
                    case .filling?: "填报中"
                    default: "未开始"
                    }
                rows.append(
                    [Cell.integer(Int64(index + 1))]
                        + [
                            firm?.name ?? "", contact.uscc ?? "", label(contact.divisionCode), firm?.contactName ?? "",
                            firm?.contactPhone ?? "", contact.name, contact.position, contact.phone, progress,
                        ].map { Cell.text($0) })
            }
            sheet = Sheet(name: "服务联系表", rows: rows, headerRows: 1)
        default:
            throw AppError.notFound(LocalizedText(zh: "该导出文件", en: "This export"))
        }
        let data = try XLSXWriter.data(Workbook(sheets: [sheet]))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"\(file)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
