import Diagnosis
import Foundation
import Logging
import PilotDomain
import PilotStore
import Programmes
import ProviderPool
import WorkflowEngine

/// What the handlers work with, built once at start-up and handed in (no global state).
public struct AppServices: Sendable {
    public var configuration: AppConfiguration
    public var store: PilotStore
    public var workflows: WorkflowService
    public var authorizer: Authorizer
    public var passwords: Passwords
    public var throttle: LoginThrottle
    /// Self-registrations per client address (`/register`): `registrationLimit` an hour.
    public var registrationThrottle: LoginThrottle
    public var logger: Logger
    /// The administrative-division tree (`Workflows/divisions/cn.csv`): names of the nodes that
    /// grants, enterprises and programmes hang on.
    public var divisions: DivisionTree
    /// The criteria main-contractor applications are scored on (`Workflows/pool/contractor-criteria.yaml`);
    /// nil only when built without them and the file in the workflows directory is unreadable or wrong,
    /// and then the selection pages say so (`smepilot serve` refuses to start instead).
    public var contractorCriteria: ContractorCriteria?
    /// The maturity models and questionnaires (`Workflows/diagnosis`, issue #14), every version of
    /// each: answers are scored by the version they were given to. Empty only when built without
    /// them and the directory is unreadable (`smepilot serve` refuses to start instead).
    public var diagnosis: DiagnosisCatalogue
    let diagrams = DiagramCache()
    let serverKeys = ServerKeyCache()

    /// `calendar` is the official working-day calendar (`Workflows/calendar/`); timers counted in
    /// working days use it.
    public init(
        configuration: AppConfiguration, store: PilotStore, catalog: WorkflowCatalog,
        calendar: HolidayCalendar = HolidayCalendar(), divisions: DivisionTree = DivisionTree(),
        contractorCriteria: ContractorCriteria? = nil, diagnosis: DiagnosisCatalogue? = nil, logger: Logger
    ) {
        self.divisions = divisions
        self.diagnosis =
            diagnosis
            ?? (try? DiagnosisCatalogue.load(
                directory: URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent("diagnosis").path))
            ?? DiagnosisCatalogue()
        self.contractorCriteria =
            contractorCriteria
            ?? (try? ContractorCriteriaFile.load(
                path: URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent(
                    ContractorCriteriaFile.relativePath
                ).path))
        self.configuration = configuration
        self.store = store
        self.workflows = WorkflowService(store: store, catalog: catalog, engine: Engine(calendar: calendar))
        self.authorizer = Authorizer()
        self.passwords = Passwords(cost: configuration.bcryptCost)
        self.throttle = LoginThrottle(store: store)
        self.registrationThrottle = LoginThrottle(store: store, limit: Self.registrationLimit, window: 3600)
        self.logger = logger
    }

    public var catalog: WorkflowCatalog { workflows.catalog }

    /// The division nodes beneath a programme's own (its zones, streets and towns; for a city, its
    /// districts and theirs): what its forms offer and its lists group by.
    func divisions(of programmeId: String) async throws -> [Division] {
        guard let programme = try await store.programmes.programme(id: programmeId), let code = DivisionCode(programme.division)
        else {
            return []
        }
        return divisions.descendants(of: code)
    }

    /// Registrations one client address may submit in an hour (several firms of a park may share
    /// one address; a script cannot fill the programme).
    public static let registrationLimit = 10
}
