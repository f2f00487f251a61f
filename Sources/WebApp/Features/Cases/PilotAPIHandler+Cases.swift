import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `/api/v1/cases…` (issue 17): the case register as data, through `CaseHandlers` and
/// `CaseProposal` like the pages — the same `cases.*` actions, the same reach (404 outside it),
/// the same checks of each step and the same refusals.
extension PilotAPIHandler {
    var caseHandlers: CaseHandlers { CaseHandlers(services: services) }

    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let identity = try identity(for: .casesRead)
        try APIBounds.check(input.query.zone, "zone", 0...20)
        let page = try PageNumber.bounded(input.query.page ?? 1)
        let zones = try await services.divisions(of: identity.programmeId)
        let query: CaseQuery
        do {
            query = try caseHandlers.query(
                identity, kind: input.query.kind?.rawValue, status: input.query.status?.rawValue,
                zone: input.query.zone.flatMap { $0.isEmpty ? nil : $0 }, zones, page: page)
        } catch let error as AppError where error.code == "bad_filter" {
            // Kind and status are the contract's enums: only a zone the programme does not have gets
            // here, a well-formed value the data refuses (422), not a malformed request.
            throw AppError(.unprocessableContent, code: error.code, message: error.message)
        }
        let (rows, total) = try await services.store.cases.cases(query)
        return .ok(
            .init(
                body: .json(
                    .init(items: rows.map(CasesMapping.summary), total: total, page: page, pageSize: CaseHandlers.pageSize))))
    }

    func proposeCase(_ input: Operations.ProposeCase.Input) async throws -> Operations.ProposeCase.Output {
        let identity = try identity(for: .casesPropose)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.title, "title", 1...200)
        try APIBounds.check(body.problem, "problem", 1...CaseProposal.maxText)
        try APIBounds.check(body.solution, "solution", 1...CaseProposal.maxText)
        try APIBounds.check(body.subjectUscc, "subject_uscc", 0...18)
        try APIBounds.check(body.region, "region", 0...20)
        try APIBounds.check(body.investment, "investment", 0...40)
        try APIBounds.count(body.members?.count ?? 0, "members", 0...CaseProposal.maxMembers)
        try APIBounds.count(body.projects?.count ?? 0, "projects", 0...CaseProposal.maxProjects)
        try APIBounds.count(body.products?.count ?? 0, "products", 0...CaseProposal.maxProducts)
        try APIBounds.count(body.results?.count ?? 0, "results", 0...CaseProposal.resultRows)
        for member in body.members ?? [] { try APIBounds.check(member, "members", 0...18) }
        for id in (body.projects ?? []) + (body.products ?? []) { try APIBounds.check(id, "projects", 1...100) }
        // The form's fields, as the page posts them.
        var fields: [String: String] = [
            "kind": body.kind.rawValue, "title": body.title, "problem": body.problem, "solution": body.solution,
            "subject_kind": body.subjectKind?.rawValue ?? "", "subject_uscc": body.subjectUscc ?? "", "region": body.region ?? "",
            "members": (body.members ?? []).joined(separator: "\n"), "investment": body.investment ?? "",
        ]
        for id in body.projects ?? [] { fields["project_" + id] = "on" }
        for id in body.products ?? [] { fields["product_" + id] = "on" }
        for (index, result) in (body.results ?? []).enumerated() {
            try APIBounds.check(result.indicator, "results.indicator", 0...100)
            try APIBounds.check(result.unit, "results.unit", 0...20)
            try APIBounds.check(result.before, "results.before", 0...20)
            try APIBounds.check(result.after, "results.after", 0...20)
            let row = index + 1
            fields["result_indicator_\(row)"] = result.indicator
            fields["result_unit_\(row)"] = result.unit ?? ""
            fields["result_before_\(row)"] = result.before
            fields["result_after_\(row)"] = result.after
        }
        let id = services.store.ids.make("cas")
        switch try await CaseProposal(fields: fields, services: services, identity: identity).check(id: id) {
        case .problems(let errors): throw RecordsUpload.refuse(errors)
        case .proposal(let record):
            _ = try await services.store.cases.propose(record)
            return .created(.init(body: .json(try await caseDetail(id, identity))))
        }
    }

    func getCase(_ input: Operations.GetCase.Input) async throws -> Operations.GetCase.Output {
        let identity = try identity(for: .casesRead)
        return .ok(.init(body: .json(try await caseDetail(input.path.caseId, identity))))
    }

    func addCaseDocument(_ input: Operations.AddCaseDocument.Input) async throws -> Operations.AddCaseDocument.Output {
        let identity = try identity(for: .casesPropose)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        let record = try await caseHandlers.reachable(input.path.caseId, identity)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let document = try await caseHandlers.addDocument(
            MultipartForm.File(fileName: input.query.fileName, contentType: "application/octet-stream", data: data), record,
            identity)
        return .created(.init(body: .json(CasesMapping.document(document))))
    }

    func reviewCase(_ input: Operations.ReviewCase.Input) async throws -> Operations.ReviewCase.Output {
        let identity = try identity(for: .casesReview)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        return .ok(.init(body: .json(try await caseStep(.review, input.path.caseId, note: body.note, nil, identity))))
    }

    func decideCase(_ input: Operations.DecideCase.Input) async throws -> Operations.DecideCase.Output {
        let identity = try identity(for: .casesDecide)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        return .ok(
            .init(
                body: .json(
                    try await caseStep(.decision, input.path.caseId, note: body.note, body.decision.rawValue, identity))))
    }

    func publishCase(_ input: Operations.PublishCase.Input) async throws -> Operations.PublishCase.Output {
        let identity = try identity(for: .casesDecide)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        return .ok(.init(body: .json(try await caseStep(.publication, input.path.caseId, note: body.note, nil, identity))))
    }

    func withdrawCase(_ input: Operations.WithdrawCase.Input) async throws -> Operations.WithdrawCase.Output {
        let identity = try identity(for: .casesRead)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        return .ok(.init(body: .json(try await caseStep(.withdrawal, input.path.caseId, note: body.note, nil, identity))))
    }

    /// One step of a case with the page's checks; the case as it is afterwards.
    func caseStep(
        _ action: CaseHandlers.Action, _ id: String, note: String?, _ decision: String?, _ identity: Identity
    ) async throws -> Components.Schemas.CaseDetail {
        try APIBounds.check(note, "note", 0...2000)
        let record = try await caseHandlers.reachable(id, identity)
        switch try CaseHandlers.step(action, note: note, decision: decision, record, identity) {
        case .invalid(let error): throw RecordsUpload.refuse([error])
        case .step(let step):
            if let error = try await caseHandlers.take(step, record, identity) { throw error }
        }
        return try await caseDetail(id, identity)
    }

    func caseDetail(_ id: String, _ identity: Identity) async throws -> Components.Schemas.CaseDetail {
        let record = try await caseHandlers.reachable(id, identity)
        return CasesMapping.detail(
            record, events: try await services.store.cases.events(caseId: record.id),
            documents: try await services.store.cases.documents(caseId: record.id))
    }
}

