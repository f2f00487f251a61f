/// The only markup put into pages that is not a literal of our source. Each constructor names
/// what it inserts and why that is safe; keep this file short (issue #11). Find every use with
/// `grep -rn "HTML(trusted" Sources`.
extension HTML {
    /// A workflow diagram: SVG drawn by `WorkflowGraph.svg` from a definition the validator
    /// accepted (files under Workflows/, never user text), every label escaped as XML there.
    /// Only `DiagramCache` makes a `WorkflowDiagram`.
    init(trustedDiagram diagram: WorkflowDiagram) { self.init(generated: diagram.svg) }
}
