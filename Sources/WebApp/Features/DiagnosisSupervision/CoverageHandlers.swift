import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// `GET /diagnosis/coverage?unit=`, its XLSX export, and the reminders sent from it and read on it
/// (issue #14): each narrowed to the person's node; a unit out of reach answers 404.
struct CoverageHandlers {
    let services: AppServices
    static let pageSize = 50
    static let maxMessage = 500

    func layout(_ context: AppRequestContext, _ identity: Identity, _ path: String) -> Layout {
        Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: path)
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init)
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let page = try PageNumber.parse(Self.query(request, "page"))
        let data = try await coverage(identity, unit: Self.query(request, "unit"), page: page, language: context.language)
        let extras = CoverageView.Extras(
            notStarted: data.notStarted, notStartedTotal: data.notStartedTotal, page: page, pageSize: Self.pageSize,
            reminders: data.reminders,
            canRemind: AccessPolicy.allows(identity, .diagnosisRemind),
            canSetQuotas: AccessPolicy.allows(identity, .diagnosisSetQuotas),
            canAssign: AccessPolicy.allows(identity, .diagnosisAssignOffline),
            canImport: AccessPolicy.allows(identity, .diagnosisImportRoster))
        let flash: Flash? =
            Self.query(request, "done") == "reminded" ? Flash(kind: .ok, text: SupervisionText.sent.text(context.language)) : nil
        return .html(
            CoverageView(layout: layout(context, identity, "/diagnosis/coverage")).render(data.report, extras, flash: flash))
    }

    /// What a unit's coverage page reads (the page's and the API's one reading).
    struct Coverage {
        var report: CoverageReport
        /// One page of the unit's roster firms that have not started.
        var notStarted: [DiagnosisFirm]
        var notStartedTotal: Int
        /// Reminders addressed to exactly this unit, shown to the officials whose node it is.
        var reminders: [DiagnosisReminder]
    }

    /// The coverage of `unit` (the person's own node when nil) with page `page` of its firms not
    /// started; 404 for a unit out of reach.
    func coverage(_ identity: Identity, unit text: String?, page: Int, language: UILanguage) async throws -> Coverage {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        let unit = try scope.unit(text)
        let report = try await CoverageReport.build(scope: scope, unit: unit, services: services, language: language)
        var query = FirmQuery(programmeId: scope.programme.id)
        query.division = unit
        query.progress = .notStarted
        query.limit = Self.pageSize
        query.offset = PageNumber.offset(page, limit: Self.pageSize)
        let (firms, total) = try await services.store.diagnoses.firms(query)
        let reminders =
            scope.nodes.contains(unit)
            ? try await services.store.diagnoses.reminders(
                programmeId: scope.programme.id, targetKind: .division, target: unit.value)
            : []
        return Coverage(report: report, notStarted: firms, notStartedTotal: total, reminders: reminders)
    }

    /// `GET /diagnosis/coverage/export.xlsx?unit=`: the sub-unit table as a workbook.
    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        let unit = try scope.unit(Self.query(request, "unit"))
        let report = try await CoverageReport.build(scope: scope, unit: unit, services: services, language: .zh)
        let header: [Cell] = ["下级单位", "区划代码", "名单企业", "已诊断", "填报中", "未开始", "覆盖率", "本年任务指标", "是否滞后"].map { .text($0) }
        var rows: [[Cell]] = [header]
        for line in report.lines + [report.totals] {
            rows.append([
                .text(line.atUnit ? line.name + "（直接登记在本单位）" : line.code == unit.value ? "合计：" + line.name : line.name),
                .text(line.code), .integer(Int64(line.firms)), .integer(Int64(line.diagnosed)), .integer(Int64(line.filling)),
                .integer(Int64(line.notStarted)), .text(CoverageView.pct(line.diagnosed, line.firms)),
                line.quota.map { Cell.integer(Int64($0)) } ?? Cell.empty, .text(line.lagging ? "是" : "否"),
            ])
        }
        let data = try XLSXWriter.data(Workbook(sheets: [Sheet(name: "诊断覆盖", rows: rows, headerRows: 1)]))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"coverage-\(unit.value).xlsx\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `POST /diagnosis/reminders`: to a sub-unit beneath the person's node (`division`) or to a firm
    /// in reach (`uscc`), with a message of 1–500 characters. Anything else is refused (422) and
    /// nothing is written.
    func remind(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let scope = try await remind(identity, form)
        let unit = (try? scope.unit(form["unit"])) ?? scope.home
        return .redirect("/diagnosis/coverage?unit=\(unit.value)&done=reminded")
    }

    /// Sends the reminder `form` describes (`message`, and `division` or `uscc`): the page's and the
    /// API's one rule. Refused (422, nothing written) when the message is empty or too long, or the
    /// target is not beneath the person's node.
    @discardableResult
    func remind(_ identity: Identity, _ form: FormBody) async throws -> SupervisionScope {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisRemind)
        let message = (form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maxMessage).contains(message.count) else {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: SupervisionText.messageRequired,
                fields: [FieldError(field: "message", message: SupervisionText.messageRequired)])
        }
        let divisionText = (form["division"] ?? "").trimmingCharacters(in: .whitespaces)
        let usccText = (form["uscc"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let refused = AppError(
            .unprocessableContent, code: "invalid_input", message: SupervisionText.targetRequired,
            fields: [FieldError(field: "division", message: SupervisionText.targetRequired)])
        var kind = DiagnosisReminder.TargetKind.division
        var target = ""
        if !divisionText.isEmpty {
            // Strictly beneath one of the person's nodes: a reminder goes down, never to oneself.
            guard let code = DivisionCode(divisionText), scope.reaches(code), !scope.nodes.contains(code) else { throw refused }
            target = code.value
        } else if !usccText.isEmpty {
            guard usccText.count <= 18,
                let firm = try await services.store.diagnoses.firm(programmeId: scope.programme.id, uscc: usccText),
                let code = DivisionCode(firm.divisionCode), scope.reaches(code)
            else { throw refused }
            kind = .firm
            target = firm.uscc
        } else {
            throw refused
        }
        try await services.store.diagnoses.addReminder(
            programmeId: scope.programme.id, targetKind: kind, target: target, message: message, byUser: identity.account.id,
            byName: identity.account.displayName, byDivision: scope.home.value)
        return scope
    }

    /// `POST /diagnosis/reminders/:reminder/read`: marks a reminder addressed to one of the person's
    /// own nodes read; any other answers 404.
    func markRead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let node = try await markRead(identity, try context.parameters.require("reminder"))
        return .redirect("/diagnosis/coverage?unit=\(node.value)")
    }

    /// Marks reminder `text` read when it is addressed to one of the person's own nodes (that node);
    /// 404 otherwise.
    @discardableResult
    func markRead(_ identity: Identity, _ text: String) async throws -> DivisionCode {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        guard text.count <= 18, let id = Int(text), id > 0 else {
            throw AppError.notFound(SupervisionText.reminder)
        }
        for node in scope.nodes {
            if try await services.store.diagnoses.markReminderRead(
                id: id, programmeId: scope.programme.id, targetKind: .division, target: node.value)
            {
                return node
            }
        }
        throw AppError.notFound(SupervisionText.reminder)
    }
}
