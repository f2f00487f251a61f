import ArgumentParser
import PilotStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Audit tools.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk every history hash chain; report edited, deleted or reordered rows; exit 1 on any.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let report = try await services.store.verifyAudit()
            await services.store.shutdown()
            for finding in report.findings { print("TAMPERED  \(finding)") }
            print(
                "checked \(report.instancesChecked) instances, \(report.rowsChecked) history rows: \(report.findings.count) finding(s)"
            )
            if !report.findings.isEmpty { throw ExitCode(1) }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue an API token for a machine client acting as a user.")
    @ArgumentParser.Option(help: "User name the token acts as") var user: String
    @ArgumentParser.Option(help: "What the token is for") var label = "api"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let services = try await openServices(try database.configuration())
        guard let account = try await services.store.user(username: user) else {
            await services.store.shutdown()
            throw FailureMessage("no user named '\(user)'")
        }
        let token = try await services.store.createApiToken(userId: account.id, label: label)
        await services.store.shutdown()
        // Printed once: only its hash is stored.
        print(token)
    }
}
