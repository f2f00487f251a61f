import ArgumentParser
import Foundation
import Logging
import NationalSync
import PilotStore
import ServiceLifecycle
import WebApp

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "National-platform sync: run the relay, inspect, replay dead letters.",
        subcommands: [Run.self, Status.self, Replay.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the outbox relay alone (stops on SIGTERM/SIGINT).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            guard let sync = services.configuration.sync else {
                throw FailureMessage("set SMEPILOT_NATIONAL_URL, SMEPILOT_NATIONAL_KEY_ID and SMEPILOT_NATIONAL_SECRET")
            }
            let group = ServiceGroup(
                services: [SyncRelayService(store: services.store, configuration: sync, logger: services.logger)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: services.logger)
            try await group.run()
            await services.store.shutdown()
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print outbox counts, lag and dead letters.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            let status = try await services.store.outbox.outboxStatus()
            let backlog = try await services.store.outbox.outboxBacklog()
            let dead = try await services.store.outbox.deadLetters()
            await services.store.shutdown()
            let lag = status.oldestUndelivered.map { Int(Date().timeIntervalSince($0)) } ?? 0
            print(
                "pending \(status.pending)  in flight \(status.inFlight)  delivered \(status.delivered)  dead \(status.dead)  lag \(lag) s  backlog \(backlog.events) (oldest \(Int(backlog.age(now: Date()))) s)"
            )
            for event in dead { print("DEAD  \(event.instanceId) #\(event.sequence) \(event.type): \(event.lastError ?? "")") }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead-lettered events back in the queue.")
        @ArgumentParser.Option(help: "Only this project") var project: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration())
            let count = try await services.store.outbox.replayDeadLetters(instanceId: project, now: Date())
            await services.store.shutdown()
            print("\(count) event(s) queued again")
        }
    }
}
