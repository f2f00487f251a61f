import ArgumentParser
import WebApp

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "The funds ledger.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify debits = credits, 1:1 matching, each tranche paid once and recorded; exit 1 naming each violation.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let services = try await openServices(try database.configuration(), migrate: false)
            let result = try await LedgerCheck(services: services).run()
            await services.store.shutdown()
            for finding in result.findings { print("VIOLATION  \(finding)") }
            print("checked \(result.programmes) programme(s), \(result.postings) postings: \(result.findings.count) violation(s)")
            if !result.findings.isEmpty { throw ExitCode(1) }
        }
    }
}
