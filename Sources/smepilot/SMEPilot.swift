import ArgumentParser

/// The `smepilot` command: the server and the operator's tools in one binary.
@main
struct SMEPilot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smepilot",
        abstract: "SMEPilot — runs an SME digital-transformation city pilot (中小企业数字化转型城市试点).",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, SeedCommand.self, WorkflowCommand.self, AuditCommand.self,
            TokenCommand.self, SyncCommand.self, NationalMockCommand.self, BenchCommand.self, TimersCommand.self,
            LedgerCommand.self, ProjectionsCommand.self, TargetsCommand.self, AdminCommand.self, ProgrammeCommand.self,
            QuestionnaireCommand.self, BulkCommand.self,
        ])
}
