import Foundation
import PilotDomain
import WorkflowEngine

extension InstanceView {
    /// A transition taken before on this instance (a plan or an application returned for
    /// correction) opens with what was recorded the last time, so the person corrects rather than
    /// retypes: each field from the instance data, money back in yuan. Empty for a first time.
    static func resubmission(_ transition: TransitionDefinition, _ model: InstancePageModel) -> [String: String] {
        guard model.history.contains(where: { $0.transitionId == transition.id }) else { return [:] }
        var values: [String: String] = [:]
        for field in transition.input {
            guard let value = model.instance.data[field.name] else { continue }
            switch (field.kind, value) {
            case (.money, .int(let fen)): values[field.name] = Fen(fen).yuanText
            case (_, .string(let text)): values[field.name] = text
            case (_, .int(let number)): values[field.name] = String(number)
            case (_, .bool(let flag)): values[field.name] = flag ? "true" : ""
            default: continue
            }
        }
        return values
    }
}
