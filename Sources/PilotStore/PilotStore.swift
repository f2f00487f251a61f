import Foundation
import Logging
import PilotDomain
import SQLKit

/// The durable state of the programme: every read and write goes through here, on either backend.
/// The store opens, migrates and closes the database; its reads and writes are split by concern
/// into repositories (`store.accounts`, `store.programmes.programmes`, `store.instances.instances`, `store.funds`, …; issue #12).
public final class PilotStore: Sendable {
    public let backend: any SQLBackend
    public let clock: any Clock
    public let ids: any IdentifierSource
    let logger: Logger
    /// Keys each new history row (`SMEPILOT_AUDIT_KEY`); nil writes rows without a MAC.
    public let auditKey: AuditKey?

    public let accounts: AccountRepository
    public let sessions: SessionRepository
    public let programmes: ProgrammeRepository
    public let parties: PartyRepository
    public let providers: ProviderRepository
    public let admissions: PoolAdmissionRepository
    public let instances: InstanceRepository
    public let facts: ProjectFactsRepository
    public let funds: FundsRepository
    public let outbox: OutboxRepository
    public let timers: TimerRepository
    public let audit: AuditRepository
    public let attachments: AttachmentRepository
    public let targets: TargetRepository
    /// Promotion centres of policy 002 chapter 3 (issue #13).
    public let centres: PromotionCentreRepository
    /// The diagnosis campaigns of policies 000, 001 and 003 (issue #14).
    public let diagnoses: DiagnosisRepository
    /// Training, the task forces' mobilisation and the city's dossiers of the Binhai pilot (issue #15).
    public let training: TrainingRepository
    public let mobilisation: MobilisationRepository
    public let dossiers: DossierRepository
    /// The case register of policy 004 §三 and §四(九)(十) (issue #15).
    public let cases: CaseRepository
    /// The policy library and its versions (issue #15).
    public let policies: PolicyRepository
    /// The supply–demand hall: needs, answers, resource-push notices (issue #15).
    public let hall: SupplyDemandRepository
    /// Contracts, invoices, investment lists, record slots and fund-application windows (issue #15).
    public let records: ProjectRecordRepository
    /// The in-app inbox, the mail queue and mail settings (issue #17).
    public let notifications: NotificationRepository
    /// Out-of-office delegations (issue #17).
    public let delegations: DelegationRepository
    /// Bulk jobs over instances (issue #17).
    public let bulk: BulkRepository

    public init(
        backend: any SQLBackend, clock: any Clock = SystemClock(), ids: any IdentifierSource = RandomIdentifiers(),
        logger: Logger = Logger(label: "smepilot.store"), auditKey: AuditKey? = nil
    ) {
        self.backend = backend
        self.clock = clock
        self.ids = ids
        self.logger = logger
        self.auditKey = auditKey
        accounts = AccountRepository(backend: backend, clock: clock, ids: ids)
        sessions = SessionRepository(backend: backend, clock: clock)
        programmes = ProgrammeRepository(backend: backend, clock: clock, ids: ids)
        instances = InstanceRepository(backend: backend, clock: clock, ids: ids, auditKey: auditKey)
        parties = PartyRepository(backend: backend, clock: clock, ids: ids, instances: instances, accounts: accounts)
        providers = ProviderRepository(backend: backend, clock: clock, ids: ids)
        admissions = PoolAdmissionRepository(backend: backend, clock: clock, ids: ids, instances: instances)
        // The dashboard's project rows of the last programmes read, checked against the database
        // on every read (see `FactRowsCache`).
        facts = ProjectFactsRepository(
            backend: backend, factRows: FactRowsCache(capacity: 8), fundsSummaryCache: FundsSummaryCache(capacity: 1024),
            enterpriseFlagsCache: EnterpriseFlagsCache(capacity: 64))
        // The decoded funds books of the last programmes read, by version (see `FundsBookCache`).
        funds = FundsRepository(backend: backend, clock: clock, fundsBooks: FundsBookCache(capacity: 4))
        outbox = OutboxRepository(backend: backend)
        timers = TimerRepository(backend: backend, clock: clock)
        audit = AuditRepository(backend: backend, clock: clock, auditKey: auditKey)
        attachments = AttachmentRepository(backend: backend, clock: clock)
        targets = TargetRepository(backend: backend, clock: clock)
        centres = PromotionCentreRepository(backend: backend, clock: clock)
        diagnoses = DiagnosisRepository(backend: backend, clock: clock)
        training = TrainingRepository(backend: backend, clock: clock, ids: ids)
        mobilisation = MobilisationRepository(backend: backend, clock: clock)
        dossiers = DossierRepository(backend: backend, clock: clock)
        cases = CaseRepository(backend: backend, clock: clock)
        policies = PolicyRepository(backend: backend, clock: clock)
        hall = SupplyDemandRepository(backend: backend, clock: clock)
        records = ProjectRecordRepository(backend: backend, clock: clock, ids: ids)
        notifications = NotificationRepository(backend: backend, clock: clock, ids: ids)
        bulk = BulkRepository(backend: backend, clock: clock, ids: ids, instances: instances)
        delegations = DelegationRepository(backend: backend, clock: clock, ids: ids)
    }

