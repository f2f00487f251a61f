import Diagnosis
import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `/api/v1/diagnosis-supervision…` and the on-site report: the campaign's supervision as data,
/// through the page handlers' own rules and the same reach (`SupervisionScope`: a unit out of reach
/// is not found). Form-shaped rules take the JSON as the form's fields, so nothing is checked twice.
extension PilotAPIHandler {
    func importDiagnosisRoster(
        _ input: Operations.ImportDiagnosisRoster.Input
    ) async throws -> Operations.ImportDiagnosisRoster.Output {
        let identity = try identity(for: .diagnosisImportRoster)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        _ = try await SupervisionScope.load(identity, services: services, action: .diagnosisImportRoster)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: RosterImport.maxBytes, tooLarge: SupervisionText.tooLarge)
        switch try await RosterImportHandlers(services: services).importRoster(
            identity, fileName: input.query.fileName, data: data)
        {
        case .refused(.problems(let problems), let message):
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: message,
                fields: problems.prefix(2000).map { FieldError(field: "line \($0.line): \($0.column)", message: $0.message) })
        case .refused(_, let message):
            throw AppError(.unprocessableContent, code: "invalid_input", message: message)
        case .written(let count):
            return .ok(.init(body: .json(.init(added: count.added, updated: count.updated))))
        }
    }

    func getDiagnosisCoverage(
        _ input: Operations.GetDiagnosisCoverage.Input
    ) async throws -> Operations.GetDiagnosisCoverage.Output {
        let identity = try identity(for: .diagnosisSupervise)
        try APIBounds.check(input.query.unit, "unit", 0...12)
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let data = try await CoverageHandlers(services: services).coverage(
            identity, unit: input.query.unit, page: page, language: scope.language)
        let report = data.report
        return .ok(
            .init(
                body: .json(
                    .init(
                        unit: report.unit.value, unitName: report.unitName, parent: report.parent?.value,
                        totals: SupervisionMapping.line(report.totals), lines: report.lines.map(SupervisionMapping.line),
                        years: report.years.map {
                            Components.Schemas.DiagnosisCoverageYear(year: $0.year, quota: $0.quota, diagnosed: $0.diagnosed)
                        },
                        grades: report.grades.sorted { $0.key < $1.key }.map {
                            Components.Schemas.DiagnosisGradeCount(grade: $0.key, firms: $0.value)
                        },
                        notStarted: .init(
                            items: data.notStarted.map(DiagnosisMapping.firm), total: data.notStartedTotal, page: page,
                            pageSize: CoverageHandlers.pageSize),
                        reminders: data.reminders.map(SupervisionMapping.reminder)))))
    }

    func sendDiagnosisReminder(
        _ input: Operations.SendDiagnosisReminder.Input
    ) async throws -> Operations.SendDiagnosisReminder.Output {
        let identity = try identity(for: .diagnosisRemind)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.message, "message", 0...500)
        try APIBounds.check(body.division, "division", 0...12)
        try APIBounds.check(body.uscc, "uscc", 0...18)
        var values = ["message": body.message]
        values["division"] = body.division
        values["uscc"] = body.uscc
        try await CoverageHandlers(services: services).remind(identity, FormBody(values: values))
        return .noContent(.init())
    }

    func markDiagnosisReminderRead(
        _ input: Operations.MarkDiagnosisReminderRead.Input
    ) async throws -> Operations.MarkDiagnosisReminderRead.Output {
        let identity = try identity(for: .diagnosisSupervise)
        try APIBounds.value(input.path.reminderId, "reminderId", 1...1_000_000_000)
        try await CoverageHandlers(services: services).markRead(identity, String(input.path.reminderId))
        return .noContent(.init())
    }

    func getDiagnosisQuotas(_ input: Operations.GetDiagnosisQuotas.Input) async throws -> Operations.GetDiagnosisQuotas.Output {
        let identity = try identity(for: .diagnosisSupervise)
        try APIBounds.check(input.query.unit, "unit", 0...12)
        if let year = input.query.year { try APIBounds.value(year, "year", 2000...2100) }
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        let unit = try scope.unit(input.query.unit)
        let model = try await QuotaHandlers(services: services).model(
            identity, scope, unit: unit, year: input.query.year, language: self.scope.language)
        return .ok(.init(body: .json(SupervisionMapping.split(model))))
    }

    func setDiagnosisQuotas(_ input: Operations.SetDiagnosisQuotas.Input) async throws -> Operations.SetDiagnosisQuotas.Output {
        let identity = try identity(for: .diagnosisSetQuotas)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.unit, "unit", 0...12)
        try APIBounds.value(body.year, "year", 2000...2100)
        try APIBounds.count(body.quotas.count, "quotas", 0...500)
        var values = ["year": String(body.year)]
        values["unit"] = body.unit
        for figure in body.quotas {
            try APIBounds.check(figure.divisionCode, "division_code", 1...12)
            try APIBounds.value(figure.firms, "firms", 0...QuotaHandlers.maxFirms)
            values["q_" + figure.divisionCode] = String(figure.firms)
        }
        let handlers = QuotaHandlers(services: services)
        switch try await handlers.split(identity, FormBody(values: values), language: scope.language) {
        case .refused(_, let errors):
            throw AppError(.unprocessableContent, code: "invalid_input", message: errors[0].message, fields: errors)
        case .saved(let unit, let year):
            let supervision = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
            let model = try await handlers.model(identity, supervision, unit: unit, year: year, language: scope.language)
            return .ok(.init(body: .json(SupervisionMapping.split(model))))
        }
    }

    func listDiagnosisContacts(
        _ input: Operations.ListDiagnosisContacts.Input
    ) async throws -> Operations.ListDiagnosisContacts.Output {
        let identity = try identity(for: .diagnosisLiaison)
        try APIBounds.check(input.query.unit, "unit", 0...12)
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisLiaison)
        return .ok(.init(body: .json(try await contacts(scope, try scope.unit(input.query.unit)))))
    }

    func addDiagnosisContact(_ input: Operations.AddDiagnosisContact.Input) async throws -> Operations.AddDiagnosisContact.Output
    {
        let identity = try identity(for: .diagnosisLiaison)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let texts: [(String, String?, Int)] = [
            ("unit", body.unit, 12), ("division", body.division, 12), ("uscc", body.uscc, 18), ("role", body.role, 40),
            ("name", body.name, 40), ("position", body.position, 60), ("phone", body.phone, 30), ("email", body.email, 100),
        ]
        var values: [String: String] = [:]
        for (field, text, limit) in texts {
            try APIBounds.check(text, field, 0...limit)
            values[field] = text
        }
        switch try await LiaisonHandlers(services: services).add(identity, FormBody(values: values)) {
        case .refused(_, _, let message):
            throw AppError(.unprocessableContent, code: "invalid_input", message: message)
        case .added(let scope, let unit):
            return .created(.init(body: .json(try await contacts(scope, unit))))
        }
    }

    func deleteDiagnosisContact(
        _ input: Operations.DeleteDiagnosisContact.Input
    ) async throws -> Operations.DeleteDiagnosisContact.Output {
        let identity = try identity(for: .diagnosisLiaison)
        try APIBounds.value(input.path.contactId, "contactId", 1...1_000_000_000)
        _ = try await LiaisonHandlers(services: services).remove(identity, String(input.path.contactId))
        return .noContent(.init())
    }

    func listOfflineDiagnoses(
        _ input: Operations.ListOfflineDiagnoses.Input
    ) async throws -> Operations.ListOfflineDiagnoses.Output {
        let identity = try identity(for: .diagnosisAssignOffline)
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisAssignOffline)
        let cases = try await OfflineHandlers(services: services).cases(scope)
        let providers = try await services.store.diagnoses.offlineProviders(programmeId: scope.programme.id)
        return .ok(
            .init(
                body: .json(
                    .init(
                        cases: cases.map {
                            Components.Schemas.OfflineDiagnosisCase(
                                diagnosisId: $0.diagnosisId, uscc: $0.uscc, firmName: $0.firmName, divisionCode: $0.divisionCode,
                                reason: $0.reason, status: $0.status, grade: $0.grade, providerOrganisationId: $0.providerOrgId)
                        },
                        providers: providers.map {
                            Components.Schemas.OfflineProviderView(
                                organisationId: $0.organisationId, name: $0.name, categories: $0.categories)
                        }))))
    }

    func assignOfflineDiagnosis(
        _ input: Operations.AssignOfflineDiagnosis.Input
    ) async throws -> Operations.AssignOfflineDiagnosis.Output {
        let identity = try identity(for: .diagnosisAssignOffline)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.provider, "provider", 1...100)
        try await OfflineHandlers(services: services).assign(identity, input.path.diagnosisId, provider: body.provider)
        return .noContent(.init())
    }

    func fileOnSiteReport(_ input: Operations.FileOnSiteReport.Input) async throws -> Operations.FileOnSiteReport.Output {
        let identity = try identity(for: .diagnosisFileOnSite)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.visitedOn, "visited_on", 0...10)
        try APIBounds.count(body.findings.additionalProperties.count, "findings", 0...8)
        for text in body.findings.additionalProperties.values {
            try APIBounds.check(text, "findings", 0...OnSiteAreas.findingsLimit)
        }
        try APIBounds.value(body.verifiedGrade, "verified_grade", 1...10)
        try APIBounds.check(body.opinion, "opinion", 0...2000)
        var values = ["visited_on": body.visitedOn, "verified_grade": String(body.verifiedGrade), "opinion": body.opinion]
        for (area, text) in body.findings.additionalProperties { values["finding_" + area] = text }
        switch try await CampaignOnSiteHandlers(services: services).file(
            identity, input.path.diagnosisId, FormBody(values: values))
        {
        case .refused(_, _, _, let errors, let status):
            let message = errors.first?.message ?? CampaignText.notAssigned
            throw AppError(status, code: errors.isEmpty ? "not_assigned" : "invalid_input", message: message, fields: errors)
        case .filed(let record):
            return .ok(.init(body: .json(try await diagnosisView(identity, record.id))))
        }
    }

    /// The contacts of the units and the firms beneath `unit`.
    func contacts(_ scope: SupervisionScope, _ unit: DivisionCode) async throws -> Components.Schemas.DiagnosisContactList {
        let store = services.store.diagnoses
        let units = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: false)
        let firms = try await store.contacts(programmeId: scope.programme.id, division: unit, firms: true)
        return .init(unit: unit.value, units: units.map(SupervisionMapping.contact), firms: firms.map(SupervisionMapping.contact))
    }
}

