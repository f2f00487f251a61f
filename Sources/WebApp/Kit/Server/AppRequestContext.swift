import Hummingbird
import NIOCore
import PilotDomain
import PilotStore

/// Per-request state: who is asking (set by `IdentityMiddleware`) and in which language.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's peer (rate limits on public forms).
    public var remoteAddress: SocketAddress?
    public var identity: Identity?
    public var language: UILanguage = .zh

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Form posts are small; uploads (a later issue) get their own limit.
    public var maxUploadSize: Int { 1_000_000 }
}

/// A signed-in user, from a session cookie or an API token.
public struct Identity: Sendable {
    public var account: UserAccount
    /// The session's CSRF token; nil for API-token requests, which carry no cookies to forge.
    public var csrfToken: String?
    public var sessionToken: String?

    /// The programmes the person holds grants in (the header's switch; empty for API tokens).
    public var programmes: [ProgrammeChoice] = []
    /// Unread notices (the header's badge; issue #17). Counted for pages only, not API calls.
    public var unreadNotices = 0

    /// The delegation this session acts under (issue #17): then `account` is the delegate's own,
    /// holding the principal's delegated grants and organisation, and the actor names both.
    public var delegation: Delegation? = nil

    public var actor: Actor {
        var actor = account.actor
        if let delegation {
            actor.principalUserId = delegation.principalUserId
            actor.displayName = actingName
        }
        return actor
    }
    /// Who a store change names in its log and history rows: the signed-in account (and, acting
    /// for someone, whom for).
    public var changeActor: ChangeActor {
        ChangeActor(userId: account.id, name: actingName, principalUserId: delegation?.principalUserId)
    }
    /// "李四（代 王伟）" when acting for a principal.
    public var actingName: String {
        delegation.map { "\(account.displayName)（代 \($0.principalName)）" } ?? account.displayName
    }
    /// The programme this request acts in: every page, API call and export is scoped to it. The
    /// account's grants are those it holds here (a person acts in one programme at a time).
    public var programmeId: String { account.actingProgrammeId }
    /// The division code the acting programme covers (nil when not loaded).
    public var programmeDivision: String? { programmes.first { $0.id == programmeId }?.division }
    /// Whether the programme acted in is a diagnosis campaign (its navigation is the campaign's).
    public var actsInCampaign: Bool { programmes.first { $0.id == programmeId }?.kind == "diagnosis_campaign" }
}

/// A programme a person may switch to, as the header lists it.
public struct ProgrammeChoice: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: LocalizedText
    /// The division node the programme covers.
    public var division: String
    /// `city_pilot`, `diagnosis_campaign` or `provider_pool`: which features its navigation offers.
    public var kind: String = "city_pilot"
}
