import Foundation
import Funds
import Logging
import PilotDomain
import PilotStore
import SQLKit
import TestSupport
import Testing

/// The funds book as rows (migration 31), on both backends: a stored document moves into rows
/// that read back as the same book; a change writes only through the rules, refusals write
/// nothing, the database itself refuses a second payment of a tranche, and a change made by one
/// store instance is the book another instance reads.
@Suite("Funds as rows in the store")
struct FundsRowsStoreTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)
    static let alice = Officer(userId: "alice", organisationId: "bureau")
    static let bob = Officer(userId: "bob", organisationId: "bureau")
    static let actor = ChangeActor(userId: "test", name: "test")
    static let tables = [
        "funds_sources", "funds_projects", "funds_tranches", "funds_releases", "funds_release_tranches", "funds_postings",
        "funds_posting_lines", "funds_log",
    ]

    static let recordTables = [
        "funds_amendments", "funds_corrections", "funds_source_revisions", "funds_recovery_demands", "funds_reports",
    ]

    /// Two store instances on one fresh database (two server processes), the first migrated.
    static func twoStores(_ kind: BackendKind) async throws -> (PilotStore, PilotStore) {
        let logger = Logger(label: "test.funds-rows")
        switch kind {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-funds-\(UUID().uuidString).sqlite")
                .path
            let first = PilotStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
            try await first.migrate()
            return (first, PilotStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger))
        case .postgres:
            let address = try await ThrowawayPostgres.shared.freshDatabase()
            let first = PilotStore(backend: PostgresBackend(address, logger: logger), logger: logger)
            try await first.migrate()
            return (first, PilotStore(backend: PostgresBackend(address, logger: logger), logger: logger))
        }
    }

    static func programme(_ store: PilotStore) async throws -> String {
        try await store.programmes.createProgramme(
            code: "FUNDS-\(UUID().uuidString.prefix(6))", name: LocalizedText(zh: "资金", en: "Funds"), division: "120116",
            rules: [:]
        ).id
    }

    /// Every kind of row: sources of each kind, projects held, terminated with a recovery part
    /// repaid, closed; releases paid, held, rejected and open; receipts. `n` projects.
    static func richBook(projects n: Int = 8) throws -> FundsBook {
        let rules = try FundingRules(
            centralSharePercent: 50, tranchePlan: .thirtyFortyThirty, holdUntilMatched: true, matching: .programme)
        var book = try FundsBook(
            rules: rules,
            sources: [
                FundingSource(
                    id: "central", kind: .central, name: LocalizedText(zh: "中央", en: "Central"), committed: .yuan(9_000_000)),
                FundingSource(id: "city", kind: .city, name: LocalizedText(zh: "市级", en: "City"), committed: .yuan(5_000_000)),
                FundingSource(id: "teda", kind: .zone(code: "teda"), name: LocalizedText(zh: "泰达", en: "TEDA"), committed: .zero),
            ])
        try book.receive(source: "central", amount: .yuan(5_000_000), at: day)
        try book.receive(source: "city", amount: .yuan(2_000_000), at: day)
        for index in 1...n {
            try book.registerProject(
                "p\(index)", enterpriseOrganisationId: "ent-\(index)", approvedSubsidy: Fen(100_000_01 + Int64(index)),
                localSourceId: index % 2 == 0 ? "teda" : "city")
            try book.milestoneReached(project: "p\(index)", .taskBookSigned)
        }
        let ids = (1...n).map { TrancheID(project: "p\($0)", number: 1) }
        try book.prepareRelease([ids[0], ids[2], ids[4], ids[6]], preparer: alice, at: day)
        try book.approveRelease(1, approver: bob, at: day.addingTimeInterval(60))
        // TEDA has no cash yet: held until matched.
        try book.prepareRelease([ids[1]], preparer: alice, at: day.addingTimeInterval(120))
        try book.approveRelease(2, approver: bob, at: day.addingTimeInterval(180))
        try book.prepareRelease([ids[3]], preparer: alice, at: day.addingTimeInterval(240))
        try book.rejectRelease(3, by: bob, reason: "材料不全", at: day.addingTimeInterval(300))
        try book.midtermOutcome(project: "p3", .rectify)
        try book.terminate(project: "p1", toRecover: .yuan(10_000), at: day.addingTimeInterval(360))
        try book.repayRecovery(project: "p1", amount: .yuan(4_000), into: "city", at: day.addingTimeInterval(420))
        try book.prepareRelease([ids[5]], preparer: alice, at: day.addingTimeInterval(480))
        return book
    }

    static func counts(_ store: PilotStore, _ programmeId: String) async throws -> [Int] {
        try await store.backend.read { database in
            var counts: [Int] = []
            for table in tables {
                let row = try await database.raw(
                    "SELECT count(*) AS n FROM \(ident: table) WHERE programme_id = \(bind: programmeId)"
                ).first()
                counts.append(try row?.decode(column: "n", as: Int.self) ?? -1)
            }
            let version = try await database.raw(
                "SELECT version FROM funds_books WHERE programme_id = \(bind: programmeId)"
            ).first()
            counts.append(try version?.decode(column: "version", as: Int.self) ?? -1)
            return counts
        }
    }

    @Test(
        "a stored book document moves into rows that read back as the same book, with nothing to report",
        arguments: TestStores.backends)
    func migration(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programmeId = try await Self.programme(store)
        let book = try Self.richBook()
        #expect(book.check().isEmpty)
        // The database as it was before migration 31: the book as one document.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let document = String(decoding: try encoder.encode(book), as: UTF8.self)
        try await store.backend.transaction { database in
            for table in Self.tables.dropLast().reversed() { try await database.raw("DROP TABLE \(ident: table)").run() }
            try await database.raw("ALTER TABLE funds_books DROP COLUMN rules").run()
            try await database.raw("ALTER TABLE funds_books ADD COLUMN book TEXT NOT NULL DEFAULT ''").run()
            try await database.raw(
                """
                INSERT INTO funds_books (programme_id, version, book, summary, updated_at)
                VALUES (\(bind: programmeId), 7, \(bind: document), '{}', 0)
                """
            ).run()
            try await database.raw("DELETE FROM schema_migrations WHERE number = 31").run()
            // Migrations 40 and 41 build on migration 31's tables (a column of its postings): undone too.
            for table in Self.recordTables { try await database.raw("DROP TABLE \(ident: table)").run() }
            try await database.raw("DELETE FROM schema_migrations WHERE number IN (40, 41)").run()
        }
        let applied = try await Migrations.run(on: store.backend)
        #expect(applied.map(\.number) == [31, 40, 41])
        let (moved, unbalanced) = try #require(try await store.funds.storedFunds(programmeId: programmeId))
        #expect(moved == book)
        #expect(moved.check().isEmpty)
        #expect(unbalanced == nil)
        #expect(try await store.funds.fundsBook(programmeId: programmeId) == book)
        // The document is gone; a second run applies nothing.
        #expect(try await Migrations.run(on: store.backend).isEmpty)
        await #expect(throws: (any Error).self) {
            try await store.backend.read { database in try await database.raw("SELECT book FROM funds_books").run() }
        }
    }

    @Test(
        "a change by one instance is the book the other reads; 1,200 tranches paid in one release; refusals write nothing",
        arguments: TestStores.backends)
    func twoInstances(backend: BackendKind) async throws {
        let (first, second) = try await Self.twoStores(backend)
        defer {
            Task {
                await first.shutdown()
                await second.shutdown()
            }
        }
        let programmeId = try await Self.programme(first)
        try await first.funds.createFundsBook(programmeId: programmeId, try Self.richBook(projects: 1_200))
        // Cash enough for every due tranche, received through the first instance.
        for source in ["central", "city", "teda"] {
            let received = try await first.funds.changeFunds(
                programmeId: programmeId, action: "receive", detail: "", actor: Self.actor
            ) {
                book throws(FundsRefusal) in try book.receive(source: source, amount: .yuan(50_000_000), at: Self.day)
            }
            #expect(received.map { _ in true } == .success(true))
        }
        // Read (and cached) by the second instance before the first changes it.
        let seen = try #require(try await second.funds.fundsBook(programmeId: programmeId))
        // The summary the national roll-up reads, decoded and kept by the first instance at this version.
        #expect(try await first.facts.fundsSummaries(programmeIds: [programmeId])[programmeId] == seen.summary)
        let due = seen.projects.values.flatMap(\.tranches).filter {
            $0.status == .due && seen.openRelease(containing: $0.id) == nil && seen.projects[$0.projectId]?.hold == .notHeld
        }.map(\.id).sorted()
        #expect(due.count > 1_000)
        let at = Self.day.addingTimeInterval(600)
        let prepared = try await first.funds.changeFunds(
            programmeId: programmeId, action: "prepare", detail: "", actor: Self.actor
        ) {
            book throws(FundsRefusal) in try book.prepareRelease(due, preparer: Self.alice, at: at)
        }
        #expect(prepared == .success([.releasePrepared(release: seen.releases.count + 1)]))
        let afterPrepare = try #require(try await second.funds.fundsBook(programmeId: programmeId))
        #expect(afterPrepare.releases.count == seen.releases.count + 1)
        #expect(afterPrepare == (try await first.funds.fundsBook(programmeId: programmeId)))
        let number = afterPrepare.releases.count

        // Refused (the preparer approving her own release): no row, no version, no log line.
        let before = try await Self.counts(first, programmeId)
        let own = try await second.funds.changeFunds(programmeId: programmeId, action: "approve", detail: "", actor: Self.actor) {
            book throws(FundsRefusal) in try book.approveRelease(number, approver: Self.alice, at: at)
        }
        #expect(own == .failure(.sameOfficer))
        #expect(try await Self.counts(first, programmeId) == before)

        // Approved through the second instance: the first reads it paid, and so do the rows.
        let approved = try await second.funds.changeFunds(
            programmeId: programmeId, action: "approve", detail: "", actor: Self.actor
        ) {
            book throws(FundsRefusal) in try book.approveRelease(number, approver: Self.bob, at: at)
        }
        #expect(approved == .success([.releasePaid(release: number, posting: seen.ledger.postings.count + 1, tranches: due)]))
        let paid = try #require(try await first.funds.fundsBook(programmeId: programmeId))
        #expect(due.allSatisfy { paid.tranche($0)?.status == .paid(release: number) })
        let (stored, unbalanced) = try #require(try await first.funds.storedFunds(programmeId: programmeId))
        #expect(stored == paid)
        #expect(stored == (try await second.funds.fundsBook(programmeId: programmeId)))
        #expect(stored.check().isEmpty)
        #expect(unbalanced == nil)
        // The payment through the second instance moved the book's version: the first does not serve
        // the summary it kept.
        #expect(stored.summary.centralPaid > seen.summary.centralPaid)
        #expect(try await first.facts.fundsSummaries(programmeIds: [programmeId])[programmeId] == stored.summary)
        // Only the changed rows were written: one posting with two lines per tranche (both shares).
        let after = try await Self.counts(first, programmeId)
        #expect(after[5] == before[5] + 1)
        #expect(after[6] == before[6] + 2 * due.count + 3)
        #expect(after[8] == before[8] + 1)
    }

    @Test(
        "the database refuses a second payment of a tranche and a broken split even when the rules are bypassed",
        arguments: TestStores.backends)
    func constraints(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programmeId = try await Self.programme(store)
        try await store.funds.createFundsBook(programmeId: programmeId, try Self.richBook())
        let book = try #require(try await store.funds.fundsBook(programmeId: programmeId))
        let paid = try #require(book.tranche(TrancheID(project: "p3", number: 1)))
        #expect(paid.isPaid)
        let next = book.ledger.postings.count + 1
        let before = try await Self.counts(store, programmeId)
        // A balanced posting paying p3's first tranche again, written straight into the tables.
        await #expect(throws: (any Error).self) {
            try await store.backend.transaction { database in
                try await database.raw(
                    """
                    INSERT INTO funds_postings (programme_id, number, kind, at, release_no)
                    VALUES (\(bind: programmeId), \(bind: next), 'release', 0, 1)
                    """
                ).run()
                try await database.raw(
                    """
                    INSERT INTO funds_posting_lines
                    (programme_id, posting_no, line_no, side, account, account_id, share, amount, project_id, tranche_no)
                    VALUES (\(bind: programmeId), \(bind: next), 1, 'debit', 'subsidy_paid', 'p3', 'central', \(bind: paid.central.value),
                    'p3', 1),
                    (\(bind: programmeId), \(bind: next), 2, 'credit', 'cash', 'central', NULL, \(bind: paid.central.value), NULL, NULL)
                    """
                ).run()
            }
        }
        // A tranche whose parts do not add up to its amount.
        await #expect(throws: (any Error).self) {
            try await store.backend.transaction { database in
                try await database.raw(
                    "UPDATE funds_tranches SET central = central + 1 WHERE programme_id = \(bind: programmeId) AND project_id = 'p2'"
                ).run()
            }
        }
        // Paid without naming the release, or a line of no money.
        await #expect(throws: (any Error).self) {
            try await store.backend.transaction { database in
                try await database.raw(
                    "UPDATE funds_tranches SET paid_release = NULL WHERE programme_id = \(bind: programmeId) AND status = 'paid'"
                ).run()
            }
        }
        await #expect(throws: (any Error).self) {
            try await store.backend.transaction { database in
                try await database.raw(
                    "UPDATE funds_posting_lines SET amount = 0 WHERE programme_id = \(bind: programmeId) AND posting_no = 1"
                ).run()
            }
        }
        #expect(try await Self.counts(store, programmeId) == before)
        let (stored, unbalanced) = try #require(try await store.funds.storedFunds(programmeId: programmeId))
        #expect(stored == book && stored.check().isEmpty && unbalanced == nil)
        // An unbalanced line that the constraints let through is what `ledger check` reports.
        try await store.backend.transaction { database in
            try await database.raw(
                "UPDATE funds_posting_lines SET amount = amount + 1 WHERE programme_id = \(bind: programmeId) AND posting_no = 1 AND line_no = 1"
            ).run()
        }
        #expect(try await store.funds.storedFunds(programmeId: programmeId)?.unbalancedPosting == 1)
    }
}
