import Foundation
import NIOCore
import NIOPosix

/// Sends one message per connection over plain SMTP (RFC 5321): greeting, EHLO, MAIL FROM, RCPT
/// TO, DATA, QUIT. Enough for a relay inside the network; no TLS and no authentication (see
/// `MailConfiguration`).
struct SMTPClient {
    let host: String
    let port: Int
    /// The whole exchange, connection included, must finish within this.
    var timeout: Duration = .seconds(30)

    /// The server refused or the exchange failed. `permanent` for a 5xx answer to the recipient or
    /// the message (sending again would be refused again); transient otherwise.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var permanent: Bool
    }

    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await exchange(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "SMTP exchange with \(host):\(port) took longer than \(timeout)", permanent: false)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func exchange(_ message: MailMessage) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure(description: "cannot connect to the SMTP server \(host):\(port): \(error)", permanent: false)
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String?, expect: ClosedRange<Int>, permanentOn5xx: Bool = false) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let (code, text) = try await replies.next()
                guard expect.contains(code) else {
                    throw Failure(
                        description: "SMTP \(line.map { String($0.prefix(40)) } ?? "greeting") answered \(code) \(text)",
                        permanent: permanentOn5xx && code >= 500)
                }
            }
            try await command(nil, expect: 220...220)
            try await command("EHLO smepilot", expect: 250...250)
            try await command("MAIL FROM:<\(message.from)>", expect: 250...250)
            try await command("RCPT TO:<\(message.to)>", expect: 250...251, permanentOn5xx: true)
            try await command("DATA", expect: 354...354)
            try await command(message.wireText + ".", expect: 250...250, permanentOn5xx: true)
            try? await command("QUIT", expect: 221...221)
        }
    }
}

/// Reads SMTP replies — lines `CODE-text` continued until `CODE text` — from the inbound bytes.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    mutating func next() async throws -> (Int, String) {
        var text: [String] = []
        while true {
            let line = try await nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPClient.Failure(description: "SMTP server sent '\(line.prefix(80))'", permanent: false)
            }
            text.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return (code, text.joined(separator: " "))
            }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                return line
            }
            guard pending.utf8.count < 65_536, var buffer = try await iterator.next() else {
                throw SMTPClient.Failure(description: "the SMTP server closed the connection", permanent: false)
            }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }
}
