import Diagnosis
import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `/api/v1/diagnoses…`: the enterprise's diagnosis journey as data, through the page handlers'
/// own rules (`CampaignFirmHandlers.start`, `CampaignQuestionnaireHandlers.answer`,
/// `CampaignEvidenceHandlers.keep`, `CampaignReportHandlers.report/addFeedback/requestOffline`) and
/// the same reach (`CampaignAccess`: another firm's diagnosis is not found).
extension PilotAPIHandler {
    func listOwnDiagnoses(_ input: Operations.ListOwnDiagnoses.Input) async throws -> Operations.ListOwnDiagnoses.Output {
        let identity = try identity(for: .diagnosisFill)
        guard let (_, settings) = try await CampaignAccess.campaign(services, identity) else {
            throw AppError(.notFound, code: "not_found", message: CampaignText.notACampaign)
        }
        guard let firm = try await CampaignFirmHandlers(services: services).ownFirm(identity) else {
            throw AppError(.notFound, code: "not_found", message: CampaignText.notOnThisRoster)
        }
        let rounds = try await services.store.diagnoses.diagnoses(programmeId: firm.programmeId, uscc: firm.uscc)
        let modules = settings.modules.compactMap { services.diagnosis.latest($0) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        firm: DiagnosisMapping.firm(firm),
                        modules: modules.map {
                            Components.Schemas.DiagnosisModuleOption(id: $0.key.id, title: APIMapping.text($0.title))
                        },
                        diagnoses: rounds.sorted { $0.round > $1.round }.map(DiagnosisMapping.summary)))))
    }

    func startDiagnosis(_ input: Operations.StartDiagnosis.Input) async throws -> Operations.StartDiagnosis.Output {
        let identity = try identity(for: .diagnosisFill)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        let modules = body.modules ?? []
        try APIBounds.count(modules.count, "modules", 0...20)
        for module in modules { try APIBounds.check(module, "modules", 1...100) }
        let handlers = CampaignFirmHandlers(services: services)
        let draft = try await handlers.ownFirm(identity)?.draftId
        let id = try await handlers.start(identity, modules: modules)
        let view = try await diagnosisView(identity, id)
        return id == draft ? .ok(.init(body: .json(view))) : .created(.init(body: .json(view)))
    }

    func getDiagnosis(_ input: Operations.GetDiagnosis.Input) async throws -> Operations.GetDiagnosis.Output {
        let identity = try identity(for: .diagnosisRead)
        return .ok(.init(body: .json(try await diagnosisView(identity, input.path.diagnosisId))))
    }

    func answerDiagnosis(_ input: Operations.AnswerDiagnosis.Input) async throws -> Operations.AnswerDiagnosis.Output {
        let identity = try identity(for: .diagnosisFill)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.version, "version", 1...1_000_000_000)
        try APIBounds.count(body.answers.count, "answers", 0...2000)
        var fields: [String: String] = [:]
        for answer in body.answers {
            try APIBounds.value(answer.sheet, "sheet", 0...50)
            try APIBounds.check(answer.item, "item", 1...100)
            try APIBounds.check(answer.value, "value", 1...100)
            fields[CampaignAnswersForm.field(answer.sheet, answer.item)] = answer.value
        }
        let handlers = CampaignQuestionnaireHandlers(services: services)
        let (record, _, settings) = try await handlers.draft(identity, input.path.diagnosisId)
        let answers = try CampaignAnswersForm.read({ fields[$0] }, into: record.answers, catalogue: services.diagnosis)
        switch try await handlers.answer(
            body.action.rawValue, record: record, settings: settings, answers: answers, version: body.version, identity)
        {
        case .saved, .submitted: return .ok(.init(body: .json(try await diagnosisView(identity, record.id))))
        case .refused(let error, _, _): throw error
        }
    }

    func uploadDiagnosisEvidence(
        _ input: Operations.UploadDiagnosisEvidence.Input
    ) async throws -> Operations.UploadDiagnosisEvidence.Output {
        let identity = try identity(for: .diagnosisFill)
        try APIBounds.check(input.query.item, "item", 1...100)
        try APIBounds.check(input.query.fileName, "file_name", 1...200)
        // Scope first: another firm's diagnosis is "not found", whatever the file.
        _ = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(input.path.diagnosisId)
        guard case .binary(let body) = input.body else { throw AppError.forbidden }
        let data = try await Self.collect(body, upTo: AttachmentPolicy.maxBytes, tooLarge: CampaignText.evidenceTooLarge)
        let evidence = try await CampaignEvidenceHandlers(services: services).keep(
            identity, input.path.diagnosisId, item: input.query.item, file: (name: input.query.fileName, data: data))
        return .created(.init(body: .json(DiagnosisMapping.evidence(evidence))))
    }

    func giveDiagnosisFeedback(
        _ input: Operations.GiveDiagnosisFeedback.Input
    ) async throws -> Operations.GiveDiagnosisFeedback.Output {
        let identity = try identity(for: .diagnosisFill)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.value(body.rating, "rating", 1...5)
        try APIBounds.check(body.comment, "comment", 0...1000)
        let (record, _) = try await CampaignAccess(identity: identity, services: services).ownDiagnosis(input.path.diagnosisId)
        let comment = (body.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let refusal = try await CampaignReportHandlers(services: services).addFeedback(
            identity, record, rating: body.rating, comment: comment)
        {
            throw AppError(
                .unprocessableContent, code: "invalid_input", message: refusal,
                fields: [FieldError(field: "rating", message: refusal)])
        }
        return .ok(.init(body: .json(try await diagnosisView(identity, record.id))))
    }

    func requestOfflineDiagnosis(
        _ input: Operations.RequestOfflineDiagnosis.Input
    ) async throws -> Operations.RequestOfflineDiagnosis.Output {
        let identity = try identity(for: .diagnosisFill)
        let record = try await CampaignReportHandlers(services: services).requestOffline(identity, input.path.diagnosisId)
        return .ok(.init(body: .json(try await diagnosisView(identity, record.id))))
    }

    /// Diagnosis `id` as the caller may see it: a draft only for the firm itself (404 for anyone
    /// else, as on the page), a submitted one with its report's data for whoever reads the report.
    func diagnosisView(_ identity: Identity, _ id: String) async throws -> Components.Schemas.DiagnosisView {
        let access = CampaignAccess(identity: identity, services: services)
        let (record, firm) = try await access.diagnosis(id)
        guard record.status == .submitted || access.isFirm(firm) else {
            throw AppError.notFound(CampaignText.diagnosisNotFound)
        }
        let evidence = try await services.store.diagnoses.evidence(diagnosisId: record.id, programmeId: record.programmeId)
        var report: Components.Schemas.DiagnosisReport?
        if record.status == .submitted {
            report = DiagnosisMapping.report(
                try await CampaignReportHandlers(services: services).report(identity, record: record, firm: firm))
        }
        return DiagnosisMapping.diagnosis(record, firm: firm, evidence: evidence, report: report)
    }
}

