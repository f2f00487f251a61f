import Crypto
import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// What the public sees and may do during publicity, for the page and the API alike: the notices
/// of every programme, the hourly limit per client, and filing an objection as the public actor.
struct PublicObjections: Sendable {
    let services: AppServices
    static let hourlyLimit = 5

    struct Notice: Sendable {
        var instance: InstanceSnapshot
        var programme: Programme
        /// The last day of the period (the timer fires at the midnight after it).
        var lastDay: Date?
    }

    /// Plans in publicity, and those suspended by an objection.
    func notices() async throws -> [Notice] {
        var notices: [Notice] = []
        for programme in try await services.store.programmes() {
            for state in ["publicity", "suspended"] {
                for instance in try await services.store.instances(programmeId: programme.id, state: state) {
                    let due = try await services.store.pendingTimers(instance.id).first { $0.transitionId == "close_publicity" }
                    notices.append(
                        Notice(instance: instance, programme: programme, lastDay: due.map { $0.dueAt.addingTimeInterval(-1) }))
                }
            }
        }
        return notices
    }

    /// Counts one submission from `client` (its address; only a hash is stored); false when the
    /// client is over the hourly limit.
    func admit(_ instance: InstanceSnapshot, client: String) async throws -> Bool {
        let hash = Hex.encode(SHA256.hash(data: Data(("objection|" + client).utf8)))
        return try await services.store.admitPublicSubmission(
            programmeId: instance.programmeId, clientHash: hash, limit: Self.hourlyLimit, window: 3600)
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
