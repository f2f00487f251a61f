import Foundation
import PilotDomain
import Programmes
import Testing

/// The diagnosis campaigns' programme files (issue #14): the three shipped campaigns, and each
/// mistake of a `diagnosis` section reported with its line.
@Suite("Diagnosis campaign files")
struct DiagnosisCampaignFileTests {
    func validator() throws -> ProgrammeValidator {
        var validator = try ProgrammeFileTests().validator()
        validator.questionnaires = [
            "tianjin-raw-materials", "tianjin-equipment", "tianjin-consumer-goods", "tianjin-electronics",
            "guangxi-manufacturing", "shanghai-manufacturing", "shanghai-smart-manufacturing", "shanghai-dcmm",
            "shanghai-ii-security",
        ]
        return validator
    }

    func shipped(_ code: String) throws -> ProgrammeDefinition {
        let (definitions, problems) = ProgrammeDirectory.loadAll(
            directory: ProgrammeFileTests.workflows + "/programmes", validator: try validator())
        #expect(problems.isEmpty, "\(problems)")
        return try #require(definitions.first { $0.code == code })
    }

    @Test("Tianjin, Guangxi and Shanghai: levels, groups, offline rules as the policies say")
    func shippedCampaigns() throws {
        let tianjin = try #require(try shipped("TJ-DIAG-2026").diagnosis)
        #expect(tianjin.unitLevels == [.province, .county, .township])
        #expect(tianjin.industryGroups.map(\.name.zh) == ["原材料", "装备制造", "消费品", "电子信息"])
        #expect(tianjin.offline == .onRequest && tianjin.offline.firmMayRequest)
        #expect(tianjin.milestones.first?.date == "2026-06-30" && tianjin.milestones.first?.coveragePercent == 100)

        let guangxi = try #require(try shipped("GX-DIAG-2024").diagnosis)
        #expect(guangxi.unitLevels == [.province, .prefecture, .county])
        #expect(guangxi.levelBelow(.prefecture) == .county && guangxi.levelBelow(.county) == nil)
        // 001: 引导数字化转型成熟度等级3档及以上企业实施线下诊断.
        #expect(guangxi.offline.sendsOffline(grade: 3) && !guangxi.offline.sendsOffline(grade: 2))
        #expect(guangxi.contactPerFirm)

        let shanghai = try #require(try shipped("SH-DIAG-2023").diagnosis)
        #expect(shanghai.industryGroups.count == 8)  // "7+1"
        #expect(shanghai.modules.count == 3)
        #expect(shanghai.offline.sendsOffline(grade: 1))
        #expect(shanghai.milestones.map(\.date) == ["2023-12-31", "2024-12-31", "2025-12-31"])
        #expect(shanghai.milestones[0].diagnosed == 1800 && shanghai.milestones[1].providers == 40)
    }

    @Test(
        "Shanghai's official table kept as printed: its rows add up to 1,540 / 3,060 / 3,430, its totals say 1,500 / 3,000 / 3,500"
    )
    func officialTable() throws {
        let shanghai = try #require(try shipped("SH-DIAG-2023").diagnosis)
        #expect(shanghai.officialQuotas.count == 18)
        let sums = [2023, 2024, 2025].map { year in shanghai.officialQuotas.reduce(0) { $0 + ($1.firms[year] ?? 0) } }
        #expect(sums == [1540, 3060, 3430])
        #expect(shanghai.officialTotals == [2023: 1500, 2024: 3000, 2025: 3500])
        #expect(shanghai.quotaFormula?.totalFirms == 9500 && shanghai.quotaFormula?.cityHandled == 1500)
        #expect(shanghai.quotaFormula?.phases.map(\.percent) == [20, 40, 40])
        #expect(shanghai.officialQuotas.first { $0.unit == "临港新片区管委会" }?.division == DivisionCode("310115400"))
    }

    @Test("each mistake of a diagnosis section is reported with its line")
    func mistakes() throws {
        let text = """
            code: TEST-DX
            kind: diagnosis_campaign
            name: {zh: 测试, en: Test}
            division: "450000"
            diagnosis:
              unit_levels: [province, township, county]
              industry_groups:
                - {id: Bad-Id, zh: 甲, en: A, questionnaire: no-such-questionnaire}
              offline: {rule: grade_at_least, grade: 11}
              quota_formula: {total_firms: 100, city_handled: 10, phases: [{year: 2024, percent: 60}]}
              official_quotas:
                - {division: "310101", unit: 黄浦区, firms: {2024: 5}}
              colour: blue
            """
        let (_, problems, _) = ProgrammeFile.parse(text, file: "bad.yaml")
        let lines = Dictionary(grouping: problems, by: \.line).mapValues { $0.map(\.kind) }
        #expect(lines[6]?.contains(.badDiagnosis) == true, "\(problems)")  // levels must go down
        #expect(lines[8]?.contains(.badDiagnosis) == true)  // snake_case id
        #expect(lines[9]?.contains(.badDiagnosis) == true)  // grade 1–10
        #expect(lines[10]?.contains(.badDiagnosis) == true)  // phases add up to 60%
        #expect(lines[13]?.contains(.unknownKey) == true)

        // Fixed in shape, the validator checks what needs other files.
        let fixed = text.replacingOccurrences(of: "[province, township, county]", with: "[province, prefecture, county]")
            .replacingOccurrences(of: "Bad-Id", with: "equipment").replacingOccurrences(of: "grade: 11", with: "grade: 3")
            .replacingOccurrences(of: "percent: 60", with: "percent: 100").replacingOccurrences(of: "  colour: blue", with: "")
        let (definition, shape, found) = ProgrammeFile.parse(fixed, file: "bad.yaml")
        #expect(shape.isEmpty, "\(shape)")
        let more = try validator().problems(try #require(definition), lines: found, file: "bad.yaml")
        // An unknown questionnaire (line 8) and a quota unit in Shanghai, outside Guangxi (line 12).
        #expect(more.map(\.line).sorted() == [8, 12], "\(more)")
        #expect(more.allSatisfy { $0.kind == .badDiagnosis })
    }
}
