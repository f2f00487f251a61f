import Hummingbird

/// The supervision routes of the diagnosis campaigns (issue #14), each in the group of its action;
/// every handler also narrows to the person's node (`SupervisionScope`).
enum SupervisionRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let roster = RosterImportHandlers(services: services)
        let coverage = CoverageHandlers(services: services)
        let quotas = QuotaHandlers(services: services)
        let offline = OfflineHandlers(services: services)
        let liaison = LiaisonHandlers(services: services)
        router.requiring(.diagnosisImportRoster)
            .get(RouterPath(RosterImportHandlers.path)) { request, context in try await roster.page(request, context) }
            .post(RouterPath(RosterImportHandlers.path)) { request, context in try await roster.upload(request, context) }
            .get("/diagnosis/roster/template.xlsx") { request, context in try await roster.template(request, context) }
        router.requiring(.diagnosisSupervise)
            .get("/diagnosis/coverage") { request, context in try await coverage.page(request, context) }
            .get("/diagnosis/coverage/export.xlsx") { request, context in try await coverage.export(request, context) }
            .post("/diagnosis/reminders/:reminder/read") { request, context in try await coverage.markRead(request, context) }
            .get("/diagnosis/quotas") { request, context in try await quotas.page(request, context) }
            .get("/diagnosis/quotas/shanghai") { request, context in try await quotas.shanghai(request, context) }
        router.requiring(.diagnosisSetQuotas)
            .post("/diagnosis/quotas") { request, context in try await quotas.save(request, context) }
        router.requiring(.diagnosisRemind)
            .post("/diagnosis/reminders") { request, context in try await coverage.remind(request, context) }
        router.requiring(.diagnosisAssignOffline)
            .get("/diagnosis/offline") { request, context in try await offline.page(request, context) }
            .post("/diagnosis/offline/:diagnosisId/assign") { request, context in try await offline.assign(request, context) }

        router.requiring(.diagnosisLiaison)
            .get("/diagnosis/liaison") { request, context in try await liaison.page(request, context) }
            .post("/diagnosis/liaison") { request, context in try await liaison.save(request, context) }
            .post("/diagnosis/liaison/:contact/delete") { request, context in try await liaison.remove(request, context) }
            .get("/diagnosis/liaison/export/:file") { request, context in try await liaison.export(request, context) }
    }
}
