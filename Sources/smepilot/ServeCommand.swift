import ArgumentParser
import Foundation
import Hummingbird
import PilotStore
import WebApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the web UI and the JSON API; run timers in the background.")

    @ArgumentParser.Option(help: "Address to listen on (default: $SMEPILOT_HOST, else 127.0.0.1)") var host: String?
    @ArgumentParser.Option(help: "Port (default: $SMEPILOT_PORT, else 8080)") var port: Int?
    @Flag(help: "Seed the Binhai demo programme if it is not there yet") var demo = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration(host: host, port: port)
        let services = try await openServices(configuration)
        // Every database operation of a served request is bounded (after the migrations, which
        // may take long): see PostgresBackend.operationDeadline.
        (services.store.backend as? PostgresBackend)?.operationDeadline = configuration.databaseTimeout
        if demo {
            do {
                try await DemoSeeder(services: services).seed()
            } catch {
                await services.store.shutdown()
                throw error
            }
        } else {
            // A production start: no account may still hold the README's demo password.
            do {
                try await AdminBootstrap(services: services).refuseDemoPasswords()
            } catch let problem as AdminBootstrap.Problem {
                services.logger.critical("\(problem.message.en)")
                FileHandle.standardError.write(Data((problem.description + "\n").utf8))
                await services.store.shutdown()
                throw ExitCode(1)
            }
        }
        do {
            let app = try buildApplication(services: services)
            services.logger.info(
                "smepilot serving",
                metadata: [
                    "address": "http://\(configuration.host):\(configuration.port)", "database": "\(configuration.database)",
                ])
            try await app.runService()
        } catch {
            // A port already taken, say: close the database before leaving, whatever the cause.
            await services.store.shutdown()
            throw error
        }
        await services.store.shutdown()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply database migrations and exit.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let services = try await openServices(try database.configuration())
        print("migrations applied: \(services.configuration.database)")
        await services.store.shutdown()
    }
}

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Seed the Binhai demo programme (driven through the engine).")
    @ArgumentParser.Option(help: "Number of demo enterprises") var enterprises = 60
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let services = try await openServices(try database.configuration())
        try await DemoSeeder(services: services).seed(enterprises: enterprises)
        print("demo programme ready")
        await services.store.shutdown()
    }
}
