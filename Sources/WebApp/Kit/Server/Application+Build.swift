import Foundation
import Hummingbird
import Logging
import PilotStore
import ServiceLifecycle
import WorkflowEngine

/// Builds the whole application. `smepilot serve` and the tests build it through this one
/// function, aimed at their own database (the SPI server habit).
public func buildApplication(services: AppServices, runTimers: Bool = true) throws -> some ApplicationProtocol {
    // HEAD answers like GET without a body (link checkers, uptime probes; issue #11): the router
    // derives a HEAD route from every GET route.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.middlewares.add(MetricsMiddleware())
    router.middlewares.add(LogRequestsMiddleware(.debug))
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(APIMethodMiddleware())
    // Errors are rendered twice over: the inner one knows who is signed in (navigation, their
    // language); the outer one catches failures of identifying the request itself.
    router.middlewares.add(ErrorMiddleware())
    router.middlewares.add(IdentityMiddleware(services: services))
    router.middlewares.add(ErrorMiddleware())
    PageRoutes.register(on: router, services: services, metrics: MetricsEndpoint())
    try APIRoutes.register(on: router, services: services)

    var backgroundServices: [any Service] = []
    if let sync = services.configuration.sync {
        backgroundServices.append(SyncRelayService(store: services.store, configuration: sync, logger: services.logger))
    }
    if runTimers {
        backgroundServices.append(
            TimerLoopService(
                workflows: services.workflows, interval: services.configuration.timerInterval, logger: services.logger))
        backgroundServices.append(TargetSnapshotService(services: services, logger: services.logger))
        backgroundServices.append(CounterFoldService(store: services.store, logger: services.logger))
        backgroundServices.append(FundsJobService(services: services, interval: services.configuration.timerInterval))
        // Bulk jobs (issue #17): every process continues a job whose runner died.
        backgroundServices.append(
            BulkJobService(workflows: services.workflows, interval: .seconds(2), logger: services.logger))
        if let mail = services.configuration.mail {
            backgroundServices.append(MailSenderService(store: services.store, configuration: mail, logger: services.logger))
        }
    }
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "smepilot"),
        services: backgroundServices, logger: services.logger)
}
