import Foundation
import Funds
import PilotDomain
import PilotStore

/// What `smepilot ledger check` verifies for every programme: the book's own invariants
/// (`FundsBook.check`: debits = credits, 1:1 matching per project and programme, no tranche paid
/// twice, paid tranches = release postings, no negative cash, recoveries within what is owed),
/// and that every paid tranche is recorded on its project (history and national outbox).
public struct LedgerCheck: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Finding: Sendable, CustomStringConvertible {
        public var programme: String
        public var message: LocalizedText
        public var description: String { "\(programme): \(message.zh) / \(message.en)" }
    }

    public func run() async throws -> (programmes: Int, postings: Int, findings: [Finding]) {
        var findings: [Finding] = []
        var postings = 0
        let programmes = try await services.store.programmes()
        for programme in programmes {
            guard let book = try await services.store.fundsBook(programmeId: programme.id) else { continue }
            postings += book.ledger.postings.count
            findings += book.check().map { Finding(programme: programme.code, message: $0.message) }
            for project in book.projects.values {
                let recorded = try await services.store.history(project.id).filter { $0.transitionId == "record_release" }
                    .map { JSONValue.parseObject($0.inputJSON)["tranche_no"]?.intValue }
                for tranche in project.tranches where tranche.isPaid && !recorded.contains(Int64(tranche.number)) {
                    findings.append(
                        Finding(
                            programme: programme.code,
                            message: LocalizedText(
                                zh: "拨付批次 \(tranche.id) 已记账，但未在项目中登记（未报送国家平台）",
                                en:
                                    "Tranche \(tranche.id) is paid in the ledger but not recorded on the project (not reported nationally)"
                            )))
                }
            }
        }
        return (programmes.count, postings, findings)
    }
}
