import Foundation
import PilotDomain
import SQLKit
import TestSupport
import Testing
import WorkflowEngine

@testable import PilotStore

/// The dashboard's project rows after a change (issue #16): brought up to date from the rows
/// updated since, equal to a full read; a change the refresh cannot see (a row written with an old
/// time and a new version) fails the version sum and the rows are read in full.
@Suite("Dashboard project rows brought up to date after a change")
struct FactRowsRefreshTests {
    @Test("decisions and a new instance: the refreshed rows equal a full read", arguments: TestStores.backends)
    func refresh(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        func start() async throws -> String {
            try await service.start(
                definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
                subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil, actor: people.district
            ).id
        }
        var ids: [String] = []
        for _ in 0..<6 { ids.append(try await start()) }
        func cached() async throws -> [ProjectFactRow] {
            try await store.facts.projectFactRows(programmeId: people.programme.id, definitionId: "small-plan")
                .sorted { $0.instanceId < $1.instanceId }
        }
        func full() async throws -> [ProjectFactRow] {
            try await store.facts.readProjectFactRows(programmeId: people.programme.id, definitionId: "small-plan")
                .sorted { $0.instanceId < $1.instanceId }
        }
        #expect(try await cached() == full())
        for id in ids.prefix(2) {
            let outcome = try await service.execute(
                Command(instanceId: id, transitionId: "submit_plan", input: TestProgramme.validPlan), actor: people.contractor)
            guard case .applied = outcome else {
                Issue.record("submit_plan refused: \(outcome)")
                return
            }
        }
        ids.append(try await start())
        let refreshed = try await cached()
        #expect(refreshed == (try await full()))
        #expect(refreshed.count == 7 && refreshed.count { $0.state == "submitted" } == 2)

        // A writer that bypasses the store, with an old time: the refresh misses the row, the sum says so.
        let bypassed = ids[5]
        try await store.backend.read { database in
            try await database.raw(
                "UPDATE workflow_instances SET state = 'rejected', version = version + 1, updated_at = 0 WHERE id = \(bind: bypassed)"
            ).run()
        }
        let reread = try await cached()
        #expect(reread == (try await full()))
        #expect(reread.first { $0.instanceId == ids[5] }?.state == "rejected")
    }

    @Test(
        "a refresh read before another view's newer one does not merge its older rows into them", arguments: TestStores.backends)
    func olderRefresh(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let service = WorkflowService(store: store, catalog: WorkflowCatalog([try TestWorkflows.small()]))
        let people = try await TestProgramme.make(in: store)
        let id = try await service.start(
            definitionId: "small-plan", programmeId: people.programme.id, subjectOrganisationId: people.enterprise.id,
            subIndustryId: people.subIndustry.id, divisionCode: people.zone, data: [:], event: nil, actor: people.district
        ).id
        let (programme, definition) = (people.programme.id, "small-plan")
        let first = try await store.facts.projectFactRows(programmeId: programme, definitionId: definition)
        #expect(first.map(\.state) == ["draft"])
        // What another view kept after a decision this one has not yet seen: a later stamp, another state.
        let key = ProjectFactsRepository.factRowsKey(programmeId: programme, definitionId: definition)
        var newer = try #require(store.facts.factRows.latest(key))
        newer.value.merge(
            FactRowsSnapshot(
                rows: first.map { row in
                    var row = row
                    row.state = "submitted"
                    return row
                }, versions: [id: 2], latestUpdate: newer.value.latestUpdate))
        store.facts.factRows.keep(newer.value, key, at: FactRowsFingerprint(instances: 1, versions: 2))
        // This view's check reads the database's fingerprint (version 1): not the kept one, so it
        // refreshes, and its rows are older than those kept: the kept ones stand.
        let rows = try await store.facts.projectFactRows(programmeId: programme, definitionId: definition)
        #expect(rows.map(\.state) == ["submitted"])
        #expect(store.facts.factRows.latest(key)?.stamp == FactRowsFingerprint(instances: 1, versions: 2))
    }

    @Test(
        "names of organisations by id: any number, in one prepared statement, ids taken as data", arguments: TestStores.backends)
    func organisationNames(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        var expected: [String: String] = [people.enterprise.id: people.enterprise.name]
        for index in 0..<3 {
            let organisation = try await store.parties.addOrganisation(
                programmeId: people.programme.id, kind: "enterprise", name: "测试企业\(index)号", uscc: nil,
                subIndustryId: people.subIndustry.id, divisionCode: people.zone)
            expected[organisation.id] = organisation.name
        }
        let unknown = (0..<240).map { "org_none_\($0)" } + ["x', 'y", "a,b", "\"quoted\"", "企业"]
        for _ in 0..<2 {
            #expect(try await store.facts.organisationNames(Array(expected.keys) + unknown) == expected)
        }
        #expect(try await store.facts.organisationNames([people.enterprise.id]) == [people.enterprise.id: people.enterprise.name])
        #expect(try await store.facts.organisationNames([String]()).isEmpty)
    }
}
