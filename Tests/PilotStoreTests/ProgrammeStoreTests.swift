import Foundation
import Funds
import PilotDomain
import PilotStore
import Programmes
import TestSupport
import Testing

/// Programmes created and updated from their files (issue #12), on both backends.
@Suite("Programmes from files: created in one transaction, updated as versions with a reason")
struct ProgrammeStoreTests {
    static let file = """
        code: TEST-2026
        kind: city_pilot
        name: {zh: 测试试点, en: Test pilot}
        division: "120110"
        workflows: [enterprise-project]
        sub_industries:
          - {code: AUTO, zh: 汽车零部件制造业, en: Automotive parts}
        funding_sources:
          - {id: central, kind: central, zh: 中央财政奖补资金, en: Central award, committed_yuan: 100000000}
          - {id: district, kind: district_street, zh: 区级资金, en: District fund, committed_yuan: 100000000}
        targets:
          deadline: "2026-12-31"
          goals: {level3: 10}
        rules:
          publicity_days: 5
          subsidy_cap_level_3_yuan: 500000
        """

    func definition(_ text: String) throws -> ProgrammeDefinition {
        let (definition, problems, _) = ProgrammeFile.parse(text, file: "test.yaml")
        #expect(problems.isEmpty, "\(problems)")
        return try #require(definition)
    }

    @Test(
        "create writes programme, sub-industries, rules v1, targets v1 and file v1; a second create is refused",
        arguments: TestStores.backends)
    func create(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await store.programmes.createProgramme(
            from: try definition(Self.file), source: Self.file, by: "setup")
        let read = try #require(try await store.programmes.programme(code: "TEST-2026"))
        #expect(read.kind == .cityPilot && read.division == "120110")
        #expect(read.definition?.fundingSources.map(\.id) == ["central", "district"])
        #expect(read.rules["subsidy_cap_level_3"] == .int(50_000_000))
        #expect(try await store.programmes.subIndustries(programmeId: programme.id).map(\.code) == ["AUTO"])
        #expect(try await store.programmes.ruleVersions(programmeId: programme.id).count == 1)
        let targets = try await store.targets.targetVersions(programmeId: programme.id)
        #expect(targets.count == 1 && targets.first?.targets["deadline"] == .string("2026-12-31"))
        #expect(try await store.programmes.programmeVersions(programmeId: programme.id).map(\.version) == [1])
        await #expect(throws: StoreError.self) {
            _ = try await store.programmes.createProgramme(from: try definition(Self.file), source: Self.file, by: "setup")
        }
        #expect(try await store.programmes.programmes().count { $0.code == "TEST-2026" } == 1)
    }

    @Test(
        "update: a new sub-industry, rules and targets become versions with the reason; nothing changed writes nothing",
        arguments: TestStores.backends)
    func update(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await store.programmes.createProgramme(
            from: try definition(Self.file), source: Self.file, by: "setup")
        let changed = Self.file.replacingOccurrences(
            of: "  - {code: AUTO, zh: 汽车零部件制造业, en: Automotive parts}",
            with: "  - {code: AUTO, zh: 汽车零部件制造业, en: Automotive parts}\n  - {code: NEWM, zh: 新材料制造业, en: New materials}"
        ).replacingOccurrences(of: "publicity_days: 5", with: "publicity_days: 7")
            .replacingOccurrences(of: "goals: {level3: 10}", with: "goals: {level3: 12}")
        let update = try await store.programmes.updateProgramme(
            from: try definition(changed), source: changed, by: "admin", reason: "领导小组会议：新增新材料行业")
        #expect(update.version == 2)
        #expect(update.changes.contains("sub-industry NEWM added"))
        #expect(update.changes.contains { $0.hasPrefix("rules (version 2)") })
        #expect(update.changes.contains { $0.hasPrefix("targets (version 2)") })
        #expect(try await store.programmes.subIndustries(programmeId: programme.id).map(\.code).sorted() == ["AUTO", "NEWM"])
        #expect(try await store.programmes.programme(id: programme.id)?.rules["publicity_days"] == .int(7))
        let rules = try await store.programmes.ruleVersions(programmeId: programme.id)
        #expect(rules.contains { $0.version == 2 && $0.reason == "领导小组会议：新增新材料行业" && $0.changedBy == "admin" })
        let versions = try await store.programmes.programmeVersions(programmeId: programme.id)
        #expect(versions.first?.version == 2 && versions.first?.source == changed)
        let again = try await store.programmes.updateProgramme(
            from: try definition(changed), source: changed, by: "admin", reason: "重复")
        #expect(again.changes.isEmpty)
        #expect(try await store.programmes.programmeVersions(programmeId: programme.id).count == 2)
    }

    @Test(
        "update refuses a new division, a removed sub-industry, and new funding sources once money is booked; nothing is written",
        arguments: TestStores.backends)
    func refusals(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await store.programmes.createProgramme(
            from: try definition(Self.file), source: Self.file, by: "setup")
        let moved = Self.file.replacingOccurrences(of: "division: \"120110\"", with: "division: \"120116\"")
        let dropped = Self.file.replacingOccurrences(
            of: "  - {code: AUTO, zh: 汽车零部件制造业, en: Automotive parts}",
            with: "  - {code: NEWM, zh: 新材料制造业, en: New materials}"
        ).replacingOccurrences(of: "publicity_days: 5", with: "publicity_days: 9")
        let funded = Self.file.replacingOccurrences(
            of: "committed_yuan: 100000000}\n  - {id: district", with: "committed_yuan: 90000000}\n  - {id: district"
        )
        .replacingOccurrences(of: "publicity_days: 5", with: "publicity_days: 9")
        let defined = try #require(try await store.programmes.programme(id: programme.id)?.definition)
        try await store.funds.createFundsBook(
            programmeId: programme.id, try FundsBook(rules: .standard, sources: defined.fundingSources))
        for text in [moved, dropped, funded] {
            await #expect(throws: StoreError.self) {
                _ = try await store.programmes.updateProgramme(
                    from: try definition(text), source: text, by: "admin", reason: "试图修改")
            }
        }
        #expect(try await store.programmes.programme(id: programme.id)?.rules["publicity_days"] == .int(5))
        #expect(try await store.programmes.subIndustries(programmeId: programme.id).map(\.code) == ["AUTO"])
        #expect(try await store.programmes.programmeVersions(programmeId: programme.id).count == 1)
        #expect(try await store.programmes.ruleVersions(programmeId: programme.id).count == 1)
    }
}
