import Hummingbird

/// Who is on the other end, for counting attempts (sign-in throttling, public objections).
enum ClientAddress {
    /// The socket's peer; behind a trusted reverse proxy (see `TrustedProxies`) the first
    /// X-Forwarded-For address, which that proxy sets. From anyone else the header is ignored: a
    /// client could otherwise name a new address with every attempt.
    static func of(_ request: Request, _ context: AppRequestContext, trusting proxies: TrustedProxies) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        if proxies.contains(peer), let forwarded = request.headers[.init("X-Forwarded-For")!] {
            return forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? peer
        }
        return peer
    }
}
