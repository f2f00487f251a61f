import PilotDomain
import PilotStore
import TestSupport
import Testing
import WorkflowEngine

extension WorkflowService {
    /// Drives a small-plan instance forward to `state` with valid commands.
    func drive(_ instanceId: String, to state: String, people: TestProgramme) async throws {
        let steps: [(String, [String: JSONValue], Actor, String)] = [
            ("submit_plan", TestProgramme.validPlan, people.contractor, "submitted"),
            ("approve", ["opinion": "同意"], people.district, "publicity"),
        ]
        for (transition, input, actor, reached) in steps {
            let outcome = try await execute(Command(instanceId: instanceId, transitionId: transition, input: input), actor: actor)
            guard case .applied = outcome else {
                Issue.record("\(transition) was not applied: \(outcome)")
                return
            }
            if reached == state { return }
        }
        if state == "signing" {
            let system = Actor.system(programmeId: people.programme.id)
            _ = try await execute(Command(instanceId: instanceId, transitionId: "close_publicity"), actor: system)
        }
    }
}
