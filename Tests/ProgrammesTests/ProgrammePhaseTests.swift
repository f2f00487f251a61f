import Foundation
import PilotDomain
import Programmes
import Testing

/// The programme's phases (policy 004 §五) in its file: parsed with line-numbered problems, and their
/// status from today's date.
@Suite("Programme phases")
struct ProgrammePhaseTests {
    @Test("status from dates: before, inside, past with the dossier complete, past with it incomplete (known answers)")
    func status() {
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-12-31", today: "2023-12-31", complete: false) == .notStarted)
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-12-31", today: "2024-01-01", complete: false) == .inProgress)
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-12-31", today: "2024-12-31", complete: false) == .inProgress)
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-12-31", today: "2025-01-01", complete: false) == .overdue)
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-12-31", today: "2025-01-01", complete: true) == .done)
        #expect(PhaseStatus.of(start: "2024-01-01", end: "2024-03-31", today: "2024-04-01", complete: nil) == .done)
    }

    @Test("the shipped Binhai file has the two phases of 004 §五 with their dossiers")
    func binhai() throws {
        let text = try String(
            contentsOfFile: DivisionTreeTests.root.appendingPathComponent("Workflows/programmes/binhai-2024.yaml").path,
            encoding: .utf8)
        let (definition, problems, _) = ProgrammeFile.parse(text, file: "binhai-2024.yaml")
        #expect(problems.isEmpty, "\(problems)")
        let phases = try #require(definition?.phases)
        #expect(phases.map(\.id) == ["phase1", "phase2"])
        #expect(phases.map(\.start) == ["2024-01-01", "2025-01-01"] && phases.map(\.end) == ["2024-12-31", "2025-12-31"])
        #expect(phases.map(\.dossier) == ["midterm", "final"])
        #expect(phases[0].steps.count == 4 && phases[0].steps[1].start == "2024-04-01")
    }

    @Test("mistakes in phases are reported with their lines, all of them")
    func mistakes() {
        let text = """
            code: TEST-P
            kind: city_pilot
            name: {zh: 测试, en: Test}
            division: "120116"
            phases:
              - {id: one, zh: 一, en: One, start: "2024-01-01", end: "2024-13-01"}
              - id: two
                zh: 二
                en: Two
                start: "2024-06-01"
                end: "2024-12-31"
                dossier: interim
                steps:
                  - {zh: 早, en: Early, start: "2024-05-01", end: "2024-07-01"}
              - {id: three, zh: 三, en: Three, start: "2025-02-01", end: "2025-01-01", colour: red}
            """
        let (_, problems, _) = ProgrammeFile.parse(text, file: "p.yaml")
        let found = problems.map { "\($0.line): \($0.kind.rawValue): \($0.message)" }
        #expect(found.contains { $0.hasPrefix("6: bad_phase") && $0.contains("end must be a date") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("12: bad_phase") && $0.contains("midterm or final") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("14: bad_phase") && $0.contains("outside the phase") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("15: unknown_key") && $0.contains("colour") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("15: bad_phase") && $0.contains("before start") }, "\(found)")
    }
}
