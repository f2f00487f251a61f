import Foundation
import Testing
import WorkflowEngine

@Suite("Workflow definitions are validated with file and line")
struct DefinitionValidationTests {
    static let invalidFixtures = [
        "unknown-role", "unknown-guard", "unknown-effect", "unknown-state", "unreachable-state", "dead-end-state",
        "duplicate-transition", "duplicate-state", "bad-input-type", "choice-without-options", "timer-fires-non-system",
        "syntax-error",
    ]

    @Test("each broken fixture is reported with its kind and line", arguments: invalidFixtures)
    func brokenFixture(name: String) throws {
        let text = try Fixtures.text("invalid/\(name).yaml")
        // First line: "# expect: <kind> line <N>"
        let header = try #require(text.split(separator: "\n").first).split(separator: " ")
        let expectedKind = String(header[2])
        let expectedLine = try #require(Int(header[4]))

        let (_, problems) = WorkflowCatalog.check(text, file: "\(name).yaml")

        #expect(!problems.isEmpty)
        #expect(
            problems.contains { $0.kind.rawValue == expectedKind && $0.line == expectedLine },
            "expected \(expectedKind) at line \(expectedLine), got \(problems)")
        #expect(problems.allSatisfy { $0.file == "\(name).yaml" })
    }

    @Test("the shipped workflows validate cleanly")
    func shippedWorkflows() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Workflows").path
        let catalog = try WorkflowCatalog.load(directory: directory)
        let lifecycle = try #require(catalog.latest("enterprise-project"))
        #expect(lifecycle.states.count > 15)
        #expect(lifecycle.timers.contains { $0.state == "publicity" })
    }

    @Test("a problem prints as file:line: kind: message")
    func problemFormat() {
        let problem = DefinitionProblem(file: "w.yaml", line: 7, kind: .unknownRole, message: "unknown role 'mayor'")
        #expect(problem.description == "w.yaml:7: unknown_role: unknown role 'mayor'")
    }

    @Test("unknown keys and wrong types are reported, not ignored")
    func structuralProblems() {
        let yaml = """
            id: x
            version: one
            title: {zh: 甲, en: A}
            initial: a
            colour: blue
            states:
              - id: a
                label: {zh: 甲, en: A}
                terminal: true
            transitions: []
            """
        let (_, problems) = WorkflowCatalog.check(yaml, file: "x.yaml")
        #expect(problems.contains { $0.kind == .wrongType && $0.line == 2 })
        #expect(problems.contains { $0.kind == .unknownKey && $0.line == 5 })
    }
}
