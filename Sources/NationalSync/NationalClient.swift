import AsyncHTTPClient
import Foundation
import NIOCore
import NationalSyncAPI
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import PilotDomain
import PilotStore

/// The national endpoint over HTTP, through the client generated from the contract.
public struct NationalClient: NationalEndpoint {
    let client: Client

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `baseURL` without a path (the signature covers the path the client generates).
    public init(baseURL: URL, credentials: SyncCredentials, timeout: TimeAmount = .seconds(10), clock: any Clock = SystemClock())
    {
        let transport = AsyncHTTPClientTransport(configuration: .init(client: .shared, timeout: timeout))
        client = Client(
            serverURL: baseURL, configuration: .init(jsonEncodingOptions: [.sortedKeys]), transport: transport,
            middlewares: [SigningMiddleware(credentials: credentials, clock: clock)])
    }

    public func submit(_ events: [OutboxEvent]) async throws -> [Acknowledgement] {
        let batch = Components.Schemas.EventBatch(
            batchId: UUID().uuidString.lowercased(), events: try events.map(NationalEventMapping.event))
        // The signing middleware replaces these placeholders with the real values.
        let output = try await client.submitEvents(
            headers: .init(xKeyId: "", xTimestamp: "", xContentSHA256: "", xSignature: ""), body: .json(batch))
        switch output {
        case .ok(let ok): return try ok.body.json.acknowledgements.map(NationalEventMapping.acknowledgement)
        case .badRequest(let response): throw Failure(description: "400 \(try response.body.json.message)")
        case .unauthorized(let response): throw Failure(description: "401 \(try response.body.json.message)")
        case .tooManyRequests(let response): throw Failure(description: "429 retry after \(response.headers.retryAfter) s")
        case .serviceUnavailable: throw Failure(description: "503 unavailable")
        case .undocumented(let status, _): throw Failure(description: "unexpected status \(status)")
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
