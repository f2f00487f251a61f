import ArgumentParser
import Foundation
import PilotStore
import WorkflowEngine

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Audit tools.", subcommands: [Verify.self, Anchor.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Walk every history hash chain, replay every instance from its history and compare its state, version and \
                data, and check each row's MAC with SMEPILOT_AUDIT_KEY; exit 1 on any finding.
                """)
        @OptionGroup var database: DatabaseOptions
        @ArgumentParser.Option(help: "An anchor file `audit anchor` wrote: the database must still hold each head in it")
        var anchor: String?

        func run() async throws {
            let configuration = try database.configuration()
            let anchorFile = try anchor.map { path in
                do {
                    return try AuditAnchor.parse(String(contentsOfFile: path, encoding: .utf8), key: configuration.auditKey)
                } catch {
                    throw FailureMessage("\(path): \(error)")
                }
            }
            let services = try await openServices(configuration, migrate: false)
            var report: AuditReport
            do {
                report = try await services.workflows.verifyAudit()
                if let anchorFile { report.findings += try await services.store.audit.checkAnchor(anchorFile) }
            } catch {
                await services.store.shutdown()
                // `verify` never migrates: a database from before migration 19 has no context or MAC column.
                throw FailureMessage(
                    "cannot read the history: \(describeDatabaseError(error)) (run `smepilot migrate` first if the database is older)"
                )
            }
            await services.store.shutdown()
            for line in Self.lines(report) { print(line) }
            if let anchorFile {
                let seal = configuration.auditKey == nil ? "its MAC not checked without the key" : "its MAC checked"
                print(
                    "anchor of \(anchorFile.heads.count) chain heads (\(Engine.timestamp(anchorFile.createdAt))) compared; \(seal)"
                )
            }
            if !report.findings.isEmpty { throw ExitCode(1) }
        }

        static func lines(_ report: AuditReport) -> [String] {
            var lines = report.findings.map { "TAMPERED  [\($0.kind.rawValue)] \($0)" }
            lines.append(
                "checked \(report.instancesChecked) instances, \(report.rowsChecked) history rows: \(report.findings.count) finding(s)"
            )
            lines.append("replayed \(report.instancesReplayed) instances to the end; data and participants compared")
            for (reason, count) in report.replayGaps.sorted(by: { $0.key < $1.key }) {
                lines.append("replay incomplete for \(count) instance(s): \(reason); state, version and row links still compared")
            }
            if report.keyedCheckRan {
                lines.append("keyed check: \(report.rowsKeyed) MAC(s) checked")
            } else {
                lines.append(
                    "keyed check skipped: \(AuditKey.environmentName) is not set (\(report.keyedRowsUnchecked) row(s) carry a MAC)"
                )
            }
            return lines
        }
    }
}

extension AuditCommand {
    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Write every instance's chain head (version and newest hash), sealed with SMEPILOT_AUDIT_KEY, to a file \
                kept outside the database; `audit verify --anchor FILE` checks the database still holds them.
                """)
        @OptionGroup var database: DatabaseOptions
        @ArgumentParser.Option(help: "Where to write the anchor file") var out: String

        func run() async throws {
            let configuration = try database.configuration()
            guard let key = configuration.auditKey else {
                throw FailureMessage("set \(AuditKey.environmentName) (32+ bytes): the anchor file is sealed with it")
            }
            let services = try await openServices(configuration, migrate: false)
            let anchor: AuditAnchor
            do { anchor = try await services.store.audit.auditAnchor() } catch {
                await services.store.shutdown()
                throw error
            }
            await services.store.shutdown()
            do {
                try anchor.text(sealedWith: key).write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw FailureMessage("cannot write \(out): \(error.localizedDescription)")
            }
            print("anchored \(anchor.heads.count) chain heads in \(out)")
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
        guard let account = try await services.store.accounts.user(username: user) else {
            await services.store.shutdown()
            throw FailureMessage("no user named '\(user)'")
        }
        let token = try await services.store.sessions.createApiToken(userId: account.id, label: label)
        await services.store.shutdown()
        // Printed once: only its hash is stored.
        print(token)
    }
}
