import Foundation
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

/// The case register in the store (issue #15), on both backends: a proposal and its first history
/// row in one transaction; each step under the row's lock with its history row; a refused step
/// (wrong step, the proposer selecting) writes nothing; lists cut by division ranges and
/// organisation; the dashboard's counts per kind and step in one query; migration 29 moving the old
/// selections of benchmarks and typical cases into the register.
@Suite("The case register in the store")
struct CaseStoreTests {
    static func record(
        _ id: String, _ programmeId: String, kind: CaseKind, division: String, proposer: String, organisation: String? = nil
    ) -> CaseRecord {
        var content = CaseContent()
        content.problem = "问题"
        content.solution = "做法"
        content.members = kind == .chain ? (1...6).map { CaseMember(organisationId: "org_m\($0)", name: "配套企业\($0)") } : []
        return CaseRecord(
            id: id, programmeId: programmeId, kind: kind, subjectKind: .enterprise, subjectOrganisationId: organisation,
            subjectName: "样本企业", divisionCode: division, title: "案例 \(id)", proposerUserId: proposer, proposerName: proposer,
            proposerOrganisationId: organisation, content: content)
    }

    @Test("propose, review, select, publish, withdraw; refusals write nothing; reach; counts", arguments: TestStores.backends)
    func workflow(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let district = ChangeActor(userId: "u_district", name: "区工信局")
        let leader = ChangeActor(userId: "u_leader", name: "领导小组")
        _ = try await store.cases.propose(
            Self.record("cas_a", programmeId, kind: .chain, division: "120116400", proposer: "u_district"))
        _ = try await store.cases.propose(
            Self.record("cas_b", programmeId, kind: .workshop, division: "120116402", proposer: "u_ent", organisation: "org_e"))
        _ = try await store.cases.propose(
            Self.record("cas_c", programmeId, kind: .typical, division: "120110001", proposer: "u_x"))
        let chain = try #require(try await store.cases.record(id: "cas_a", programmeId: programmeId))
        #expect(chain.status == .proposed && chain.version == 1 && chain.content.members.count == 6)
        #expect(try await store.cases.record(id: "cas_a", programmeId: "other") == nil)

        // Refused: selecting before the review, and the proposer selecting its own case.
        #expect(
            try await store.cases.step(id: "cas_a", programmeId: programmeId, .decide(selected: true, note: "x"), by: leader)
                == .failure(.wrongStatus(.proposed)))
        #expect(
            try await store.cases.step(id: "cas_a", programmeId: programmeId, .review(note: "同意"), by: district).map(\.status)
                == .success(.underReview))
        #expect(
            try await store.cases.step(id: "cas_a", programmeId: programmeId, .decide(selected: true, note: "自选"), by: district)
                == .failure(.proposerDecides))
        #expect(try await store.cases.events(caseId: "cas_a").map(\.action) == ["propose", "review"])
        #expect(try await store.cases.record(id: "cas_a", programmeId: programmeId)?.version == 2)

        #expect(
            try await store.cases.step(id: "cas_a", programmeId: programmeId, .decide(selected: true, note: "入选"), by: leader)
                .map(\.status) == .success(.selected))
        #expect(
            try await store.cases.step(id: "cas_a", programmeId: programmeId, .publish(note: ""), by: leader).map(\.status)
                == .success(.published))
        #expect(
            try await store.cases.step(id: "cas_b", programmeId: programmeId, .withdraw(note: "撤回"), by: leader).map(\.status)
                == .success(.withdrawn))
        #expect(
            try await store.cases.step(id: "cas_b", programmeId: programmeId, .review(note: "x"), by: district)
                == .failure(.wrongStatus(.withdrawn)))
        let events = try await store.cases.events(caseId: "cas_a")
        #expect(events.map(\.action) == ["propose", "review", "select", "publish"])
        #expect(events.map(\.byUserId) == ["u_district", "u_district", "u_leader", "u_leader"])
        #expect(events.last?.fromStatus == .selected && events.last?.toStatus == .published)

        // Reach: a node's subtree by code range, an organisation's own, or nothing.
        func reached(_ reach: CaseReach, _ statuses: [CaseStatus] = []) async throws -> Set<String> {
            var query = CaseQuery(programmeId: programmeId)
            query.reach = reach
            query.statuses = statuses
            return Set(try await store.cases.cases(query).rows.map(\.id))
        }
        #expect(try await reached(.programme) == ["cas_a", "cas_b", "cas_c"])
        #expect(try await reached(.limited(divisions: [DivisionCode("120116")!], organisationId: nil)) == ["cas_a", "cas_b"])
        #expect(try await reached(.limited(divisions: [DivisionCode("120116402")!], organisationId: nil)) == ["cas_b"])
        #expect(try await reached(.limited(divisions: [], organisationId: "org_e")) == ["cas_b"])
        #expect(try await reached(.limited(divisions: [], organisationId: nil)).isEmpty)
        #expect(try await reached(.programme, [.published]) == ["cas_a"])
        var paged = CaseQuery(programmeId: programmeId)
        paged.limit = 2
        paged.offset = 2
        let page = try await store.cases.cases(paged)
        #expect(page.rows.count == 1 && page.total == 3)

        // The dashboard's counts: per kind and step.
        let counts = try await store.facts.programmeCounts(programmeId: programmeId)
        #expect(counts.cases[.chain] == [.published: 1])
        #expect(counts.cases[.workshop] == [.withdrawn: 1])
        #expect(counts.cases[.typical] == [.proposed: 1])
    }

    @Test(
        "migration 29 moves benchmark and typical-case selections into the register; excellent providers stay",
        arguments: TestStores.backends)
    func migration(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        // Back to the schema before migration 29, with selections of each kind.
        let statements: [SQLQueryString] = [
            "DROP TABLE case_documents", "DROP TABLE case_events", "DROP TABLE cases",
            "DELETE FROM schema_migrations WHERE number = 29",
            """
            INSERT INTO selections (programme_id, kind, subject_id, note, selected_by, selected_at) VALUES
            (\(bind: programmeId), 'typical_case', 'prj_1', '做法可复制', 'u_leader', 1000),
            (\(bind: programmeId), 'benchmark_enterprise', 'prj_2', '标杆', 'u_leader', 2000),
            (\(bind: programmeId), 'excellent_provider', 'org_p', '优秀', 'u_leader', 3000)
            """,
        ]
        try await store.backend.transaction { database in
            for statement in statements { try await database.raw(statement).run() }
        }
        let applied = try await Migrations.run(on: store.backend)
        #expect(applied.map(\.number) == [29])
        let moved = try await store.cases.cases(CaseQuery(programmeId: programmeId)).rows.sorted { $0.id < $1.id }
        #expect(moved.map(\.kind) == [.benchmark, .typical])
        #expect(moved.allSatisfy { $0.status == .selected })
        #expect(moved.map(\.content.projects) == [["prj_2"], ["prj_1"]])
        #expect(moved.map(\.decisionNote) == ["标杆", "做法可复制"])
        #expect(try await store.cases.events(caseId: moved[0].id).map(\.action) == ["migrate"])
        let left = try await store.providers.selections(programmeId: programmeId)
        #expect(left.map(\.kind) == [.excellentProvider])
        let counts = try await store.facts.programmeCounts(programmeId: programmeId)
        #expect(counts.cases[.typical] == [.selected: 1] && counts.cases[.benchmark] == [.selected: 1])
    }
}
