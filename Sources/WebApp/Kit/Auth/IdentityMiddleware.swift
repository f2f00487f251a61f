import Foundation
import Hummingbird
import PilotDomain
import PilotStore

/// Works out who is asking and in which language, for every request: an API token in
/// `Authorization: Bearer …`, or the session cookie. Never rejects by itself — handlers ask
/// `requireIdentity` — so public pages stay public.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    static let sessionCookie = "smepilot_session"
    static let languageCookie = "smepilot_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var context = context
        context.language = Self.language(of: request)
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            if let userId = try await services.store.sessions.userId(apiToken: token),
                let account = try await services.store.accounts.user(id: userId),
                account.active
            {
                context.identity = Identity(
                    account: account, csrfToken: nil, sessionToken: nil, programmes: try await choices(account.id))
            }
        } else if let token = request.cookies[Self.sessionCookie]?.value,
            let session = try await services.store.sessions.session(token: token),
            let home = try await services.store.accounts.user(id: session.userId), home.active
        {
            // The programme chosen in the header, with the grants held there, while the person still
            // holds any there; else their home programme again. The choices feed the switch.
            let programmes = try await choices(home.id)
            var account = home
            if let chosen = session.programmeId, chosen != home.programmeId, programmes.contains(where: { $0.id == chosen }),
                let there = try await services.store.accounts.user(id: session.userId, in: chosen)
            {
                account = there
            }
            var delegation: Delegation?
            if let delegationId = session.actingFor,
                let acting = try await actingFor(delegationId, delegate: account)
            {
                (account, delegation) = acting
            }
            context.identity = Identity(
                account: account, csrfToken: session.csrfToken, sessionToken: token, programmes: programmes,
                unreadNotices: try await services.store.notifications.unreadCount(userId: home.id), delegation: delegation)
        }
        // A one-time password from an administrator: nothing but choosing one's own until done.
        if let identity = context.identity, identity.sessionToken != nil, identity.account.mustChangePassword,
            !AccountHandlers.openBeforeChange.contains(request.uri.path)
        {
            return .redirect(AppPath.accountPassword.url)
        }
        return try await APIRequestScope.$current.withValue(
            APIRequestScope(
                identity: context.identity, language: context.language,
                client: ClientAddress.of(request, context, trusting: services.configuration.trustedProxies))
        ) {
            try await next(request, context)
        }
    }

    /// The delegate's account acting under the delegation: the principal's grants of the delegated
    /// roles and the principal's organisation — only while the delegation runs today (Shanghai), is
    /// not revoked, names this person as delegate, belongs to the programme acted in, and the
    /// principal's account is active. Anything else: nil, and the person acts as themselves.
    func actingFor(_ delegationId: String, delegate: UserAccount) async throws -> (UserAccount, Delegation)? {
        guard let delegation = try await services.store.delegations.delegation(id: delegationId),
            delegation.delegateUserId == delegate.id, delegation.programmeId == delegate.actingProgrammeId,
            delegation.isActive(on: Shanghai.dateText(services.store.clock.now())),
            let principal = try await services.store.accounts.user(
                id: delegation.principalUserId, in: delegation.programmeId),
            principal.active
        else { return nil }
        var account = delegate
        account.grants = principal.grants.filter { delegation.roles.contains($0.role) }
        account.organisationId = principal.organisationId
        account.loadedFor = delegation.programmeId
        return (account, delegation)
    }

    /// The programmes the person holds grants in (the header's switch, the acting programme's division).
    func choices(_ userId: String) async throws -> [ProgrammeChoice] {
        try await services.store.sessions.programmeChoices(userId: userId).map {
            ProgrammeChoice(id: $0.id, code: $0.code, name: $0.name, division: $0.division, kind: $0.kind)
        }
    }

    /// The cookie the user chose, else the API's Accept-Language, else Chinese.
    static func language(of request: Request) -> UILanguage {
        if let chosen = request.cookies[languageCookie]?.value, let language = UILanguage(rawValue: chosen) { return language }
        if let accept = request.headers[.acceptLanguage]?.lowercased(), accept.hasPrefix("en") { return .en }
        return .zh
    }
}

/// The identity and language of the request being served, for the generated API handlers,
/// which do not see the Hummingbird context.
public struct APIRequestScope: Sendable {
    public var identity: Identity?
    public var language: UILanguage
    /// The client address (rate limits on the public operations).
    public var client: String = "unknown"

    @TaskLocal public static var current = APIRequestScope(identity: nil, language: .zh)
}

extension AppRequestContext {
    /// The signed-in identity, or a 401 (the browser is sent to the login page).
    func requireIdentity() throws -> Identity {
        guard let identity else { throw AppError.unauthenticated }
        return identity
    }
}
