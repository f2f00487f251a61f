import Hummingbird

/// Route-group middleware that lets a request through only when `AccessPolicy` allows its action,
/// before the handler reads the body: the statuses are the policy's (401 → the login page in the
/// browser, 403 refused), rendered by `ErrorMiddleware` as every other error.
struct RequireAccess: RouterMiddleware {
    typealias Context = AppRequestContext
    let action: FeatureAction

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        try AccessPolicy.require(context.identity, action)
        return try await next(request, context)
    }
}

extension RouterMethods where Context == AppRequestContext {
    /// The routes of one feature action: `router.requiring(.financeRead).get(...)`. Each call
    /// makes its own group, so the middleware guards exactly the routes added through it.
    func requiring(_ action: FeatureAction) -> RouterGroup<AppRequestContext> {
        group().add(middleware: RequireAccess(action: action))
    }
}
