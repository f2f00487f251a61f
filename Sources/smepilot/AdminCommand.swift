import ArgumentParser
import Foundation
import WebApp

#if canImport(Glibc)
    import Glibc
#endif

/// `smepilot admin create` / `admin password`: production set-up without the demo seed. The
/// password is read from a prompt (not echoed) or, when standard input is not a terminal, from its
/// first line — never from the command line.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Set up administrators without the demo seed.",
        subcommands: [AdminCreateCommand.self, AdminPasswordCommand.self])
}

struct AdminCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an administrator (and the programme, with --programme-name); the password from a prompt or stdin.")
    @ArgumentParser.Option(help: "Login name") var username: String
    @ArgumentParser.Option(help: "Name shown in the history, e.g. 王伟（系统管理员）") var name: String
    @ArgumentParser.Option(help: "Programme code, e.g. BINHAI-2024") var programme: String
    @ArgumentParser.Option(help: "Create the programme with this name if it does not exist") var programmeName: String?
    @ArgumentParser.Option(help: "Administrative-division code of a new programme (GB/T 2260)") var division = "120116"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await AdminBootstrap.withPassword(database) { bootstrap, password in
            try await bootstrap.createAdministrator(
                programmeCode: programme, programmeName: programmeName, division: division, username: username,
                displayName: name, password: password)
            return "administrator \(username) created for \(programme)"
        }
    }
}

struct AdminPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password", abstract: "Set an account's password (from a prompt or stdin), e.g. to replace a demo password.")
    @ArgumentParser.Option(help: "Login name") var username: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await AdminBootstrap.withPassword(database) { bootstrap, password in
            try await bootstrap.setPassword(username: username, password: password)
            return "password of \(username) set"
        }
    }
}

extension AdminBootstrap {
    /// Reads the password, opens the database, runs `body` and prints what it returns; a refusal is
    /// printed in both languages with exit status 1, and nothing is written.
    static func withPassword(
        _ database: DatabaseOptions, _ body: (AdminBootstrap, String) async throws -> String
    ) async throws {
        let password = try PasswordInput.read()
        let services = try await openServices(try database.configuration())
        do {
            print(try await body(AdminBootstrap(services: services), password))
            await services.store.shutdown()
        } catch let problem as AdminBootstrap.Problem {
            await services.store.shutdown()
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
            throw ExitCode(1)
        } catch {
            await services.store.shutdown()
            throw error
        }
    }
}

/// A password from the terminal (asked twice, not echoed) or from standard input's first line.
enum PasswordInput {
    static func read() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = ask("新口令 New password: ")
            guard ask("再次输入 Again: ") == first else {
                FileHandle.standardError.write(Data("两次输入不一致 / The two entries differ\n".utf8))
                throw ExitCode(1)
            }
            return first
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            FileHandle.standardError.write(Data("请在标准输入的第一行给出口令 / Give the password on standard input's first line\n".utf8))
            throw ExitCode(1)
        }
        return line
    }

    private static func ask(_ prompt: String) -> String {
        guard let pointer = getpass(prompt) else { return "" }
        return String(cString: pointer)
    }
}
