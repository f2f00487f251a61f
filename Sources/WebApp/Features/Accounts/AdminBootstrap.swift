import Foundation
import PilotDomain
import PilotStore

/// Setting up production without the demo seed (issue #11, defect 8): the first administrator of
/// a programme from the command line, a password reset, and the check `serve` makes before it
/// starts. Passwords arrive from a prompt or standard input, never from the command line (argv is
/// visible to every user of the machine and kept in shell history).
public struct AdminBootstrap: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// A refusal with what to do instead, in both languages.
    public struct Problem: Error, CustomStringConvertible {
        public var message: LocalizedText
        public var description: String { "\(message.zh)\n\(message.en)" }
    }

    /// Creates the programme when `programmeName` is given and it does not exist yet, then an
    /// administrator account over it. Returns the programme's id.
    @discardableResult
    public func createAdministrator(
        programmeCode: String, programmeName: String?, division: String, username: String, displayName: String, password: String
    ) async throws -> String {
        let username = username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty, username.count <= 64,
            username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else {
            throw Problem(
                message: LocalizedText(
                    zh: "用户名须为 1–64 个英文字母、数字或 . _ -", en: "The user name must be 1–64 letters, digits or . _ -"))
        }
        try Self.requireAcceptable(password, username: username)
        if try await services.store.accounts.user(username: username) != nil {
            throw Problem(message: LocalizedText(zh: "用户名 \(username) 已存在", en: "The user name \(username) is taken"))
        }
        let programme: Programme
        if let existing = try await services.store.programmes.programme(code: programmeCode) {
            programme = existing
        } else if let programmeName, !programmeName.isEmpty {
            programme = try await services.store.programmes.createProgramme(
                code: programmeCode, name: LocalizedText(zh: programmeName, en: programmeName), division: division, rules: [:])
        } else {
            throw Problem(
                message: LocalizedText(
                    zh: "没有编号为 \(programmeCode) 的试点项目；新建时请同时给出 --programme-name",
                    en: "No programme \(programmeCode); give --programme-name to create it"))
        }
        _ = try await services.store.accounts.createUser(
            programmeId: programme.id, username: username, displayName: displayName,
            passwordHash: try await services.passwords.hash(password), organisationId: nil,
            grants: [RoleGrant(role: .admin, scope: .programme(programme.id))],
            log: ChangeActor(userId: "setup", name: "smepilot admin create"))
        return programme.id
    }

    /// Sets a new password for an account (e.g. to replace the demo password).
    public func setPassword(username: String, password: String) async throws {
        guard let account = try await services.store.accounts.user(username: username) else {
            throw Problem(message: LocalizedText(zh: "没有用户 \(username)", en: "No user \(username)"))
        }
        try Self.requireAcceptable(password, username: username)
        try await services.store.accounts.setPassword(
            userId: account.id, programmeId: account.programmeId, hash: try await services.passwords.hash(password),
            mustChange: false, keepingSession: nil, by: ChangeActor(userId: "setup", name: "smepilot admin password"))
    }

    /// The password policy of the pages, and never the README's published demo password.
    static func requireAcceptable(_ password: String, username: String) throws {
        if let problem = PasswordPolicy.problem(password, username: username) { throw Problem(message: problem) }
        if password == DemoData.password {
            throw Problem(message: LocalizedText(zh: "不能使用公开的演示口令", en: "The published demo password cannot be used"))
        }
    }

    /// What `serve` without `--demo` checks first: no active account may hold the published demo
    /// password, or anyone who read the README could sign in as any official.
    public func refuseDemoPasswords() async throws {
        let (count, names) = try await services.store.accounts.activeDemoPasswordAccounts()
        guard count > 0 else { return }
        let list = names.joined(separator: ", ") + (count > names.count ? " …" : "")
        throw Problem(
            message: LocalizedText(
                zh: "有 \(count) 个账户仍在使用公开的演示口令（\(list)），拒绝启动。演示请用 --demo；生产环境请先用 "
                    + "smepilot admin password --username 名称 为其设置新口令，或在账户管理中停用",
                en: "\(count) accounts still use the published demo password (\(list)); not starting. For a demo use --demo; "
                    + "in production set new passwords first (smepilot admin password --username NAME) or switch them off"))
    }
}
