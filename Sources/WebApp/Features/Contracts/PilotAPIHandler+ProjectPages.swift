import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/instances/{id}/…` (issue 17): a project's own pages as data — its record slots and
/// investment list (`RecordsHandlers`), the caller's form drafts (`WorkHandlers`) and the
/// enterprise's rating of its contractor (`ContractorHandlers`), through the same functions the
/// pages call, with the same feature actions and scope (404 outside it).
extension PilotAPIHandler {
    var recordsHandlers: RecordsHandlers { RecordsHandlers(services: services) }

    func getProjectRecords(_ input: Operations.GetProjectRecords.Input) async throws -> Operations.GetProjectRecords.Output {
        let identity = try identity(for: .contractsRead)
        let instance = try await recordsHandlers.visibleProject(input.path.instanceId, identity)
        let documents = try await services.store.records.slotDocuments(instanceId: instance.id)
        let slots = RecordSlot.all.map { slot in
            Components.Schemas.RecordSlotView(
                id: slot.id, stage: slot.stage.zh, name: slot.name.zh, requiredFor: slot.requiredFor,
                documents: documents.filter { $0.slot == slot.id }.map(ProjectPagesMapping.document))
        }
        let investment = try await services.store.records.investment(instanceId: instance.id)
        return .ok(
            .init(
                body: .json(
                    .init(instanceId: instance.id, slots: slots, investment: investment.map(ProjectPagesMapping.item)))))
    }

    func uploadSlotDocument(_ input: Operations.UploadSlotDocument.Input) async throws -> Operations.UploadSlotDocument.Output {
        let identity = try identity(for: .recordsUpload)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        // Scope first: a project the caller may not see is "not found", whatever the file.
        _ = try await recordsHandlers.visibleProject(input.path.instanceId, identity)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: AttachmentPolicy.maxBytes, tooLarge: ProjectText.fileTooLarge)
        let form = RecordsUpload(
            fields: [:],
            files: [
                "file": MultipartForm.File(fileName: input.query.fileName, contentType: "application/octet-stream", data: data)
            ])
        let document = try await recordsHandlers.upload(
            form, instanceId: input.path.instanceId, slotId: input.path.slotId, identity)
        return .created(.init(body: .json(ProjectPagesMapping.document(document))))
    }

    func finaliseSlotDocument(
        _ input: Operations.FinaliseSlotDocument.Input
    ) async throws
        -> Operations.FinaliseSlotDocument.Output
    {
        let identity = try identity(for: .recordsUpload)
        let path = input.path
        try await recordsHandlers.finalise(
            instanceId: path.instanceId, slotId: path.slotId, documentId: path.documentId, identity)
        guard
            let document = try await services.store.records.slotDocuments(instanceId: path.instanceId).first(where: {
                $0.id == path.documentId
            })
        else { throw AppError.notFound(LocalizedText(zh: "该档案材料", en: "This document")) }
        return .ok(.init(body: .json(ProjectPagesMapping.document(document))))
    }

    func addInvestmentItem(_ input: Operations.AddInvestmentItem.Input) async throws -> Operations.AddInvestmentItem.Output {
        let identity = try identity(for: .contractsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.item, "item", 1...200)
        try APIBounds.check(body.amount, "amount", 1...40)
        try APIBounds.check(body.contractId, "contract_id", 0...100)
        let form = RecordsUpload(
            fields: [
                "item": body.item, "category": body.category.rawValue, "amount": body.amount, "contract": body.contractId ?? "",
            ], files: [:])
        let item = try await recordsHandlers.addItem(form, instanceId: input.path.instanceId, identity)
        return .created(.init(body: .json(ProjectPagesMapping.item(item))))
    }

    func deleteInvestmentItem(
        _ input: Operations.DeleteInvestmentItem.Input
    ) async throws
        -> Operations.DeleteInvestmentItem.Output
    {
        let identity = try identity(for: .contractsEdit)
        try await recordsHandlers.removeItem(instanceId: input.path.instanceId, itemId: input.path.itemId, identity)
        return .noContent(.init())
    }

    func listDrafts(_ input: Operations.ListDrafts.Input) async throws -> Operations.ListDrafts.Output {
        let actor = try identity().actor
        let instance = try services.authorizer.requireView(
            actor, try await services.store.instances.instance(input.path.instanceId))
        let drafts = try await services.store.instances.drafts(instanceId: instance.id, userId: actor.userId)
        return .ok(
            .init(
                body: .json(
                    drafts.sorted { $0.key < $1.key }.map {
                        .init(transition: $0.key, values: .init(additionalProperties: $0.value.values), savedAt: $0.value.savedAt)
                    })))
    }

    func saveDraft(_ input: Operations.SaveDraft.Input) async throws -> Operations.SaveDraft.Output {
        let actor = try identity().actor
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let values = body.values.additionalProperties
        try APIBounds.count(values.count, "values", 0...100)
        // Fields the transition does not take are dropped, whatever their names.
        for (name, value) in values { try APIBounds.check(value, "values." + String(name.prefix(100)), 0...20_000) }
        let id = input.path.instanceId
        let kept = try await WorkHandlers(services: services).saveDraft(
            id, input.path.transitionId, values, actor: actor, language: scope.language)
        let savedAt = try await services.store.instances.drafts(instanceId: id, userId: actor.userId)[
            input.path.transitionId]?.savedAt
        return .ok(
            .init(
                body: .json(
                    .init(
                        transition: input.path.transitionId, values: .init(additionalProperties: kept),
                        savedAt: savedAt ?? services.store.clock.now()))))
    }

    func rateContractor(_ input: Operations.RateContractor.Input) async throws -> Operations.RateContractor.Output {
        let identity = try identity()
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.score, "score", 1...5)
        try APIBounds.check(body.comment, "comment", 0...2000)
        try await ContractorHandlers(services: services).rate(
            input.path.instanceId, score: body.score, comment: body.comment ?? "", identity)
        return .noContent(.init())
    }

    func submitDiagnosis(_ input: Operations.SubmitDiagnosis.Input) async throws -> Operations.SubmitDiagnosis.Output {
        let identity = try identity()
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let points = body.points.additionalProperties
        let ratings = body.ratings?.additionalProperties ?? [:]
        try APIBounds.count(points.count, "points", 0...100)
        try APIBounds.count(ratings.count, "ratings", 0...100)
        try APIBounds.count(body.applicableScenarios?.count ?? 0, "applicable_scenarios", 0...100)
        // Unknown item keys are the questionnaire's to refuse (422, as on the page).
        for (key, value) in points { try APIBounds.value(value, "points." + String(key.prefix(100)), 0...100) }
        for (key, value) in ratings { try APIBounds.value(value, "ratings." + String(key.prefix(100)), 1...4) }
        for key in body.applicableScenarios ?? [] { try APIBounds.check(key, "applicable_scenarios", 1...100) }
        let details: [String: String?] = [
            "diagnosis_common_scenarios": body.diagnosisCommonScenarios,
            "diagnosis_specific_scenarios": body.diagnosisSpecificScenarios, "recommendations": body.recommendations,
            "suggested_target_level": body.suggestedTargetLevel, "diagnosed_on": body.diagnosedOn,
        ]
        for (name, value) in details {
            try APIBounds.check(value, name, 0...(name == "suggested_target_level" ? 10 : 4000))
        }
        if let version = body.expectedVersion { try APIBounds.value(version, "expected_version", 1...1_000_000) }
        let handlers = DiagnosisHandlers(services: services)
        let (_, instance) = try await handlers.load(input.path.instanceId, identity)
        let edition = LevelIndexEdition.named(body.edition?.rawValue ?? "2024") ?? .edition2024
        let assessment = LevelAssessment(
            points: points, ratings: ratings, applicableScenarios: Set(body.applicableScenarios ?? []))
        let problems = edition.validate(assessment).map {
            FieldError(field: "assessment." + $0.field, message: $0.message)
        }
        guard problems.isEmpty else { throw RecordsUpload.refuse(problems) }
        switch try await handlers.submit(
            instance, edition, assessment, edition.evaluate(assessment), details.compactMapValues { $0 },
            expectedVersion: body.expectedVersion, idempotencyKey: nil, identity.actor)
        {
        case .applied(let result), .replayed(let result): return .ok(.init(body: .json(APIMapping.result(result))))
        case .refused(let refusal): throw AppError.refusal(refusal)
        }
    }
}

/// A project's records as the API shows them.
enum ProjectPagesMapping {
    static func document(_ document: SlotDocument) -> Components.Schemas.SlotDocumentView {
        .init(
            id: document.id, slot: document.slot, version: document.version,
            status: .init(rawValue: document.status.rawValue) ?? .draft, side: document.side, fileId: document.fileId,
            fileName: document.fileName, uploadedBy: document.uploadedBy, uploadedAt: document.uploadedAt,
            finalisedBy: document.finalisedBy, finalisedAt: document.finalisedAt)
    }

    static func item(_ item: InvestmentItem) -> Components.Schemas.InvestmentItemView {
        .init(
            id: item.id, item: item.item, category: .init(rawValue: item.category.rawValue) ?? .other,
            amountFen: Int64(item.amount.value), contractId: item.contractId, recordedBy: item.recordedBy,
            recordedAt: item.recordedAt)
    }
}