/// Cases as the API shows them.
enum CasesMapping {
    static func summary(_ record: CaseRecord) -> Components.Schemas.CaseSummary {
        .init(
            id: record.id, kind: .init(rawValue: record.kind.rawValue) ?? .typical,
            subjectKind: .init(rawValue: record.subjectKind.rawValue) ?? .enterprise,
            subjectOrganisationId: record.subjectOrganisationId, subjectName: record.subjectName,
            divisionCode: record.divisionCode, title: record.title, status: .init(rawValue: record.status.rawValue) ?? .proposed,
            proposerName: record.proposerName, version: record.version, createdAt: record.createdAt, updatedAt: record.updatedAt)
    }

    static func detail(
        _ record: CaseRecord, events: [CaseEvent], documents: [CaseDocument]
    ) -> Components.Schemas.CaseDetail {
        let content = record.content
        return .init(
            _case: summary(record), problem: content.problem, solution: content.solution, reviewNote: record.reviewNote,
            decisionNote: record.decisionNote, investmentFen: content.investmentFen,
            results: content.results.map { .init(indicator: $0.indicator, unit: $0.unit, before: $0.before, after: $0.after) },
            members: content.members.map { .init(id: $0.organisationId, name: $0.name) },
            products: content.products.map { .init(id: $0.organisationId, name: $0.name) }, projects: content.projects,
            events: events.map {
                .init(
                    action: $0.action, fromStatus: $0.fromStatus?.rawValue, toStatus: $0.toStatus.rawValue, note: $0.note,
                    byName: $0.byName, at: $0.at)
            }, documents: documents.map(document))
    }

    static func document(_ document: CaseDocument) -> Components.Schemas.CaseDocumentView {
        .init(
            id: document.id, fileName: document.fileName, contentType: document.contentType, size: document.size,
            sha256: document.sha256, uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt)
    }
}
