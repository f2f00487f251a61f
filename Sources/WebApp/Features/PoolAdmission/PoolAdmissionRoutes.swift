import Hummingbird

/// The routes of pool admission (policy 002 第六条), each in the group of its feature action.
/// The application's own steps are workflow commands on its instance page (`/instances/:id`).
enum PoolAdmissionRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices) {
        let calls = CallHandlers(services: services)
        let list = ApplicationListHandlers(services: services)
        let papers = DistrictPapersHandlers(services: services)
        let publicity = PublicityHandlers(services: services, board: .poolApplicants)
        router.requiring(.admissionCalls)
            .get(RouterPath(AppPath.poolCalls.url)) { request, context in try await calls.page(request, context) }
        router.requiring(.admissionOpenCall)
            .post(RouterPath(AppPath.poolCalls.url)) { request, context in try await calls.open(request, context) }
        router.requiring(.admissionApply)
            .post(RouterPath(AppPath.poolApplications.url)) { request, context in try await calls.apply(request, context) }
        router.requiring(.admissionList)
            .get(RouterPath(AppPath.poolApplications.url)) { request, context in try await list.list(request, context) }
            .get("/pool/applications/:instance/letter") { request, context in try await papers.letter(request, context) }
        router.requiring(.admissionDistrictPapers)
            .get(RouterPath(AppPath.poolSummary.url)) { request, context in try await papers.summary(request, context) }
            .get(RouterPath(AppPath.poolSummarySheet.url)) { request, context in try await papers.sheet(request, context) }
        router.requiring(.admissionPublicity)
            .get(RouterPath(AppPath.poolPublicity.url)) { request, context in try await publicity.page(request, context) }
        router.requiring(.admissionObject)
            .post("/pool/publicity/:instance/objections") { request, context in try await publicity.object(request, context) }
    }
}