/// The diagnosis journey's records to and from the contract's wire types.
enum DiagnosisMapping {
    static func firm(_ firm: DiagnosisFirm) -> Components.Schemas.DiagnosisFirmView {
        .init(
            uscc: firm.uscc, name: firm.name, divisionCode: firm.divisionCode, industryGroup: firm.industryGroup,
            size: .init(rawValue: firm.size.rawValue) ?? .small, aboveScale: firm.aboveScale, groupUscc: firm.groupUSCC,
            progress: .init(rawValue: firm.progress.rawValue) ?? .notStarted, registered: firm.organisationId != nil,
            draftId: firm.draftId, latestDiagnosisId: firm.latestDiagnosisId, latestGrade: firm.latestGrade,
            latestTotalHundredths: firm.latestTotal)
    }

    static func summary(_ record: DiagnosisRecord) -> Components.Schemas.DiagnosisSummary {
        .init(
            id: record.id, round: record.round, status: .init(rawValue: record.status.rawValue) ?? .draft,
            version: record.version,
            offlineStatus: .init(rawValue: record.offlineStatus.rawValue)
                ?? Components.Schemas.DiagnosisSummary.OfflineStatusPayload.none,
            grade: record.scored?.base.grade, totalHundredths: record.scored?.base.total, createdAt: record.createdAt,
            submittedAt: record.submittedAt)
    }

