import ArgumentParser
import Diagnosis
import Foundation
import Logging
import PilotDomain
import PilotStore
import Programmes
import WebApp
import WorkflowEngine

/// Options every database command takes. Flags win over the environment, which wins over defaults.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(
        name: .customLong("database-url"),
        help: "postgres://user:pass@host:5432/db or sqlite:path (default: $DATABASE_URL, else ./data/smepilot.sqlite)")
    var databaseURL: String?

    @ArgumentParser.Option(help: "Directory of workflow definitions (default: $SMEPILOT_WORKFLOWS, else ./Workflows)")
    var workflows: String?

    func configuration(host: String? = nil, port: Int? = nil) throws -> AppConfiguration {
        do {
            return try AppConfiguration.resolve(
                host: host, port: port, databaseURL: databaseURL, workflows: workflows,
                environment: ProcessInfo.processInfo.environment)
        } catch {
            throw FailureMessage(error.description)
        }
    }
}

/// Opens the database and loads the workflows, with one-line errors for what is wrong.
func openServices(
    _ configuration: AppConfiguration, migrate: Bool = true, clock: any PilotDomain.Clock = SystemClock()
) async throws -> AppServices {
    LoggingSystem.bootstrapOnce(level: configuration.logLevel)
    let logger = Logger(label: "smepilot")
    let catalog: WorkflowCatalog
    do {
        catalog = try WorkflowCatalog.load(directory: configuration.workflowsDirectory)
    } catch {
        throw FailureMessage("workflow definitions in '\(configuration.workflowsDirectory)' are invalid:\n\(error.description)")
    }
    let calendarPath = URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent(
        HolidayCalendarFile.relativePath
    ).path
    var calendar = HolidayCalendar()
    if FileManager.default.fileExists(atPath: calendarPath) {
        do { calendar = try HolidayCalendarFile.load(path: calendarPath) } catch {
            throw FailureMessage("the holiday calendar is invalid:\n\(String(describing: error))")
        }
    }
    let divisions: DivisionTree
    do {
        divisions = try DivisionFile.load(
            path: URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent(DivisionFile.relativePath).path)
    } catch {
        throw FailureMessage("the division tree is invalid:\n\(error.description)")
    }
    // The criteria main-contractor applications are scored on: a wrong file stops start-up like the workflows.
    let criteriaRead = Result {
        try ContractorCriteriaFile.load(
            path: URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent(
                ContractorCriteriaFile.relativePath
            ).path)
    }
    if case .failure(let error) = criteriaRead {
        throw FailureMessage("the main-contractor criteria are invalid:\n\(error)")
    }
    let criteria = try criteriaRead.get()
    // The maturity models and questionnaires: a wrong file stops start-up too (issue #14).
    let diagnosis: DiagnosisCatalogue
    do {
        diagnosis = try DiagnosisCatalogue.load(
            directory: URL(fileURLWithPath: configuration.workflowsDirectory).appendingPathComponent("diagnosis").path)
    } catch {
        throw FailureMessage("the diagnosis questionnaires are invalid; run `smepilot questionnaire validate`:\n\(error)")
    }
    let store: PilotStore
    do {
        store = try await PilotStore.open(
            configuration.database, clock: clock, logger: logger, auditKey: configuration.auditKey)
        (store.backend as? PostgresBackend)?.preparedStatements = configuration.preparedStatements
        (store.backend as? PostgresBackend)?.groupCommitWidth = configuration.groupCommitWidth
        if migrate { try await store.migrate() }
    } catch {
        throw FailureMessage("cannot open the database \(configuration.database): \(describeDatabaseError(error))")
    }
    return AppServices(
        configuration: configuration, store: store, catalog: catalog, calendar: calendar, divisions: divisions,
        contractorCriteria: criteria, diagnosis: diagnosis, logger: logger)
}

func describeDatabaseError(_ error: any Error) -> String {
    if case StoreError.unreachable = error {
        return "the server did not answer within 8 s (is it running, and is the address right?)"
    }
    let text = String(reflecting: error)
    if text.contains("connectionError") || text.contains("Connection refused") || text.contains("connect") {
        return "the server did not answer (is it running, and is the address right?)"
    }
    return String(describing: error)
}

/// An error whose message is the whole story: printed as one line, exit status 1.
struct FailureMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension LoggingSystem {
    nonisolated(unsafe) private static var bootstrapped = false

    /// Structured logs on standard error, once per process.
    static func bootstrapOnce(level: Logger.Level) {
        guard !bootstrapped else { return }
        bootstrapped = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
