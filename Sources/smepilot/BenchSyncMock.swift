import AsyncHTTPClient
import Foundation
import LocalPostgres
import Logging
import NIOCore
import NationalSync
import PilotDomain
import PilotStore

/// The mock national endpoint of `smepilot bench sync`, on a free loopback port, with its own
/// SQLite file: real HTTP, signatures checked, order and duplicates checked. Stopped gracefully
/// (`BenchService`): cancelled, it logged "Waiting on child channel" errors for the relays'
/// kept-alive connections at every run's end.
struct BenchMock {
    let store: NationalMockStore
    let server: BenchService
    let port: Int
    let secret: String

    static func start(faults: NationalMockFaults) async throws -> BenchMock {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-mock-\(UUID().uuidString).sqlite").path
        let store = try await NationalMockStore.open(path: path)
        let port = PortProbe.freePort() ?? 59_090
        let secret = SecretToken.make()
        let app = try NationalMockServer.build(
            host: "127.0.0.1", port: port, store: store, secrets: NationalMockServer.secrets(keyId: "bench", secret: secret),
            faults: faults)
        let server = BenchService(app, logger: Logger(label: "national-mock"))
        while PortProbe.isFree(port) { try await Task.sleep(for: .milliseconds(20)) }
        return BenchMock(store: store, server: server, port: port, secret: secret)
    }

    func client(timeout: TimeAmount) -> NationalClient {
        NationalClient(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, credentials: SyncCredentials(keyId: "bench", secret: secret),
            timeout: timeout)
    }

    func stop() async {
        try? await server.stop()
        await store.shutdown()
    }
}
