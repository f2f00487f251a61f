import Crypto
import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// What the public sees and may do during publicity, for the page and the API alike: the notices
/// of every programme, the hourly limit per client, and filing an objection as the public actor.
struct PublicObjections: Sendable {
    let services: AppServices
    /// Whose notices: the plans of `enterprise-project` (the default) or the pool's applicants of
    /// `provider-admission`. Both workflows name their publicity states, objection transition and
    /// closing timer alike, so one set of checks serves both boards.
    var definitionId = "enterprise-project"

    struct Notice: Sendable {
        var instance: InstanceSnapshot
        var programme: Programme
        /// The last day of the period (the timer fires at the midnight after it).
        var lastDay: Date?
    }

    /// Plans in publicity, and those suspended by an objection, of every programme: two queries
    /// however many notices there are (the programmes, then the notices with their end dates).
    func notices() async throws -> [Notice] {
        let programmes = try await services.store.programmes.programmes()
        var byProgramme: [String: [Notice]] = [:]
        for (instance, due) in try await services.store.instances.instancesWithPendingTimer(
            states: ["publicity", "suspended"], timerTransition: "close_publicity", definitionId: definitionId)
        {
            guard let programme = programmes.first(where: { $0.id == instance.programmeId }) else { continue }
            byProgramme[programme.id, default: []].append(
                Notice(instance: instance, programme: programme, lastDay: due.map { $0.addingTimeInterval(-1) }))
        }
        return programmes.flatMap { byProgramme[$0.id] ?? [] }
    }

    /// Why the public cannot object to `instance` now, or nil when they can: a suspended notice
    /// is off while its objection is looked into (the next objection waits until it resumes),
    /// anything else is no longer in publicity.
    static func closedReason(_ instance: InstanceSnapshot) -> LocalizedText? {
        switch instance.state {
        case "publicity": nil
        case "suspended": PublicText.suspendedForObjection
        default: PublicText.closed
        }
    }

    /// The idempotency key of one objection from the page: the visitor's form token, the plan
    /// and the version they saw, and what they wrote. A resubmitted form (double click, reload)
    /// repeats the key and gets the first result; a different objection is a new command, filed or
    /// refused on its own (issue #11: one key per browser dropped every later objection silently).
    static func idempotencyKey(token: String, instanceId: String, version: String, input: [String: String]) -> String {
        let text = ([token, instanceId, version] + input.keys.sorted().map { $0 + "=" + (input[$0] ?? "") })
            .joined(separator: "\u{0}")
        return "objection-" + Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// Counts one submission from `client` (its address; only a hash is stored); false when the
    /// client is over the hourly limit.
    func admit(_ instance: InstanceSnapshot, client: String) async throws -> Bool {
        try await PublicSubmissionGuard(services: services).admit(
            programmeId: instance.programmeId, client: client, kind: "objection")
    }

    /// Files the objection through the engine (which refuses it unless the plan is in publicity).
    func file(
        _ instance: InstanceSnapshot, name: String, contact: String, objection: String, idempotencyKey: String? = nil
    ) async throws -> WorkflowService.Outcome {
        let command = Command(
            instanceId: instance.id, transitionId: "file_objection",
            input: ["objector_name": .string(name), "objector_contact": .string(contact), "objection": .string(objection)],
            idempotencyKey: idempotencyKey)
        return try await ProjectCommands(services: services).execute(
            command, actor: .publicMember(programmeId: instance.programmeId))
    }
}
