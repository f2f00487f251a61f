import AsyncHTTPClient
import Foundation
import NIOCore

/// Times GET requests to the application over loopback HTTP, one after another, as a leader
/// opening the dashboard would: each from sending the request to the last byte of the body.
struct DashboardBenchProbe {
    let client: HTTPClient
    let port: Int

    enum Outcome {
        /// The route does not exist (yet): the status it answered.
        case unavailable(status: UInt)
        case measured(Measurement)
    }

    struct Measurement {
        /// Milliseconds, sorted; percentiles as `BenchRunner` computes them.
        var timings: BenchRunner
        var bytes: Int
        /// Responses that were not 200 or failed the content check, with the first reason.
        var failures: Int
        var firstFailure: String?
    }

    /// `warmUp` untimed requests, then `count` timed ones. `check` looks at each 200 response's
    /// body and says what is wrong with it, if anything. A 404 on the first request means the
    /// route is not there: reported, not measured.
    func measure(
        path: String, headers: [(String, String)], count: Int, warmUp: Int, check: (String) -> String?
    ) async throws -> Outcome {
        var latencies: [Double] = []
        var bytes = 0
        var failures = 0
        var firstFailure: String?
        for index in 0..<(warmUp + count) {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let begin = ContinuousClock.now
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 256 << 20)
            let elapsed = (ContinuousClock.now - begin).milliseconds
            if index == 0 && response.status.code == 404 { return .unavailable(status: 404) }
            let problem =
                response.status.code == 200
                ? check(String(buffer: body)) : "status \(response.status.code): \(String(buffer: body).prefix(200))"
            if index < warmUp {
                if let problem { throw FailureMessage("GET \(path) during warm-up: \(problem)") }
                continue
            }
            latencies.append(elapsed)
            bytes = body.readableBytes
            if let problem {
                failures += 1
                firstFailure = firstFailure ?? problem
            }
        }
        let seconds = latencies.reduce(0, +) / 1000
        return .measured(
            Measurement(
                timings: BenchRunner(seconds: seconds, latencies: latencies.sorted()), bytes: bytes, failures: failures,
                firstFailure: firstFailure))
    }

    /// The figure in the "current" column of a target's row on the dashboard page
    /// (`<tr data-target="key">…<td class="num">3,104</td>`), digits only.
    static func pageFigure(_ html: String, target key: String) -> Int? {
        guard let row = html.range(of: "data-target=\"\(key)\""),
            let cell = html.range(of: "<td class=\"num\">", range: row.upperBound..<html.endIndex),
            let end = html.range(of: "</td>", range: cell.upperBound..<html.endIndex)
        else { return nil }
        return Int(html[cell.upperBound..<end.lowerBound].filter(\.isNumber))
    }

    /// A target's `current` in the API's JSON (`{"targets": [{"key": "level3", "current": 812, …}]}`).
    static func apiFigure(_ json: String, target key: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let targets = object["targets"] as? [[String: Any]],
            let target = targets.first(where: { $0["key"] as? String == key })
        else { return nil }
        return (target["current"] as? NSNumber)?.intValue
    }

    static func report(_ label: String, _ outcome: Outcome, goal: Double) {
        switch outcome {
        case .unavailable(let status):
            print("\(label): not available (\(status))")
        case .measured(let result):
            let timings = result.timings
            print(
                "\(label): "
                    + String(
                        format:
                            "p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (p99 ÷ %.0f ms goal = %.2f)  %d requests, %.1f KB each",
                        timings.percentile(0.5), timings.percentile(0.95), timings.percentile(0.99),
                        timings.latencies.last ?? 0, goal, timings.percentile(0.99) / goal, timings.latencies.count,
                        Double(result.bytes) / 1024))
            if result.failures > 0 {
                print("  \(result.failures) responses FAILED the check; first: \(result.firstFailure ?? "")")
            }
        }
    }
}
