import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NationalSyncAPI
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import PilotDomain
import PilotStore

/// The national endpoint over HTTP. Reconciliation goes through the client generated from the
/// contract; batches are sent by hand (`submit`), since they are the relay's hot path.
public struct NationalClient: NationalEndpoint {
    let client: Client
    let baseURL: URL
    let credentials: SyncCredentials
    let timeout: TimeAmount
    let clock: any Clock

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static let submitPath = "/national/v1/events:batch"

    /// `baseURL` without a path (the signature covers the path the client generates).
    public init(baseURL: URL, credentials: SyncCredentials, timeout: TimeAmount = .seconds(10), clock: any Clock = SystemClock())
    {
        let transport = AsyncHTTPClientTransport(configuration: .init(client: .shared, timeout: timeout))
        client = Client(
            serverURL: baseURL, configuration: .init(dateTranscoder: RFC3339Transcoder(), jsonEncodingOptions: [.sortedKeys]),
            transport: transport, middlewares: [SigningMiddleware(credentials: credentials, clock: clock)])
        self.baseURL = baseURL
        self.credentials = credentials
        self.timeout = timeout
        self.clock = clock
    }

    /// One batch in one signed request (`submitEvents` of the contract). The body is written by
    /// `NationalEventMapping.batchBody` straight into bytes and signed as it is; the answer is read
    /// with the generated types. The generated client would encode the same body through
    /// Codable boxes at several times the cost (issue #16 profile).
    public func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement] {
        let body = try NationalEventMapping.batchBody(batchId: UUID().uuidString.lowercased(), events: events)
        var request = HTTPClientRequest(url: baseURL.absoluteString.trimmingSuffix("/") + Self.submitPath)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in RequestSignature.headers(
            method: "POST", path: Self.submitPath, body: body, credentials: credentials, now: clock.now())
        {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let answer = Data(try await response.body.collect(upTo: 32 * 1024 * 1024).readableBytesView)
        switch response.status.code {
        case 200:
            return try JSONDecoder().decode(Components.Schemas.BatchAcknowledgement.self, from: answer).acknowledgements.map(
                NationalEventMapping.acknowledgement)
        case 400, 401:
            let message = (try? JSONDecoder().decode(Components.Schemas._Error.self, from: answer).message) ?? "no message"
            throw Failure(description: "\(response.status.code) \(message)")
        case 429: throw Failure(description: "429 retry after \(response.headers.first(name: "Retry-After") ?? "?") s")
        case 503: throw Failure(description: "503 unavailable")
        default: throw Failure(description: "unexpected status \(response.status.code)")
        }
    }

    /// Every project the endpoint holds, with its last acknowledged sequence (all pages).
    public func acknowledgedProjects() async throws -> [String: Int] {
        var result: [String: Int] = [:]
        var after: String?
        repeat {
            let output = try await client.reconcile(
                query: .init(after: after, limit: 1000),
                headers: .init(xKeyId: "", xTimestamp: "", xContentSHA256: "", xSignature: ""))
            guard case .ok(let ok) = output else { throw Failure(description: "reconciliation failed: \(output)") }
            let page = try ok.body.json
            for project in page.projects { result[project.projectId] = Int(project.lastSequence) }
            after = page.next
        } while after != nil
        return result
    }

    /// The last sequence the endpoint acknowledged for a project (reconciliation).
    public func acknowledged(projectId: String) async throws -> (lastSequence: Int, count: Int) {
        let output = try await client.getAcknowledged(
            path: .init(projectId: projectId), headers: .init(xKeyId: "", xTimestamp: "", xContentSHA256: "", xSignature: ""))
        guard case .ok(let ok) = output else { throw Failure(description: "reconciliation failed: \(output)") }
        let body = try ok.body.json
        return (Int(body.lastSequence), Int(body.count))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
