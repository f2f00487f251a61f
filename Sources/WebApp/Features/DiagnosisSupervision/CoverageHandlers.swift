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
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        let unit = try scope.unit(Self.query(request, "unit"))
        let page = try PageNumber.parse(Self.query(request, "page"))
        let report = try await CoverageReport.build(scope: scope, unit: unit, services: services, language: context.language)
        var query = FirmQuery(programmeId: scope.programme.id)
        query.division = unit
        query.progress = .notStarted
        query.limit = Self.pageSize
        query.offset = PageNumber.offset(page, limit: Self.pageSize)
        let (firms, total) = try await services.store.diagnoses.firms(query)
        // Reminders addressed to exactly this unit, shown to the officials whose node it is.
        let reminders =
            scope.nodes.contains(unit)
            ? try await services.store.diagnoses.reminders(
                programmeId: scope.programme.id, targetKind: .division, target: unit.value)
            : []
        let extras = CoverageView.Extras(
            notStarted: firms, notStartedTotal: total, page: page, pageSize: Self.pageSize, reminders: reminders,
            canRemind: AccessPolicy.allows(identity, .diagnosisRemind),
            canSetQuotas: AccessPolicy.allows(identity, .diagnosisSetQuotas),
            canAssign: AccessPolicy.allows(identity, .diagnosisAssignOffline),
            canImport: AccessPolicy.allows(identity, .diagnosisImportRoster))
        let flash: Flash? =
            Self.query(request, "done") == "reminded" ? Flash(kind: .ok, text: SupervisionText.sent.text(context.language)) : nil
        return .html(
            CoverageView(layout: layout(context, identity, "/diagnosis/coverage")).render(report, extras, flash: flash))
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
        let unit = (try? scope.unit(form["unit"])) ?? scope.home
        return .redirect("/diagnosis/coverage?unit=\(unit.value)&done=reminded")
    }

    /// `POST /diagnosis/reminders/:reminder/read`: marks a reminder addressed to one of the person's
    /// own nodes read; any other answers 404.
    func markRead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await PageForm.read(request, context)
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        guard let id = Int(try context.parameters.require("reminder")), id > 0 else {
            throw AppError.notFound(SupervisionText.reminder)
        }
        for node in scope.nodes {
            if try await services.store.diagnoses.markReminderRead(
                id: id, programmeId: scope.programme.id, targetKind: .division, target: node.value)
            {
                return .redirect("/diagnosis/coverage?unit=\(node.value)")
            }
        }
        throw AppError.notFound(SupervisionText.reminder)
    }
}
