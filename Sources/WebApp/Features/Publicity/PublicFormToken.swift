import Hummingbird
import PilotDomain

/// The CSRF protection of forms filled without an account (registration, objections): a token
/// in a strict same-site cookie that the form must post back (double submit). A re-rendered form
/// keeps the visitor's existing token, so the form they correct still matches their cookie.
struct PublicFormToken {
    var cookieName: String
    var maxAge: Int

    /// The visitor's token, or `fresh()` when they have none yet.
    func current(_ request: Request, fresh: () -> String) -> String {
        request.cookies[cookieName]?.value ?? fresh()
    }

    func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The posted token when it matches the cookie; 403 otherwise.
    func verify(_ form: FormBody, _ request: Request) throws -> String {
        guard let token = form["csrf_token"], let cookie = request.cookies[cookieName]?.value,
            Hex.constantTimeEqual(token, cookie)
        else { throw AppError.csrf }
        return token
    }
}
