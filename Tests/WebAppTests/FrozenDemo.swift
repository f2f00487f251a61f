import Foundation
import Logging
import PilotDomain
import PilotStore
import TestSupport
import WebApp
import WorkflowEngine

/// The demo as `TestApp.services` seeds it, on a clock the test holds (and may move): tests that
/// compare weeks, months or days with "now" must not straddle midnight or the end of a week in
/// Shanghai while they run. The server listens on a free port when started live.
enum FrozenDemo {
    static func services(clock: ManualClock = ManualClock(Date()), enterprises: Int = 60) async throws -> AppServices {
        let store = try await TestStores.make(.sqlite, clock: clock)
        var configuration = AppConfiguration(bcryptCost: 4)
        configuration.workflowsDirectory = TestWorkflows.shippedDirectory
        configuration.port = 0
        let calendar = try HolidayCalendarFile.load(
            path: TestWorkflows.shippedDirectory + "/" + HolidayCalendarFile.relativePath)
        let services = AppServices(
            configuration: configuration, store: store, catalog: try TestWorkflows.shipped(), calendar: calendar,
            logger: Logger(label: "test.frozen-demo"))
        do {
            try await DemoSeeder(services: services).seed(enterprises: enterprises)
        } catch {
            await store.shutdown()
            throw error
        }
        return services
    }
}
