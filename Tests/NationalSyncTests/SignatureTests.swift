import Foundation
import Logging
import NationalSync
import PilotDomain
import PilotStore
import TestSupport
import Testing

@Suite("Requests to the national endpoint are signed; forgeries are refused; the secret is never shown")
struct SignatureTests {
    let secret = Array("k3y".utf8)
    let now = Date(timeIntervalSince1970: 1_740_000_000)

    func signed(body: [UInt8], at time: Date) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: RequestSignature.headers(
                method: "POST", path: "/national/v1/events:batch", body: body,
                credentials: SyncCredentials(keyId: "k1", secret: "k3y"),
                now: time))
    }

    func verify(_ headers: [String: String], body: [UInt8], at time: Date) -> RequestSignature.Problem? {
        RequestSignature.verify(
            method: "POST", path: "/national/v1/events:batch", headers: { headers[$0] }, body: body, secrets: ["k1": secret],
            now: time)
    }

    @Test("a correctly signed request passes; altered body, stale timestamp and unknown key do not")
    func verification() {
        let body = Array("{\"events\":[]}".utf8)
        let headers = signed(body: body, at: now)
        #expect(verify(headers, body: body, at: now) == nil)
        #expect(verify(headers, body: Array("{\"events\":[1]}".utf8), at: now) == .digestMismatch)
        #expect(verify(headers, body: body, at: now.addingTimeInterval(301)) == .staleTimestamp)
        var otherKey = headers
        otherKey[RequestSignature.keyIdHeader] = "k2"
        #expect(verify(otherKey, body: body, at: now) == .unknownKey)
        var forged = headers
        forged[RequestSignature.digestHeader] = RequestSignature.contentDigest(Array("x".utf8))
        #expect(verify(forged, body: Array("x".utf8), at: now) == .badSignature)
    }

    @Test("the mock refuses a wrong secret over HTTP with 401, and the secret appears in no log line")
    func wrongSecretOverHTTP() async throws {
        let lines = LogCapture()
        try await withMock(store: { try await TestStores.make(.sqlite) }) { mock, store in
            _ = try await OutboxFixture.fill(store, projects: 1, eventsEach: 1)
            let wrong = "wrong-\(RunningMock.secret)"
            let relay = OutboxRelay(
                store: store, endpoint: mock.client(secret: wrong),
                logger: Logger(label: "test.sync", factory: { _ in lines.handler() }))
            let pass = try await relay.runOnce()

            #expect(pass == .sent(delivered: 0, dead: 0, retried: 1))
            #expect(try await mock.store.totalEvents() == 0)
            let logged = lines.text
            #expect(logged.contains("401"))
            #expect(!logged.contains(RunningMock.secret))
            #expect(!String(describing: SyncCredentials(keyId: "k", secret: RunningMock.secret)).contains(RunningMock.secret))
        }
    }
}

/// Collects log lines (with metadata) so a test can read what would have been logged.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    func handler() -> any LogHandler { Handler(capture: self) }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            capture.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)")
        }
    }
}