    static func evidence(_ evidence: DiagnosisEvidence) -> Components.Schemas.DiagnosisEvidenceView {
        .init(
            id: evidence.id, diagnosisId: evidence.diagnosisId, item: evidence.itemId, fileName: evidence.fileName,
            contentType: evidence.contentType, size: evidence.size, sha256: evidence.sha256, uploadedAt: evidence.uploadedAt)
    }

    static func diagnosis(
        _ record: DiagnosisRecord, firm: DiagnosisFirm, evidence: [DiagnosisEvidence], report: Components.Schemas.DiagnosisReport?
    ) -> Components.Schemas.DiagnosisView {
        .init(
            id: record.id, uscc: record.uscc, firmName: firm.name, round: record.round,
            status: .init(rawValue: record.status.rawValue) ?? .draft, version: record.version,
            offlineStatus: .init(rawValue: record.offlineStatus.rawValue)
                ?? Components.Schemas.DiagnosisView.OfflineStatusPayload.none,
            createdAt: record.createdAt,
            submittedAt: record.submittedAt,
            sheets: record.answers.sheets.enumerated().map { index, sheet in
                Components.Schemas.DiagnosisSheet(
                    sheet: index, questionnaireId: sheet.questionnaire.id, questionnaireVersion: sheet.questionnaire.version,
                    size: .init(rawValue: sheet.size.rawValue) ?? .small,
                    answers: sheet.answers.sorted { $0.key < $1.key }.map(answer))
            },
            evidence: evidence.map(Self.evidence), result: report)
    }

    static func answer(_ entry: (key: String, value: QuestionnaireAnswers.Answer)) -> Components.Schemas.DiagnosisAnswerView {
        switch entry.value {
        case .option(let value): Components.Schemas.DiagnosisAnswerView(item: entry.key, value: value)
        case .notApplicable: Components.Schemas.DiagnosisAnswerView(item: entry.key, value: CampaignAnswersForm.notApplicable)
        }
    }

    static func standing(_ set: PeerSet, _ standing: PeerStanding) -> Components.Schemas.DiagnosisPeerStanding {
        Components.Schemas.DiagnosisPeerStanding(
            peerSet: Components.Schemas.DiagnosisPeerStanding.PeerSetPayload(rawValue: set.rawValue) ?? .region,
            count: standing.count, below: standing.below, equal: standing.equal, percentile: standing.percentile)
    }

    static func dimensions(_ result: DiagnosisResult, _ model: MaturityModel?) -> [Components.Schemas.DiagnosisDimensionScore] {
        result.dimensions.map { score in
            Components.Schemas.DiagnosisDimensionScore(
                dimension: score.dimension, name: model?.dimension(score.dimension).map { APIMapping.text($0.name) },
                scoreHundredths: score.score)
        }
    }

    static func report(_ data: CampaignReportView.Data) -> Components.Schemas.DiagnosisReport {
        let base = data.scored.base
        return .init(
            grade: base.grade ?? 0, stage: base.stage,
            stageName: base.stage.flatMap { data.model?.stage($0) }.map { APIMapping.text($0.name) },
            totalHundredths: base.total, modelVersion: base.model.description,
            questionnaireVersion: base.questionnaire.description, dimensions: dimensions(base, data.model),
            modules: data.scored.modules.map {
                Components.Schemas.DiagnosisModuleScore(
                    questionnaireVersion: $0.questionnaire.description, totalHundredths: $0.total,
                    dimensions: dimensions($0, $0.model == base.model ? data.model : nil))
            },
            benchmark: PeerSet.allCases.compactMap { set in data.benchmark[set].map { standing(set, $0) } },
            strengths: data.strengths, shortfalls: data.shortfalls, previousTotalHundredths: data.previous?.base.total,
            previousGrade: data.previous?.base.grade,
            offline: data.offline.map {
                Components.Schemas.DiagnosisOfflineView(
                    reason: $0.reason, status: $0.status, providerOrganisationId: $0.providerOrganisationId,
                    visitedOn: $0.visitedOn, verifiedGrade: $0.verifiedGrade, opinion: $0.opinion, filedAt: $0.filedAt)
            },
            feedback: data.feedback.map {
                Components.Schemas.DiagnosisFeedbackView(rating: $0.rating, comment: $0.comment, at: $0.at)
            })
    }
}
