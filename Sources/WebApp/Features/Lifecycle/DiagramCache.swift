import NIOConcurrencyHelpers
import PilotDomain
import WorkflowEngine

/// Workflow diagrams, drawn once per (workflow, version, language, highlighted state) and kept:
/// laying out the enterprise workflow takes milliseconds, and every instance page shows it.
/// Bounded by definitions × states × languages, a few hundred entries at most.
final class DiagramCache: Sendable {
    private let drawn = NIOLockedValueBox<[String: WorkflowDiagram]>([:])

    /// A `highlight` that is not a state of the workflow is ignored (it may come from a query
    /// string: unknown values must not grow the cache).
    func svg(_ definition: WorkflowDefinition, language: UILanguage, highlight requested: String? = nil) -> WorkflowDiagram {
        let highlight = requested.flatMap { definition.state($0) == nil ? nil : $0 }
        let key = "\(definition.id)@\(definition.version)/\(language.rawValue)/\(highlight ?? "")"
        if let svg = drawn.withLockedValue({ $0[key] }) { return svg }
        let svg = WorkflowDiagram(svg: WorkflowGraph.svg(definition, language: language, highlight: highlight))
        drawn.withLockedValue { $0[key] = svg }
        return svg
    }
}

/// A workflow diagram as SVG markup, drawn by our own code (`WorkflowGraph.svg`) from a validated
/// definition. Made only here, so a page may insert it unescaped (`HTML(trustedDiagram:)`).
struct WorkflowDiagram: Sendable {
    let svg: String
    fileprivate init(svg: String) { self.svg = svg }
}
