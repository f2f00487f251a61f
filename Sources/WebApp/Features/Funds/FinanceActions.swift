import Foundation
import Funds
import Hummingbird
import PilotDomain
import WorkflowEngine

/// The finance officers' acts on the book, once for the workspace and the API: each is one
/// `change` (one transaction; a refusal writes nothing), in the acting officer's name — the
/// principal's too when a delegate acts, so four eyes applies to both.
extension FundsService {
    /// `<project>#<number>`, the id the workspace's checkboxes and the API name a tranche by;
    /// nil for anything else. The number is bounded before the book subtracts from it.
    static func trancheID(_ text: some StringProtocol) -> TrancheID? {
        let parts = text.split(separator: "#")
        guard parts.count == 2, let number = Int(parts[1]), (1...100).contains(number) else { return nil }
        return TrancheID(project: String(parts[0]), number: number)
    }

    /// Prepares a release of `ids`; its number on success. With an idempotency key (the API), a
    /// retry answers with the release the first attempt prepared.
    func prepareRelease(
        _ programmeId: String, _ ids: [TrancheID], by actor: Actor, idempotencyKey: String? = nil
    ) async throws -> Result<Int, FundsRefusal> {
        let officer = self.officer(actor)
        let now = services.store.clock.now()
        let detail = ids.map(\.description).joined(separator: ",")
        return try await change(programmeId, "prepare_release", detail, by: actor, idempotencyKey: idempotencyKey) {
            book throws(FundsRefusal) in
            try book.prepareRelease(ids, preparer: officer, at: now)
            return book.releases.count
        }
    }

    /// Approves release `number`: paid, or held under `hold_until_matched`.
    func approveRelease(
        _ programmeId: String, _ number: Int, by actor: Actor, idempotencyKey: String? = nil
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        let officer = self.officer(actor)
        let now = services.store.clock.now()
        return try await change(programmeId, "approve_release", "#\(number)", by: actor, idempotencyKey: idempotencyKey) {
            book throws(FundsRefusal) in try book.approveRelease(number, approver: officer, at: now)
        }
    }

    func rejectRelease(
        _ programmeId: String, _ number: Int, reason: String, by actor: Actor, idempotencyKey: String? = nil
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        let officer = self.officer(actor)
        let now = services.store.clock.now()
        return try await change(
            programmeId, "reject_release", "#\(number): \(reason)", by: actor, idempotencyKey: idempotencyKey
        ) { book throws(FundsRefusal) in try book.rejectRelease(number, by: officer, reason: reason, at: now) }
    }

    /// Money into `source`; releases it unblocks are paid in the same transaction, under the
    /// approval they already have. With an idempotency key (the API), a retried receipt is booked once.
    func recordReceipt(
        _ programmeId: String, source: String, amount: Fen, by actor: Actor, idempotencyKey: String? = nil
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        let now = services.store.clock.now()
        return try await change(
            programmeId, "receive", "\(source) \(amount.yuanText)", by: actor, idempotencyKey: idempotencyKey
        ) { book throws(FundsRefusal) in
            try book.receive(source: source, amount: amount, at: now) + book.retryHeld(at: now)
        }
    }
}

extension FundsRefusal {
    /// Who-may refusals (four eyes, an officer of the paid enterprise) are 403, an unknown release
    /// 404, every other rule 422 — for the page and the API alike.
    var status: HTTPResponse.Status {
        switch self {
        case .sameOfficer, .officerOfPaidOrganisation: .forbidden
        case .unknownRelease: .notFound
        default: .unprocessableContent
        }
    }

    /// The refusal as the API's error: `separation_of_duties`, `not_found` or `funds_refused`.
    var appError: AppError {
        let code =
            switch status {
            case .forbidden: "separation_of_duties"
            case .notFound: "not_found"
            default: "funds_refused"
            }
        return AppError(status, code: code, message: message)
    }
}
