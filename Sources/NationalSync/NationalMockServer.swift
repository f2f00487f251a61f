import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NationalSyncAPI
import OpenAPIHummingbird
import OpenAPIRuntime
import PilotDomain

/// `smepilot national-mock`: a real HTTP server implementing Contracts/national-sync.yaml with the
/// generated server code. It verifies signatures, enforces per-project order, answers repeats as
/// duplicates, stores what it accepts in SQLite, and injects faults on request.
public enum NationalMockServer {
    public static func build(
        host: String, port: Int, store: NationalMockStore, secrets: [String: [UInt8]], faults: NationalMockFaults,
        clock: any Clock = SystemClock(), logger: Logger = Logger(label: "national-mock"),
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router()
        // Dates by hand (see RFC3339Transcoder), answers without pretty-printing: the mock is the
        // ceiling of the relay's benchmark, so it should spend as little as an endpoint can.
        try NationalMockHandler(store: store, faults: faults, clock: clock).registerHandlers(
            on: router, configuration: .init(dateTranscoder: RFC3339Transcoder(), jsonEncodingOptions: []),
            middlewares: [FaultMiddleware(faults: faults), SignatureCheckMiddleware(secrets: secrets, clock: clock)])
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "national-mock"),
            onServerRunning: onServerRunning, logger: logger)
    }

    public static func secrets(keyId: String, secret: String) -> [String: [UInt8]] { [keyId: Array(secret.utf8)] }
}

struct NationalMockHandler: APIProtocol {
    let store: NationalMockStore
    let faults: NationalMockFaults
    let clock: any Clock

    func submitEvents(_ input: Operations.SubmitEvents.Input) async throws -> Operations.SubmitEvents.Output {
        guard case .json(let batch) = input.body, (1...500).contains(batch.events.count) else {
            return .badRequest(.init(body: .json(.init(code: "bad_request", message: "a batch holds 1–500 events"))))
        }
        let incoming = batch.events.map { event in
            // The canonical text in one pass, not a JSONEncoder per event: the mock is the
            // ceiling of the relay's benchmark (issue #16).
            let payloadText = JSONValue.canonicalText(.object(event.payload.value.mapValues(NationalEventMapping.jsonValue)))
            return NationalMockStore.Incoming(
                eventId: event.eventId, projectId: event.projectId, sequence: event.sequence, type: event._type.rawValue,
                payload: payloadText, invalidPayload: event.payload.value["invalid"] as? Bool == true)
        }
        var acknowledgements = try await store.process(incoming, now: clock.now())
        if Double.random(in: 0..<1) < faults.duplicateAckRate, let first = acknowledgements.first {
            acknowledgements.insert(first, at: 0)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        acknowledgements: acknowledgements.map { ack in
                            .init(
                                eventId: ack.eventId,
                                status: ack.status == .accepted ? .accepted : ack.status == .duplicate ? .duplicate : .rejected,
                                reason: ack.reason)
                        }))))
    }

    func getAcknowledged(_ input: Operations.GetAcknowledged.Input) async throws -> Operations.GetAcknowledged.Output {
        let (last, count) = try await store.acknowledged(projectId: input.path.projectId)
        return .ok(.init(body: .json(.init(projectId: input.path.projectId, lastSequence: last, count: count))))
    }

    func reconcile(_ input: Operations.Reconcile.Input) async throws -> Operations.Reconcile.Output {
        let limit = min(max(input.query.limit ?? 500, 1), 1000)
        let projects = try await store.projects(after: input.query.after, limit: limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        projects: projects.map { .init(projectId: $0.projectId, lastSequence: $0.lastSequence, count: $0.count) },
                        next: projects.count == limit ? projects.last?.projectId : nil))))
    }
}

/// Rejects (401) any request whose signature, key, digest or timestamp does not check out.
struct SignatureCheckMiddleware: ServerMiddleware {
    let secrets: [String: [UInt8]]
    let clock: any Clock

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let bytes: [UInt8] = if let body { try await [UInt8](collecting: body, upTo: 32 * 1024 * 1024) } else { [] }
        let problem = RequestSignature.verify(
            method: request.method.rawValue, path: request.path ?? "/",
            headers: { name in request.headerFields[HTTPField.Name(name)!] }, body: bytes, secrets: secrets, now: clock.now())
        if let problem {
            let text = "{\"code\":\"unauthorized\",\"message\":\"\(problem.description)\"}"
            var response = HTTPResponse(status: .unauthorized)
            response.headerFields[.contentType] = "application/json"
            return (response, HTTPBody(text))
        }
        return try await next(request, body == nil ? nil : HTTPBody(bytes), metadata)
    }
}

/// Injects the configured failures around the real handler.
struct FaultMiddleware: ServerMiddleware {
    let faults: NationalMockFaults

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if faults.latency > .zero { try await Task.sleep(for: faults.latency) }
        guard operationID == "submitEvents" else { return try await next(request, body, metadata) }
        if faults.outage.isDown { return Self.unavailable() }
        let roll = Double.random(in: 0..<1)
        if roll < faults.dropRate { return Self.dropped() }
        let roll2 = roll - faults.dropRate
        if roll2 < faults.errorRate { return Self.unavailable() }
        if roll2 < faults.errorRate + faults.timeoutRate {
            try await Task.sleep(for: faults.timeoutHold)
            return Self.unavailable()
        }
        let result = try await next(request, body, metadata)
        if roll2 < faults.errorRate + faults.timeoutRate + faults.lostResponseRate { return Self.unavailable() }
        return result
    }

    struct DroppedConnection: Error {}

    /// A 200 whose body breaks off: the server closes the connection mid-response.
    static func dropped() -> (HTTPResponse, HTTPBody?) {
        let broken = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            continuation.yield(ArraySlice("{\"acknowledgements\":[".utf8))
            continuation.finish(throwing: DroppedConnection())
        }
        var response = HTTPResponse(status: .ok)
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(broken, length: .unknown, iterationBehavior: .single))
    }

    static func unavailable() -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .serviceUnavailable)
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody("{\"code\":\"unavailable\",\"message\":\"injected fault\"}"))
    }
}
