import Foundation
import Funds
import PilotDomain
import PilotStore
import TestSupport
import Testing

/// Idempotency keys of the funds book (migration 42): a keyed change is booked once however often
/// it is sent, even twice at the same moment; the key is the caller's own; a key reused for another
/// request, or a refused request, writes nothing.
@Suite("Funds: a retried receipt is booked once")
struct FundsRequestStoreTests {
    static let finance = ChangeActor(userId: "u_finance", name: "财务甲")

    static func receive(
        _ store: PilotStore, _ programmeId: String, _ source: String, _ yuan: Int64, key: String,
        as actor: ChangeActor = finance
    ) async throws -> Result<[FundsEvent], FundsRefusal> {
        try await store.funds.changeFunds(
            programmeId: programmeId, action: "receive", detail: "\(source) \(yuan)", actor: actor,
            once: FundsRequestKey(key: key, fingerprint: "\(source) \(yuan)")
        ) { book throws(FundsRefusal) in
            try book.receive(source: source, amount: .yuan(yuan), at: MoneyAfterAwardStoreTests.day)
        }
    }

    static func received(_ store: PilotStore, _ programmeId: String, _ source: String) async throws -> Fen {
        try #require(try await store.funds.fundsBook(programmeId: programmeId)).ledger.received(source: source)
    }

    static func keys(_ store: PilotStore) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw("SELECT count(*) AS n FROM funds_requests").first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test(
        "the same key twice books once and answers the same; another request under it is refused", arguments: TestStores.backends)
    func retriedReceipt(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await MoneyAfterAwardStoreTests.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        let before = try await Self.received(store, programmeId, "central")
        let first = try await Self.receive(store, programmeId, "central", 50_000, key: "k-1").get()
        let counts = try await MoneyAfterAwardStoreTests.counts(store, programmeId)
        // The retry — from this process or another (the answer of the first was lost) — is the first's answer.
        #expect(try await Self.receive(store, programmeId, "central", 50_000, key: "k-1").get() == first)
        #expect(try await Self.receive(other, programmeId, "central", 50_000, key: "k-1").get() == first)
        #expect(try await Self.received(store, programmeId, "central") == before + .yuan(50_000))
        #expect(try await MoneyAfterAwardStoreTests.counts(store, programmeId) == counts)
        // The key for another amount: refused, nothing written.
        await #expect(throws: FundsRequestReused.self) {
            _ = try await Self.receive(store, programmeId, "central", 60_000, key: "k-1")
        }
        #expect(try await MoneyAfterAwardStoreTests.counts(store, programmeId) == counts)
        // Keys are the caller's own: another officer's k-1 is a new receipt.
        let colleague = ChangeActor(userId: "u_finance2", name: "财务乙")
        _ = try await Self.receive(store, programmeId, "central", 50_000, key: "k-1", as: colleague).get()
        #expect(try await Self.received(store, programmeId, "central") == before + .yuan(100_000))
        #expect(try await Self.keys(store) == 2)
        _ = try await MoneyAfterAwardStoreTests.expectStored(store, other, programmeId)
    }

    @Test("a refused request keeps no key: its retry is decided again", arguments: TestStores.backends)
    func refusalKeepsNoKey(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await MoneyAfterAwardStoreTests.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        let counts = try await MoneyAfterAwardStoreTests.counts(store, programmeId)
        for _ in 0..<2 {
            guard case .failure = try await Self.receive(store, programmeId, "nowhere", 10, key: "k-2") else {
                Issue.record("a receipt into an unknown source was booked")
                return
            }
        }
        #expect(try await Self.keys(store) == 0)
        #expect(try await MoneyAfterAwardStoreTests.counts(store, programmeId) == counts)
    }

    @Test("the same key sent twice at once from two processes is booked once", arguments: TestStores.backends)
    func concurrentRetries(backend: BackendKind) async throws {
        let (store, other, programmeId) = try await MoneyAfterAwardStoreTests.setUp(backend)
        defer {
            Task {
                await store.shutdown(); await other.shutdown()
            }
        }
        let before = try await Self.received(store, programmeId, "city")
        async let one = Self.receive(store, programmeId, "city", 70_000, key: "k-3")
        async let two = Self.receive(other, programmeId, "city", 70_000, key: "k-3")
        let (a, b) = (try await one.get(), try await two.get())
        #expect(a == b)
        #expect(try await Self.received(store, programmeId, "city") == before + .yuan(70_000))
        #expect(try await Self.received(other, programmeId, "city") == before + .yuan(70_000))
    }
}
