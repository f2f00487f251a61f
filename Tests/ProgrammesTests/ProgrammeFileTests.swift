import Foundation
import PilotDomain
import Programmes
import Testing
import WorkflowEngine

/// Programme files: the shipped Binhai file, and every kind of mistake reported with its line.
@Suite("Programme files")
struct ProgrammeFileTests {
    static var workflows: String { DivisionTreeTests.root.appendingPathComponent("Workflows").path }

    func validator() throws -> ProgrammeValidator {
        ProgrammeValidator(
            divisions: try DivisionFile.load(path: DivisionTreeTests.shippedFile),
            workflows: ["enterprise-project", "provider-admission"],
            targetKeys: [
                "participation", "level2_share", "level3", "level4", "cloud", "transformations", "typical_cases",
                "benchmarks", "providers", "solutions", "chain_led", "distinctive_practices",
            ],
            workflowsDirectory: Self.workflows)
    }

    @Test("the shipped Binhai file: kind, division, sub-industries, funds with zone divisions, targets, rules in fen")
    func binhai() throws {
        let (definitions, problems) = ProgrammeDirectory.loadAll(
            directory: Self.workflows + "/programmes", validator: try validator())
        #expect(problems.isEmpty, "\(problems)")
        let binhai = try #require(definitions.first { $0.code == "BINHAI-2024" })
        #expect(binhai.kind == .cityPilot)
        #expect(binhai.division == DivisionCode("120116"))
        #expect(binhai.subIndustries.map(\.code) == ["SMCE", "MCES", "OEEM", "NEVP", "BIOM"])
        #expect(binhai.fundingSources.count == 6)
        #expect(binhai.rules["subsidy_cap_level_3"] == .int(60_000_000))
        #expect(binhai.rules["publicity_days"] == .int(7))
        #expect(binhai.targets?.goals["level3"] == 50)
        // The zone fund pays for enterprises in its zone; anywhere else the district fund does.
        #expect(binhai.localSource(for: DivisionCode("120116400")) == "teda")
        #expect(binhai.localSource(for: DivisionCode("120116402")) == "binhai_hitech")
        #expect(binhai.localSource(for: DivisionCode("120116001")) == "district")
        #expect(binhai.localSource(for: nil) == "district")
        // The pool's annual evaluation: five criteria, weights adding up to 100, one from feedback.
        let criteria = try #require(binhai.poolEvaluation)
        #expect(criteria.map(\.id) == ["capability", "results", "feedback", "compliance", "local_service"])
        #expect(criteria.reduce(0) { $0 + $1.weight } == 100)
        #expect(criteria.filter(\.fromFeedback).map(\.id) == ["feedback"])
    }

    @Test("pool evaluation criteria: weights adding up to 100, one feedback criterion, known sources")
    func evaluationCriteria() {
        let text = """
            code: TEST-2
            kind: provider_pool
            name: {zh: 测试, en: Test}
            division: "120000"
            pool_evaluation:
              - {id: a, zh: 甲, en: A, weight: 60, source: enterprise_feedback}
              - {id: b, zh: 乙, en: B, weight: 30, source: enterprise_feedback}
              - {id: c, zh: 丙, en: C, weight: 5, source: rumours}
            """
        let (_, problems, _) = ProgrammeFile.parse(text, file: "pool.yaml")
        let found = problems.filter { $0.kind == .badEvaluation }.map { "\($0.line): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("6:") && $0.contains("95, not 100") }, "\(problems) \(found)")
        #expect(found.contains { $0.hasPrefix("6:") && $0.contains("at most one") })
        #expect(found.contains { $0.hasPrefix("8:") && $0.contains("rumours") })
    }

    @Test("mistakes are reported as file:line: kind: message, all of them")
    func mistakes() throws {
        let text = """
            code: bad code
            kind: city_pilot
            name: {zh: 测试}
            division: "999999"
            workflows: [enterprise-project, no-such-flow]
            colour: blue
            sub_industries:
              - {code: A, zh: 甲, en: A}
              - {code: A, zh: 乙, en: B}
            funding_sources:
              - {id: central, kind: central, zh: 中央, en: Central, committed_yuan: 100}
              - {id: zone1, kind: zone, division: "310115", zh: 区, en: Zone, committed_yuan: 100}
            targets:
              deadline: "2025-12-31"
              goals: {level3: 5, happiness: 3}
            rules:
              publicity_days: 90
              subsidy_cap_level_2: 300000
              tranche_plan: "10/90"
            """
        let file = "bad.yaml"
        let (_, problems, _) = ProgrammeFile.parse(text, file: file)
        let found = Set(problems.map { "\($0.line):\($0.kind.rawValue)" })
        #expect(found.contains("1:wrong_type"), "\(problems)")  // code
        #expect(found.contains("3:wrong_type"))  // name without en
        #expect(found.contains("6:unknown_key"))
        #expect(found.contains("9:duplicate"))
        #expect(found.contains("17:bad_rule"))
        #expect(found.contains("18:bad_rule"))
        #expect(found.contains("19:bad_rule"))
        #expect(problems.allSatisfy { $0.description.hasPrefix("bad.yaml:") })

        // What needs other files: the tree, the workflows, the targets.
        let fixed = text.replacingOccurrences(of: "code: bad code", with: "code: TEST-1")
            .replacingOccurrences(of: "name: {zh: 测试}", with: "name: {zh: 测试, en: Test}")
            .replacingOccurrences(of: "colour: blue\n", with: "").replacingOccurrences(
                of: "  - {code: A, zh: 乙, en: B}\n", with: ""
            )
            .replacingOccurrences(of: "publicity_days: 90", with: "publicity_days: 9")
            .replacingOccurrences(of: "subsidy_cap_level_2:", with: "subsidy_cap_level_2_yuan:")
            .replacingOccurrences(of: "\"10/90\"", with: "\"50/50\"")
        let (definition, shapeProblems, lines) = ProgrammeFile.parse(fixed, file: file)
        #expect(shapeProblems.isEmpty, "\(shapeProblems)")
        let more = try validator().problems(try #require(definition), lines: lines, file: file)
        let kinds = Set(more.map(\.kind))
        #expect(kinds == [.unknownDivision, .unknownWorkflow, .badTarget, .badFunding], "\(more)")
        #expect(more.first { $0.kind == .unknownWorkflow }?.line == 5)
    }
}
