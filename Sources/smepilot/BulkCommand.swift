import ArgumentParser
import Foundation
import PilotDomain
import PilotStore

/// Bulk jobs from the command line (issue #17): make a job from a filter or a CSV of ids, dry-run
/// it, run it with a progress bar, follow it, revert a migration. A job is a row: `run` continues
/// a job another process started once that process's lease ran out (after `kill -9`).
struct BulkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk", abstract: "Bulk operations on workflow instances: migrate, cancel, reassign, revert.",
        subcommands: [Create.self, DryRun.self, Run.self, Status.self, Revert.self])

    struct JobOptions: ParsableArguments {
        @ArgumentParser.Option(help: "Programme code or id") var programme: String
        @OptionGroup var database: DatabaseOptions
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a job; prints its id. Nothing moves until `run`.")
        @OptionGroup var job: JobOptions
        @ArgumentParser.Option(help: "migrate, cancel, reassign, retry or restart") var operation: String
        @ArgumentParser.Option(help: "Workflow id") var workflow = "enterprise-project"
        @ArgumentParser.Option(help: "Only instances on this definition version") var version: Int?
        @ArgumentParser.Option(help: "Only instances in this state (repeatable)") var state: [String] = []
        @ArgumentParser.Option(help: "Only instances in this division node and below") var division: String?
        @ArgumentParser.Option(help: "Only instances of this sub-industry id") var subIndustry: String?
        @ArgumentParser.Option(help: "Only instances that entered their state at least this many days ago") var olderThanDays:
            Int?
        @ArgumentParser.Option(help: "A CSV file of instance ids (first column)") var csv: String?
        @ArgumentParser.Option(help: "Migrate: the target definition version") var targetVersion: Int?
        @ArgumentParser.Option(help: "Migrate: old=new state (repeatable)") var map: [String] = []
        @ArgumentParser.Option(help: "The reason (required to cancel or restart)") var reason: String?
        @ArgumentParser.Option(help: "Reassign: the user whose part moves") var fromUser: String?
        @ArgumentParser.Option(help: "Reassign: the user it moves to") var toUser: String?
        @ArgumentParser.Option(help: "Restart: the state the instances go back to (data kept)") var restartState: String?
        @ArgumentParser.Option(help: "Who makes the job (user id); recorded in every history row") var by: String
        @ArgumentParser.Option(help: "Roles of that user the job acts under (repeatable; a cancel needs the terminate role)")
        var role: [String] = []

        func run() async throws {
            guard let kind = BulkOperation(rawValue: operation), kind != .revert else {
                throw ValidationError(
                    "--operation must be migrate, cancel, reassign, retry or restart (revert: `smepilot bulk revert`)")
            }
            var stateMap: [String: String] = [:]
            for pair in map {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--map '\(pair)' is not old=new") }
                stateMap[parts[0]] = parts[1]
            }
            let roles = try role.map { name in
                guard let role = Role(rawValue: name) else { throw ValidationError("--role '\(name)' is not a role") }
                return role
            }
            let services = try await openServices(try job.database.configuration())
            defer { Task { await services.store.shutdown() } }
            let programme = try await resolveProgramme(job.programme, services.store)
            var filter = BulkFilter(
                definitionId: workflow, definitionVersion: version, states: state, division: division,
                subIndustryId: subIndustry, enteredBeforeDays: olderThanDays)
            do {
                if let csv {
                    let text = try String(contentsOfFile: csv, encoding: .utf8)
                    filter.instanceIds = try await services.store.bulk.instanceIds(fromCSV: text, programmeId: programme)
                }
                let made = try await services.store.bulk.createJob(
                    programmeId: programme, operation: kind,
                    parameters: BulkParameters(
                        filter: filter, targetVersion: targetVersion, stateMap: stateMap, reason: reason, fromUserId: fromUser,
                        toUserId: toUser, restartState: restartState, actorRoles: roles),
                    by: ChangeActor(userId: by, name: by), catalog: services.workflows.catalog)
                print("job \(made.id): \(kind.rawValue) of \(made.total) instance(s); next: smepilot bulk dry-run \(made.id)")
            } catch let refusal as BulkRefusal {
                throw FailureMessage(refusal.message.en + "\n" + refusal.message.zh)
            }
        }
    }

    struct DryRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dry-run", abstract: "Judge every item (can move / why not / what changes); writes no instance.")
        @Argument(help: "Job id") var id: String
        @OptionGroup var job: JobOptions
        @ArgumentParser.Option(help: "Items to list") var show = 20

        func run() async throws {
            let services = try await openServices(try job.database.configuration())
            defer { Task { await services.store.shutdown() } }
            let programme = try await resolveProgramme(job.programme, services.store)
            do {
                try await BulkRunner(service: services.workflows).dryRun(jobId: id, programmeId: programme)
            } catch let refusal as BulkRefusal {
                throw FailureMessage(refusal.message.en)
            }
            let counts = try await services.store.bulk.planCounts(jobId: id)
            print("dry run: \(counts.canMove) can move, \(counts.cannotMove) cannot")
            for item in try await services.store.bulk.items(jobId: id, limit: show) {
                print(
                    "\(item.instanceId)  \(item.plan == .canMove ? "can move" : "CANNOT  ")  \(item.changes ?? item.reason ?? "")"
                )
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a dry-run job (or continue one whose process died) to its end, with a progress bar.")
        @Argument(help: "Job id") var id: String
        @OptionGroup var job: JobOptions

        func run() async throws {
            let services = try await openServices(try job.database.configuration())
            defer { Task { await services.store.shutdown() } }
            let programme = try await resolveProgramme(job.programme, services.store)
            let runner = BulkRunner(service: services.workflows)
            guard let current = try await services.store.bulk.job(id, programmeId: programme) else {
                throw FailureMessage("no job \(id) in this programme")
            }
            do {
                switch current.status {
                case .dryRunDone: try await runner.start(jobId: id, programmeId: programme)
                case .running: break
                case .queued: throw FailureMessage("run the dry run first: smepilot bulk dry-run \(id)")
                case .done, .failed, .reverted: throw FailureMessage("the job is \(current.status.rawValue); nothing to run")
                }
                let ended = try await runner.run(jobId: id, programmeId: programme) { job in
                    showProgress(job)
                }
                print("")
                guard let ended else { throw FailureMessage("another process holds the job's lease; try again later") }
                print("\(ended.status.rawValue): moved \(ended.moved), skipped \(ended.skipped), failed \(ended.failed)")
            } catch let refusal as BulkRefusal {
                throw FailureMessage(refusal.message.en)
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A job's progress and its skipped and failed items.")
        @Argument(help: "Job id (omit to list the programme's jobs)") var id: String?
        @OptionGroup var job: JobOptions

        func run() async throws {
            let services = try await openServices(try job.database.configuration())
            defer { Task { await services.store.shutdown() } }
            let programme = try await resolveProgramme(job.programme, services.store)
            guard let id else {
                for job in try await services.store.bulk.jobs(programmeId: programme) {
                    print("\(job.id)  \(job.operation.rawValue)  \(job.status.rawValue)  \(job.finished)/\(job.total)")
                }
                return
            }
            guard let found = try await services.store.bulk.job(id, programmeId: programme) else {
                throw FailureMessage("no job \(id) in this programme")
            }
            print("\(found.operation.rawValue) \(found.status.rawValue) \(progressBar(found))")
            for result in [BulkItem.Result.skipped, .failed] {
                for item in try await services.store.bulk.items(jobId: id, result: result, limit: 20) {
                    print("\(result.rawValue): \(item.instanceId) \(item.reason ?? "")")
                }
            }
        }
    }

    struct Revert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make, dry-run and run the revert of a finished migration job (instances changed since are kept).")
        @Argument(help: "The migration job's id") var id: String
        @OptionGroup var job: JobOptions
        @ArgumentParser.Option(help: "Who reverts (user id)") var by: String

        func run() async throws {
            let services = try await openServices(try job.database.configuration())
            defer { Task { await services.store.shutdown() } }
            let programme = try await resolveProgramme(job.programme, services.store)
            let runner = BulkRunner(service: services.workflows)
            do {
                let revert = try await services.store.bulk.createRevert(
                    of: id, programmeId: programme, by: ChangeActor(userId: by, name: by))
                try await runner.dryRun(jobId: revert.id, programmeId: programme)
                try await runner.start(jobId: revert.id, programmeId: programme)
                let ended = try await runner.run(jobId: revert.id, programmeId: programme) { job in
                    showProgress(job)
                }
                print("")
                if let ended { print("revert \(ended.id): moved back \(ended.moved), kept \(ended.skipped)") }
            } catch let refusal as BulkRefusal {
                throw FailureMessage(refusal.message.en)
            }
        }
    }
}

/// `[#########...........]  450/1000  45%`
func progressBar(_ job: BulkJob, width: Int = 30) -> String {
    let fraction = job.total == 0 ? 1 : Double(job.finished) / Double(job.total)
    let filled = Int((fraction * Double(width)).rounded(.down))
    return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]  "
        + "\(job.finished)/\(job.total)  \(Int((fraction * 100).rounded(.down)))%"
}

/// The bar, redrawn in place on a terminal (written straight to the descriptor: unbuffered).
func showProgress(_ job: BulkJob) {
    FileHandle.standardOutput.write(Data(("\r" + progressBar(job)).utf8))
}

/// A programme given by its code or its id.
func resolveProgramme(_ given: String, _ store: PilotStore) async throws -> String {
    if let programme = try await store.programmes.programme(code: given) { return programme.id }
    if let programme = try await store.programmes.programme(id: given) { return programme.id }
    throw FailureMessage("no programme '\(given)'")
}
