import Hummingbird
import Metrics
import NIOConcurrencyHelpers
import Prometheus

/// Prometheus metrics at /metrics. swift-metrics can be bootstrapped once per process, so the
/// registry is made once and shared by every application built in the process (tests build many).
public struct MetricsEndpoint: Sendable {
    let registry: PrometheusCollectorRegistry

    private static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    public init() { registry = Self.shared }

    func response() -> Response {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: .init(bytes: buffer)))
    }
}
