import PilotDomain

extension Engine {
    /// The transitions `actor` may take from the instance's current state: role, scope and
    /// separation of duties pass. Input and guards are checked when the command comes. Pages use
    /// this to show only the buttons that can work; the server still decides every command.
    public func availableTransitions(
        _ instance: InstanceSnapshot, definition: WorkflowDefinition, actor: Actor
    ) -> [TransitionDefinition] {
        definition.transitions(from: instance.state).filter { transition in
            !transition.isSystemOnly && authorize(actor, transition, instance) == nil
                && separationOfDuties(actor, transition, instance, definition) == nil
        }
    }
}
