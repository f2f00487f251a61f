import Foundation
import LocalPostgres

/// A real SMTP server on loopback for the mail tests (issue #17): Python's aiosmtpd, storing what
/// it receives in a Maildir the test reads back. `Scripts/install-test-deps` installs aiosmtpd.
public final class LoopbackSMTPServer: @unchecked Sendable {
    public let port: Int
    let maildir: URL
    let process: Process

    /// A received message, decoded: the subject's encoded word and the base64 body.
    public struct Received: Sendable, Hashable {
        public var to: String
        public var subject: String
        public var body: String
        public var messageId: String
    }

    public static func start() async throws -> LoopbackSMTPServer {
        let port = PortProbe.freePort() ?? 58_025
        let maildir = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-mail-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = LoopbackSMTPServer(port: port, maildir: maildir, process: process)
        let started = ContinuousClock.now
        while PortProbe.isFree(port) {
            guard process.isRunning, ContinuousClock.now - started < .seconds(20) else {
                server.stop()
                throw SMTPServerError(
                    description: "aiosmtpd did not start on port \(port) (install it: Scripts/install-test-deps)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return server
    }

    init(port: Int, maildir: URL, process: Process) {
        self.port = port
        self.maildir = maildir
        self.process = process
    }

    public var url: String { "smtp://127.0.0.1:\(port)?from=noreply@smepilot.test" }

    /// Every message received so far.
    public func messages() throws -> [Received] {
        let folder = maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.sorted().map { name in
            try Self.decode(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    public func stop() {
        // SIGKILL, not `terminate()`: the child inherits the test runner's blocked SIGTERM and would
        // never exit, and `waitUntilExit` would then wait for ever.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }

    static func decode(_ text: String) throws -> Received {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalised.range(of: "\n\n") else { throw SMTPServerError(description: "no header end") }
        var headers: [String: String] = [:]
        for line in normalised[..<split.lowerBound].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        func word(_ value: String) -> String {
            guard value.hasPrefix("=?UTF-8?B?"), value.hasSuffix("?="),
                let data = Data(base64Encoded: String(value.dropFirst(10).dropLast(2)))
            else { return value }
            return String(decoding: data, as: UTF8.self)
        }
        let encoded = normalised[split.upperBound...].split(separator: "\n").joined()
        let body =
            Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? String(normalised[split.upperBound...])
        return Received(
            to: headers["to"] ?? "", subject: word(headers["subject"] ?? ""), body: body,
            messageId: headers["message-id"] ?? "")
    }
}

public struct SMTPServerError: Error, CustomStringConvertible {
    public var description: String
}
