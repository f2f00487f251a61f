import Hummingbird

/// The routes of the enterprise's diagnosis journey (issue #14), each in the group of its feature
/// action; the handlers narrow to the person's firm, node or organisation (404 outside it).
enum CampaignRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let registration = CampaignRegistrationHandlers(services: services)
        let firm = CampaignFirmHandlers(services: services)
        let questionnaire = CampaignQuestionnaireHandlers(services: services)
        let report = CampaignReportHandlers(services: services)
        let file = CampaignFirmFileHandlers(services: services)
        let onSite = CampaignOnSiteHandlers(services: services)
        let evidence = CampaignEvidenceHandlers(services: services)
        router.requiring(.diagnosisRegister)
            .get("/diagnosis/register") { request, context in try await registration.page(request, context) }
            .post("/diagnosis/register") { request, context in try await registration.register(request, context) }
        router.requiring(.diagnosisFill)
            .get("/diagnosis") { request, context in try await firm.page(request, context) }
            .post("/diagnosis/start") { request, context in try await firm.start(request, context) }
            .get("/diagnosis/:id") { request, context in try await questionnaire.page(request, context) }
            .post("/diagnosis/:id") { request, context in try await questionnaire.save(request, context) }
            .post("/diagnosis/:id/offline-request") { request, context in try await report.requestOffline(request, context) }
            .post("/diagnosis/:id/feedback") { request, context in try await report.feedback(request, context) }
            .post("/diagnosis/:id/evidence") { request, context in try await evidence.upload(request, context) }
        router.requiring(.diagnosisRead)
            .get("/diagnosis/:id/report") { request, context in try await report.page(request, context) }
            .get("/diagnosis/firms/:uscc") { request, context in try await file.page(request, context) }
            .get("/diagnosis/evidence/:evidence") { request, context in try await evidence.download(request, context) }
        router.requiring(.diagnosisFileOnSite)
            .get("/diagnosis/offline/:diagnosisId") { request, context in try await onSite.page(request, context) }
            .post("/diagnosis/offline/:diagnosisId") { request, context in try await onSite.file(request, context) }
    }
}
