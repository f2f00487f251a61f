import Foundation
import OpenAPIRuntime
import PilotAPI
import PilotDomain
import PilotStore
import WorkflowEngine

/// `/api/v1/targets`: the targets page as data. Setting them goes through the page's form rules
/// (`TargetsForm.parse`, by the form's field names) and `TargetsEditHandlers.saveTargets`, so a
/// client and the page cannot save different things.
extension PilotAPIHandler {
    func getTargets(_ input: Operations.GetTargets.Input) async throws -> Operations.GetTargets.Output {
        let programmeId = try identity(for: .dashboardRead).programmeId
        return .ok(.init(body: .json(try await targets(programmeId))))
    }

    func setTargets(_ input: Operations.SetTargets.Input) async throws -> Operations.SetTargets.Output {
        let identity = try identity(for: .targetsEdit)
        guard case .json(let body) = input.body else { throw AppError.forbidden }
        try APIBounds.check(body.deadline, "deadline", 1...20)
        try APIBounds.check(body.reason, "reason", 1...1000)
        try APIBounds.value(body.basedOn, "based_on", 0...1_000_000)
        for value in body.goals.additionalProperties.values {
            try APIBounds.value(value, "goals", -1_000_000_000...1_000_000_000)
        }
        for value in (body.recorded?.additionalProperties ?? [:]).values {
            try APIBounds.value(value, "recorded", -1_000_000_000...1_000_000_000)
        }
        var values: [String: String] = [
            TargetsForm.deadlineField: body.deadline, TargetsForm.reasonField: body.reason,
            TargetsForm.basedOnField: String(body.basedOn),
        ]
        for target in Targets.all {
            values[TargetsForm.goalField(target)] = body.goals.additionalProperties[target.key].map(String.init) ?? ""
        }
        for target in TargetsForm.recordedTargets {
            values[TargetsForm.recordedField(target)] =
                body.recorded?.additionalProperties[target.key].map(String.init) ?? ""
        }
        // A key that is no target is a typo the form could never send: named, not ignored.
        let known = Set(Targets.all.map(\.key))
        let unknown = body.goals.additionalProperties.keys.filter { !known.contains($0) }.sorted()
        if let key = unknown.first {
            let message = LocalizedText(zh: "没有名为“\(key)”的目标", en: "There is no target '\(key)'")
            throw Self.invalidInput([FieldError(field: "goals", message: message)])
        }
        switch try await TargetsEditHandlers(services: services).saveTargets(identity, values) {
        case .saved: return .ok(.init(body: .json(try await targets(identity.programmeId))))
        case .invalid(let errors): throw Self.invalidInput(errors)
        case .conflict(_, let message): throw AppError(.conflict, code: "conflict", message: message)
        }
    }

    func targets(_ programmeId: String) async throws -> Components.Schemas.TargetsView {
        let settings = try await DashboardService(services: services).settings(programmeId)
        var goals: [String: Int] = [:]
        for target in Targets.all { goals[target.key] = settings.goal(target) }
        return .init(
            version: settings.version, deadline: settings.deadline, goals: .init(additionalProperties: goals),
            recorded: .init(additionalProperties: settings.recorded))
    }
}
