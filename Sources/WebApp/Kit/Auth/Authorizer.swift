import PilotDomain
import WorkflowEngine

/// The one place that says who may see which project. Every page and API handler on a project asks
/// it before reading or showing anything; commands are additionally decided by the engine (role,
/// scope, separation of duties), which is the authority on taking a transition. Which feature pages
/// and operations a person may open at all is `AccessPolicy`'s.
public struct Authorizer: Sendable {
    public init() {}

    /// An actor may see an instance when one of their grants (other than public/system) covers
    /// it: programme-wide roles see the whole programme; a main contractor its sub-industry; a
    /// zone task force its zone; an enterprise or provider its own organisation's projects; a
    /// reviewer the plans assigned to them.
    public func canView(_ actor: Actor, _ instance: InstanceSnapshot) -> Bool {
        let keys = instance.scopeKeys
        return actor.acts(in: keys)
            && actor.grants.contains { grant in
                grant.role != .publicMember && grant.role != .system && keys.covers(grant)
            }
    }

    /// Throws 404 (not 403) for an instance the actor may not see, so ids do not reveal what exists.
    public func requireView(_ actor: Actor, _ instance: InstanceSnapshot?) throws -> InstanceSnapshot {
        guard let instance, canView(actor, instance) else {
            throw AppError.notFound(LocalizedText(zh: "该项目", en: "This project"))
        }
        return instance
    }

    /// An expert named on a plan's panel sees nothing of the plan until they have declared on
    /// conflicts of interest (only the declaration form); anyone who can see the project through
    /// another grant is not held back.
    public func mustDeclareFirst(_ actor: Actor, _ instance: InstanceSnapshot) -> Bool {
        guard ReviewPanel.mustDeclareFirst(instance.data, userId: actor.userId) else { return false }
        let keys = instance.scopeKeys
        return !actor.grants.contains { grant in
            grant.role != .publicMember && grant.role != .system && keys.covers(grant) && grant.scope != .user(actor.userId)
        }
    }

    /// Attachments: whoever may see the project.
    public func canDownload(_ actor: Actor, _ instance: InstanceSnapshot) -> Bool {
        canView(actor, instance) && !mustDeclareFirst(actor, instance)
    }
}
