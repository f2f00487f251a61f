import Foundation
import Funds
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

/// Money after the award (issue #17) through the store, on both backends: each step is one change
/// of the book in one transaction, a refusal writes nothing, and the rows read back (from another
/// store instance, never the cache) as the same book with nothing for `ledger check` to report.
@Suite("Amendments, corrections, recoveries and reports in the store")
struct MoneyAfterAwardStoreTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)
    static let alice = Officer(userId: "alice", organisationId: "bureau")
    static let bob = Officer(userId: "bob", organisationId: "bureau")
    static let aliceDelegate = Officer(userId: "dave", organisationId: "bureau", principalUserId: "alice")
    static let enterprise = Officer(userId: "ent-user", organisationId: "ent-a")
    static let t1 = TrancheID(project: "p1", number: 1)
    static let t2 = TrancheID(project: "p1", number: 2)

    /// A programme whose p1 (¥100,000, two tranches) was paid its first tranche and reached acceptance.
    static func setUp(_ backend: BackendKind) async throws -> (PilotStore, PilotStore, String) {
        let (store, other) = try await FundsRowsStoreTests.twoStores(backend)
        let programmeId = try await FundsRowsStoreTests.programme(store)
        var book = try FundsBook(
            sources: [
                FundingSource(
                    id: "central", kind: .central, name: LocalizedText(zh: "中央", en: "Central"), committed: .yuan(9_000_000)),
                FundingSource(id: "city", kind: .city, name: LocalizedText(zh: "市级", en: "City"), committed: .yuan(5_000_000)),
                FundingSource(id: "teda", kind: .zone(code: "teda"), name: LocalizedText(zh: "泰达", en: "TEDA"), committed: .zero),
            ])
        try book.receive(source: "central", amount: .yuan(1_000_000), at: day)
        try book.receive(source: "city", amount: .yuan(1_000_000), at: day)
        try book.registerProject("p1", enterpriseOrganisationId: "ent-a", approvedSubsidy: .yuan(100_000), localSourceId: "city")
        try book.milestoneReached(project: "p1", .taskBookSigned)
        try book.prepareRelease([t1], preparer: alice, at: day)
        try book.approveRelease(1, approver: bob, at: day)
        try book.milestoneReached(project: "p1", .accepted)
        try await store.funds.createFundsBook(programmeId: programmeId, book)
        return (store, other, programmeId)
    }

    static func change(
        _ store: PilotStore, _ programmeId: String, _ action: String,
        _ body: @escaping @Sendable (inout FundsBook) throws(FundsRefusal) -> [FundsEvent]
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        try await store.funds.changeFunds(
            programmeId: programmeId, action: action, detail: "", actor: ChangeActor(userId: "test", name: "test"), body)
    }

    /// The row counts of every funds table and the header's version: equal before and after a refusal.
    static func counts(_ store: PilotStore, _ programmeId: String) async throws -> [Int] {
        var counts = try await FundsRowsStoreTests.counts(store, programmeId)
        for table in FundsRowsStoreTests.recordTables {
            counts.append(
                try await store.backend.read { database in
                    try await database.raw("SELECT count(*) AS n FROM \(ident: table) WHERE programme_id = \(bind: programmeId)")
                        .first()?.decode(column: "n", as: Int.self) ?? -1
                })
        }
        return counts
    }

    /// The rows as another instance reads them: the same book as the writer's, nothing to report.
    static func expectStored(_ writer: PilotStore, _ reader: PilotStore, _ programmeId: String) async throws -> FundsBook {
        let (stored, unbalanced) = try #require(try await reader.funds.storedFunds(programmeId: programmeId))
        #expect(stored == (try await writer.funds.fundsBook(programmeId: programmeId)))
        #expect(stored.check().isEmpty, "\(stored.check())")
        #expect(unbalanced == nil)
        return stored
    }

    @Test(
        "an amendment of the matching amount holds the next tranche until re-signed, then the tranche releases",
        arguments: TestStores.backends)
    func amendmentBlocksUntilSigned(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await Self.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        let terms = AmendmentTerms(central: .yuan(40_000), local: .yuan(40_000), endDate: "2027-06-30")
        _ = try await Self.change(store, programmeId, "propose_amendment") { book throws(FundsRefusal) in
            try book.proposeAmendment(project: "p1", terms: terms, reason: "规模缩减", preparer: Self.alice, at: Self.day)
                + book.submitAmendment(1, at: Self.day)
        }.get()
        let before = try await Self.counts(store, programmeId)
        let blocked = try await Self.change(store, programmeId, "prepare_release") { book throws(FundsRefusal) in
            try book.prepareRelease([Self.t2], preparer: Self.alice, at: Self.day)
        }
        #expect(blocked == .failure(.afterAward(.amendmentPending(project: "p1", amendment: 1))))
        let sameOfficer = try await Self.change(store, programmeId, "approve_amendment") { book throws(FundsRefusal) in
            try book.approveAmendment(1, by: Self.aliceDelegate, at: Self.day)
        }
        #expect(sameOfficer == .failure(.sameOfficer))
        #expect(try await Self.counts(store, programmeId) == before)
        _ = try await Self.change(store, programmeId, "approve_amendment") { book throws(FundsRefusal) in
            try book.approveAmendment(1, by: Self.bob, at: Self.day)
        }.get()
        for party in [SigningParty.authority, .provider] {
            _ = try await Self.change(store, programmeId, "sign_amendment") { book throws(FundsRefusal) in
                try book.signAmendment(1, party: party, signer: party.rawValue, at: Self.day)
            }.get()
        }
        #expect(
            try await Self.change(other, programmeId, "prepare_release") { book throws(FundsRefusal) in
                try book.prepareRelease([Self.t2], preparer: Self.alice, at: Self.day)
            } == .failure(.afterAward(.amendmentPending(project: "p1", amendment: 1))))
        _ = try await Self.change(other, programmeId, "sign_amendment") { book throws(FundsRefusal) in
            try book.signAmendment(1, party: .enterprise, signer: "企业", at: Self.day)
        }.get()
        _ = try await Self.change(store, programmeId, "release") { book throws(FundsRefusal) in
            try book.prepareRelease([Self.t2], preparer: Self.alice, at: Self.day)
                + book.approveRelease(2, approver: Self.bob, at: Self.day)
        }.get()
        let stored = try await Self.expectStored(store, other, programmeId)
        #expect(stored.amendments.map(\.status) == [.effective])
        #expect(stored.amendments[0].signatures.count == 3)
        #expect(stored.projects["p1"]?.approvedSubsidy == .yuan(80_000))
        #expect(stored.tranche(Self.t2)?.isPaid == true)
        #expect(stored.ledger.paid(project: "p1", share: .local) == .yuan(40_000))
    }

    @Test("a small amendment is effective on the district's approval alone", arguments: TestStores.backends)
    func smallAmendment(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await Self.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        _ = try await Self.change(store, programmeId, "amend") { book throws(FundsRefusal) in
            try book.proposeAmendment(
                project: "p1", terms: AmendmentTerms(central: .yuan(45_000), scope: "调整模块"), reason: "调整", preparer: Self.alice,
                at: Self.day) + book.submitAmendment(1, at: Self.day) + book.approveAmendment(1, by: Self.bob, at: Self.day)
        }.get()
        let stored = try await Self.expectStored(store, other, programmeId)
        #expect(stored.amendments[0].status == .effective)
        #expect(stored.tranche(Self.t2)?.central == .yuan(20_000))
    }

    @Test(
        "a reversal posting keeps the ledger check green; the preparer and her delegate may not approve it",
        arguments: TestStores.backends)
    func reversal(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await Self.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        _ = try await Self.change(store, programmeId, "receive") { book throws(FundsRefusal) in
            try book.receive(source: "teda", amount: .yuan(70_000), at: Self.day)
                + book.prepareCorrection(posting: 4, reason: "记错来源", preparer: Self.alice, at: Self.day)
                + book.reviseCommitment(source: "teda", committed: .yuan(500_000), reason: "泰达追加承诺", by: Self.alice, at: Self.day)
        }.get()
        let before = try await Self.counts(store, programmeId)
        for officer in [Self.alice, Self.aliceDelegate] {
            #expect(
                try await Self.change(store, programmeId, "approve_correction") { book throws(FundsRefusal) in
                    try book.approveCorrection(1, approver: officer, at: Self.day)
                } == .failure(.sameOfficer))
        }
        #expect(try await Self.counts(store, programmeId) == before)
        _ = try await Self.change(other, programmeId, "approve_correction") { book throws(FundsRefusal) in
            try book.approveCorrection(1, approver: Self.bob, at: Self.day)
        }.get()
        let stored = try await Self.expectStored(other, store, programmeId)
        #expect(stored.ledger.postings.last?.reverses == 4)
        #expect(stored.ledger.postings.last?.kind == .reversal)
        #expect(stored.ledger.cash(source: "teda") == .zero)
        #expect(stored.sources["teda"]?.committed == .yuan(500_000))
        #expect(stored.sourceRevisions.map(\.version) == [2])
    }

    @Test("a recovery offset against the unpaid tranche leaves both ledgers balanced", arguments: TestStores.backends)
    func recoveryOffset(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await Self.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        _ = try await Self.change(store, programmeId, "demand") { book throws(FundsRefusal) in
            try book.demandRecovery(project: "p1", amount: .yuan(20_000), reason: "超范围支出", preparer: Self.alice, at: Self.day)
                + book.approveDemand(1, approver: Self.bob, at: Self.day)
                + book.prepareSettlement(demand: 1, .offset(Self.t2), preparer: Self.bob, at: Self.day)
        }.get()
        #expect(
            try await Self.change(store, programmeId, "settle") { book throws(FundsRefusal) in
                try book.approveSettlement(demand: 1, approver: Self.bob, at: Self.day)
            } == .failure(.sameOfficer))
        _ = try await Self.change(store, programmeId, "settle") { book throws(FundsRefusal) in
            try book.approveSettlement(demand: 1, approver: Self.alice, at: Self.day)
        }.get()
        let stored = try await Self.expectStored(store, other, programmeId)
        #expect(stored.recoveryDemands[0].state == .settled)
        #expect(stored.tranche(Self.t2)?.isPaid == true)
        #expect(stored.ledger.paid(project: "p1", share: .central) == stored.ledger.paid(project: "p1", share: .local))
        #expect(stored.ledger.recoveryOwed(project: "p1") == .zero)
        #expect(stored.ledger.cash(source: "central") == .yuan(1_000_000 - 25_000 - 15_000))
        #expect(stored.ledger.cash(source: "city") == .yuan(1_000_000 - 25_000 - 15_000))
    }

    @Test(
        "an overdue report holds the tranche and submitting it releases; bad input writes nothing",
        arguments: TestStores.backends)
    func overdueReport(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await Self.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        let late = try #require(ReportingCalendar.day("2027-05-01"))
        _ = try await Self.change(store, programmeId, "schedule") { book throws(FundsRefusal) in
            try book.scheduleReports(project: "p1", start: "2026-10-01", end: "2027-03-31")
        }.get()
        let before = try await Self.counts(store, programmeId)
        for (bad, expected) in [
            (
                { @Sendable (book: inout FundsBook) throws(FundsRefusal) -> [FundsEvent] in
                    try book.scheduleReports(project: "p1", start: "2026-10-01", end: "2027-03-31")
                }, FundsRefusal.afterAward(.calendarExists("p1"))
            ),
            (
                { @Sendable (book: inout FundsBook) throws(FundsRefusal) -> [FundsEvent] in
                    try book.submitReport(1, by: Self.enterprise, name: "企业", summary: " ", at: late)
                }, .afterAward(.summaryMissing)
            ),
            (
                { @Sendable (book: inout FundsBook) throws(FundsRefusal) -> [FundsEvent] in
                    try book.proposeAmendment(project: "p1", terms: AmendmentTerms(), reason: "r", preparer: Self.alice, at: late)
                }, .afterAward(.amendmentChangesNothing)
            ),
            (
                { @Sendable (book: inout FundsBook) throws(FundsRefusal) -> [FundsEvent] in
                    try book.demandRecovery(project: "p1", amount: .yuan(60_000), reason: "r", preparer: Self.alice, at: late)
                }, .recoveryExceedsPaid(paid: .yuan(50_000), requested: .yuan(60_000))
            ),
            (
                { @Sendable (book: inout FundsBook) throws(FundsRefusal) -> [FundsEvent] in
                    try book.prepareRelease([Self.t2], preparer: Self.alice, at: late)
                }, .afterAward(.reportOverdue(project: "p1", kind: .progress, periodEnd: "2026-12-31", dueDay: "2027-01-30"))
            ),
        ] {
            #expect(try await Self.change(store, programmeId, "bad", bad) == .failure(expected))
        }
        #expect(try await Self.counts(store, programmeId) == before)
        _ = try await Self.change(other, programmeId, "submit") { book throws(FundsRefusal) in
            var events: [FundsEvent] = []
            for report in book.overdueReports(at: late) {
                events += try book.submitReport(report.number, by: Self.enterprise, name: "企业", summary: "已完成", at: late)
            }
            return events
        }.get()
        _ = try await Self.change(store, programmeId, "release") { book throws(FundsRefusal) in
            try book.prepareRelease([Self.t2], preparer: Self.alice, at: late)
                + book.approveRelease(2, approver: Self.bob, at: late)
        }.get()
        let stored = try await Self.expectStored(store, other, programmeId)
        #expect(stored.reports.count == 4)
        #expect(stored.reports.allSatisfy { $0.state == .submitted })
        #expect(stored.tranche(Self.t2)?.isPaid == true)
    }
}