/// The supervision records to the contract's wire types.
enum SupervisionMapping {
    static func line(_ line: CoverageReport.Line) -> Components.Schemas.DiagnosisCoverageLine {
        .init(
            code: line.code, name: line.name, firms: line.firms, diagnosed: line.diagnosed, filling: line.filling,
            notStarted: line.notStarted, coverageHundredthsPercent: CoverageReport.percent(line.diagnosed, line.firms),
            quota: line.quota, pace: line.pace, lagging: line.lagging, atUnit: line.atUnit)
    }

    static func reminder(_ reminder: DiagnosisReminder) -> Components.Schemas.DiagnosisReminderView {
        .init(
            id: reminder.id, targetKind: reminder.targetKind == .firm ? .firm : .division, target: reminder.target,
            message: reminder.message, byName: reminder.byName, byDivision: reminder.byDivision, at: reminder.at,
            readAt: reminder.readAt)
    }

    static func split(_ model: QuotaHandlers.Model) -> Components.Schemas.DiagnosisQuotaSplit {
        .init(
            unit: model.unit.value, unitName: model.unitName, year: model.year, years: model.years, ownQuota: model.ownQuota,
            rosterFirms: model.rosterFirms,
            subUnits: model.subUnits.map {
                Components.Schemas.DiagnosisQuotaLine(divisionCode: $0.code, name: $0.name, firms: $0.split)
            },
            canSet: model.canSet)
    }

    static func contact(_ contact: DiagnosisContact) -> Components.Schemas.DiagnosisContactView {
        .init(
            id: contact.id, divisionCode: contact.divisionCode, uscc: contact.uscc, role: contact.role, name: contact.name,
            position: contact.position, phone: contact.phone, email: contact.email)
    }
}
