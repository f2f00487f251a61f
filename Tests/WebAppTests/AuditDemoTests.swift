import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp

/// The demo seed drives every kind of decision through the engine (providers joining by fact,
/// signatures by role, panels, objections, releases recorded from the ledger): replaying all of
/// its history must give back every instance exactly, with nothing reported (issue #11, defect 11).
@Suite("Audit on the demo")
struct AuditDemoTests {
    @Test("the demo seed verifies clean: chain, replay of every instance, keyed check skipped", arguments: TestStores.backends)
    func demoVerifiesClean(backend: BackendKind) async throws {
        let services = try await TestApp.services(backend)
        defer { Task { await services.store.shutdown() } }
        let report = try await services.workflows.verifyAudit()
        #expect(report.findings.isEmpty, "\(report.findings.prefix(5))")
        #expect(report.instancesChecked > 10 && report.rowsChecked > report.instancesChecked)
        #expect(report.instancesReplayed == report.instancesChecked, "\(report.replayGaps)")
        #expect(!report.keyedCheckRan && report.keyedRowsUnchecked == 0)
    }
}
