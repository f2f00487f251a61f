import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NationalSync

/// `smepilot national-mock`: the national endpoint, locally, with fault injection.
struct NationalMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national-mock",
        abstract: "Run a local national-platform endpoint (Contracts/national-sync.yaml) with fault injection.")

    @ArgumentParser.Option(help: "Address to listen on") var host = "127.0.0.1"
    @ArgumentParser.Option(help: "Port") var port = 9090
    @ArgumentParser.Option(help: "SQLite file for what it accepts") var data = "./data/national-mock.sqlite"
    @ArgumentParser.Option(help: "Key id (default: $SMEPILOT_NATIONAL_KEY_ID)") var keyId: String?
    @ArgumentParser.Option(help: "Probability of a 503") var errorRate = 0.0
    @ArgumentParser.Option(help: "Probability of holding the request past the client's timeout") var timeoutRate = 0.0
    @ArgumentParser.Option(help: "Milliseconds added to every response") var latencyMs = 0
    @ArgumentParser.Option(help: "Probability of storing a batch and then losing the response") var lostResponseRate = 0.0
    @ArgumentParser.Option(help: "Probability of repeating an acknowledgement") var duplicateAckRate = 0.0
    @ArgumentParser.Option(help: "Probability of dropping the connection mid-response") var dropRate = 0.0

    func run() async throws {
        LoggingSystem.bootstrapOnce(level: .info)
        let environment = ProcessInfo.processInfo.environment
        guard let key = keyId ?? environment["SMEPILOT_NATIONAL_KEY_ID"], let secret = environment["SMEPILOT_NATIONAL_SECRET"],
            secret.count >= 16
        else {
            throw FailureMessage(
                "set SMEPILOT_NATIONAL_KEY_ID (or --key-id) and SMEPILOT_NATIONAL_SECRET (16+ characters) — the secret is read from the environment only, never from flags"
            )
        }
        for (name, rate) in [
            ("error", errorRate), ("timeout", timeoutRate), ("lost-response", lostResponseRate),
            ("duplicate-ack", duplicateAckRate),
        ]
        where !(0...1).contains(rate) {
            throw FailureMessage("--\(name)-rate must be between 0 and 1")
        }
        var faults = NationalMockFaults()
        faults.errorRate = errorRate
        faults.timeoutRate = timeoutRate
        faults.latency = .milliseconds(latencyMs)
        faults.lostResponseRate = lostResponseRate
        faults.duplicateAckRate = duplicateAckRate
        faults.dropRate = dropRate
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: data).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let store = try await NationalMockStore.open(path: data)
        let app = try NationalMockServer.build(
            host: host, port: port, store: store, secrets: NationalMockServer.secrets(keyId: key, secret: secret), faults: faults)
        try await app.runService()
        await store.shutdown()
    }
}