    /// Opens the database named by `location` (creating the SQLite file if needed).
    public static func open(
        _ location: DatabaseLocation, clock: any Clock = SystemClock(), logger: Logger = Logger(label: "smepilot.store"),
        auditKey: AuditKey? = nil
    ) async throws -> PilotStore {
        let backend: any SQLBackend
        switch location {
        case .sqlite(let path): backend = try await SQLiteBackend.open(path: path, logger: logger)
        case .postgres(let address):
            backend = PostgresBackend(address, logger: logger)
            // Fail fast with a clear message instead of retrying a wrong address for minutes.
            guard await Self.answers(backend, within: .seconds(8)) else {
                await backend.shutdown()
                throw StoreError.unreachable("\(location)")
            }
        }
        return PilotStore(backend: backend, clock: clock, logger: logger, auditKey: auditKey)
    }

    /// Now, in whole milliseconds: the time a decision is made at. The history keeps milliseconds,
    /// so the replay of `smepilot audit verify` sees exactly the time the effects saw (a signature's
    /// minute would otherwise differ when now rounds up to the next minute).
    public func decisionTime() -> Date { Date(millis: clock.now().millis) }

    public func migrate() async throws {
        let applied = try await Migrations.run(on: backend, now: clock.now())
        for migration in applied { logger.info("applied migration \(migration.number): \(migration.name)") }
    }

    static func answers(_ backend: any SQLBackend, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                (try? await backend.read { database in try await database.raw("SELECT 1 AS one").first() != nil }) ?? false
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// True when the database answers (readiness probe).
    public func ping() async -> Bool {
        (try? await backend.read { database in try await database.raw("SELECT 1 AS one").first() != nil }) ?? false
    }

    public func shutdown() async { await backend.shutdown() }
}

/// The store could not do what was asked, for a reason the caller can act on.
public enum StoreError: Error, Sendable, Equatable {
    case notFound(String)
    case staleVersion(expected: Int, actual: Int)
    case conflict(String)
    /// The database server did not answer.
    case unreachable(String)
    /// A stored value cannot be read (damaged JSON in the named column).
    case corrupt(String)
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { Int(try decode(column: column, as: Int64.self)) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func date(_ column: String) throws -> Date { Date(millis: try decode(column: column, as: Int64.self)) }
    func optionalDate(_ column: String) throws -> Date? { try decode(column: column, as: Int64?.self).map(Date.init(millis:)) }
    /// A JSON object column. Text that is not one is damaged data, never read as `{}` (which would
    /// let the next write replace a project's whole document with almost nothing).
    func json(_ column: String) throws -> [String: JSONValue] {
        guard let object = JSONValue.parse(try string(column))?.objectValue else { throw StoreError.corrupt(column) }
        return object
    }
}
