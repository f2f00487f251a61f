import AsyncHTTPClient
import Diagnosis
import Foundation
import LocalPostgres
import Logging
import PilotDomain
import PilotStore
import Programmes
import ServiceLifecycle
import WebApp
import WorkflowEngine

/// The pages of `smepilot bench diagnosis`, over loopback HTTP from the real application: the
/// firm's report (its benchmarking) as the firm reads it, and the coverage page of the city and of
/// one district as their officials read it. Sessions are made directly in the store (the benchmark
/// times the pages, not bcrypt).
extension DiagnosisBench {
    func measurePages(
        _ store: PilotStore, address: DatabaseLocation.PostgresAddress, programmeId: String, record: DiagnosisRecord,
        catalogue: DiagnosisCatalogue
    ) async throws {
        let organisation = try await store.parties.addOrganisation(
            programmeId: programmeId, kind: "enterprise", name: "基准测试企业", uscc: try USCC(validating: record.uscc),
            subIndustryId: nil, divisionCode: record.divisionCode)
        _ = try await store.diagnoses.link(programmeId: programmeId, uscc: record.uscc, organisationId: organisation.id)
        func session(_ username: String, _ grant: RoleGrant, organisation: String? = nil) async throws -> String {
            let user = try await store.accounts.createUser(
                programmeId: programmeId, username: username, displayName: username, passwordHash: "!",
                organisationId: organisation, grants: [grant])
            return try await store.sessions.createSession(userId: user.id, lifetime: 3600).token
        }
        let firm = try await session(
            "bench-firm", RoleGrant(role: .enterprise, scope: .organisation(organisation.id)), organisation: organisation.id)
        let city = try await session("bench-city", RoleGrant(role: .districtOfficial, scope: .division("120000")))
        let district = try await session("bench-binhai", RoleGrant(role: .districtOfficial, scope: .division("120116")))

        let port = PortProbe.freePort() ?? 58_081
        let divisions = try DivisionFile.load(path: workflows + "/" + DivisionFile.relativePath)
        let services = AppServices(
            configuration: AppConfiguration(
                host: "127.0.0.1", port: port, database: .postgres(address), workflowsDirectory: workflows, logLevel: .warning),
            store: store, catalog: try WorkflowCatalog.load(directory: workflows), divisions: divisions, diagnosis: catalogue,
            logger: Logger(label: "bench"))
        try await BenchApplication.probing(services, port: port) { probe in
            print("\npages over loopback HTTP (10 warm-up + \(n) sequential GETs each):")
            let report = try await probe.measure(
                path: "/diagnosis/\(record.id)/report", headers: [("Cookie", "smepilot_session=\(firm)")], count: n, warmUp: 10
            ) { html in html.contains("id=\"peer-deployment\"") ? nil : "no benchmarking on the report" }
            DashboardBenchProbe.report("the firm's report (benchmarking)", report, goal: Self.goalMilliseconds)
            let cityPage = try await probe.measure(
                path: "/diagnosis/coverage", headers: [("Cookie", "smepilot_session=\(city)")], count: n, warmUp: 10
            ) { html in html.contains("id=\"sub-units\"") ? nil : "no sub-units on the city's coverage" }
            DashboardBenchProbe.report("coverage, the city (its districts)", cityPage, goal: Self.goalMilliseconds)
            let districtPage = try await probe.measure(
                path: "/diagnosis/coverage", headers: [("Cookie", "smepilot_session=\(district)")], count: n, warmUp: 10
            ) { html in html.contains("id=\"not-started\"") ? nil : "no firms-not-started list" }
            DashboardBenchProbe.report("coverage, 滨海新区 (streets, firms not started)", districtPage, goal: Self.goalMilliseconds)
        }
    }
}
