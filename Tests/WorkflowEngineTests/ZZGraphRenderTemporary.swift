import Foundation
import Testing
import WorkflowEngine

// TEMPORARY: writes renders for manual inspection; deleted before hand-off.
@Test func writeGraphRendersTemporary() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Workflows").path
    let definition = try #require(try WorkflowCatalog.load(directory: directory).latest("enterprise-project"))
    try WorkflowGraph.svg(definition).write(toFile: "/tmp/enterprise.svg", atomically: true, encoding: .utf8)
    try WorkflowGraph.svg(definition, language: .en, highlight: "publicity").write(toFile: "/tmp/enterprise-en.svg", atomically: true, encoding: .utf8)
    try WorkflowGraph.dot(definition).write(toFile: "/tmp/enterprise.dot", atomically: true, encoding: .utf8)
    try WorkflowGraph.mermaid(definition).write(toFile: "/tmp/enterprise.mmd", atomically: true, encoding: .utf8)
}
