import Crypto
import Foundation
import PilotDomain
import PilotStore

/// The anti-abuse checks of every form the public fills without an account (objections to a
/// notice, complaints about a pool member), in one place:
/// - the form's token carries when it was served: a submission within `minimumReadTime` of that
///   is refused (bots post at once), as is one whose time is not a sane number;
/// - a hidden honeypot field (`website`) that people never fill;
/// - at most `hourlyLimit` submissions of one kind per client address per hour, counted in the
///   database so the limit holds across server instances (only a hash of the address is kept).
struct PublicSubmissionGuard: Sendable {
    let services: AppServices
    static let minimumReadTime: TimeInterval = 1
    static let hourlyLimit = 5

    /// A token for a form served now: random, with the time it was served.
    func freshToken() -> String { SecretToken.make() + "." + String(services.store.clock.now().millis) }

    /// True when the submission came too fast, carries an impossible time or filled the honeypot.
    /// The token is the visitor's to write: its time is bounded before any arithmetic — `now -
    /// Int64.min` trapped, and a trap ends the whole server.
    func tooFast(_ form: FormBody, token: String) -> Bool {
        let issued = token.split(separator: ".").last.flatMap { Int64($0) } ?? 0
        let (age, overflow) = services.store.clock.now().millis.subtractingReportingOverflow(issued)
        return !(form["website"] ?? "").isEmpty || overflow || issued <= 0 || age < Int64(Self.minimumReadTime * 1000)
    }

    /// Counts one submission of `kind` from `client`; false when the client is over the limit.
    func admit(programmeId: String, client: String, kind: String) async throws -> Bool {
        let hash = Hex.encode(SHA256.hash(data: Data((kind + "|" + client).utf8)))
        return try await services.store.attachments.admitPublicSubmission(
            programmeId: programmeId, clientHash: hash, limit: Self.hourlyLimit, window: 3600)
    }
}
