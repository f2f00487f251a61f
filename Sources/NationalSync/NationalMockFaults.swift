import Foundation

/// Failures the mock national endpoint injects, each a probability per request (0…1): what a
/// government network does to a relay.
public struct NationalMockFaults: Sendable {
    /// Answer 503 without processing.
    public var errorRate: Double = 0
    /// Hold the request past the client's timeout, then answer 503 without processing.
    public var timeoutRate: Double = 0
    /// Added to every response: a real delay, as a distant endpoint's round trip
    /// (`smepilot bench sync --endpoint-delay-ms`).
    public var latency: Duration = .zero
    /// Process the batch, then answer 503 as if the response were lost on the way back.
    public var lostResponseRate: Double = 0
    /// Repeat some acknowledgements in the response list.
    public var duplicateAckRate: Double = 0
    /// Drop the connection: the status line goes out, then the body breaks off (nothing processed).
    public var dropRate: Double = 0
    /// How long a "timeout" holds the request.
    public var timeoutHold: Duration = .seconds(3)
    /// While down, every batch is refused (503).
    public var outage = NationalMockOutage()

    public init() {}

    /// Splits one total fault rate evenly over every kind (the tests' "20% faults of every kind").
    public static func mixed(total: Double, timeoutHold: Duration = .seconds(3)) -> NationalMockFaults {
        var faults = NationalMockFaults()
        faults.errorRate = total / 5
        faults.timeoutRate = total / 5
        faults.lostResponseRate = total / 5
        faults.duplicateAckRate = total / 5
        faults.dropRate = total / 5
        faults.timeoutHold = timeoutHold
        return faults
    }
}
