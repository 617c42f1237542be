// The requests being answered right now, so that a stop (SIGTERM, SIGINT) lets them
// finish: the server stops taking connections and waits for its open ones (Vapor's
// quiescing, with Loket's time limit), but a handler can still run after its connection
// was closed; the entry point waits for this count to reach zero before it closes the
// database pools, which a running handler would otherwise find gone. Also a gauge on /metrics.

import Metrics
import NIOConcurrencyHelpers
import Vapor

final class InFlightRequests: AsyncMiddleware, Sendable {
    private let count = NIOLockedValueBox(0)
    private let gauge = Gauge(label: "loket_http_requests_in_flight")

    var current: Int { count.withLockedValue { $0 } }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        gauge.record(count.withLockedValue { $0 += 1; return $0 })
        defer { gauge.record(count.withLockedValue { $0 -= 1; return $0 }) }
        return try await next.respond(to: req)
    }

    /// Waits until no request is in flight or `deadline` passes; true when none is left.
    func drained(before deadline: ContinuousClock.Instant) async -> Bool {
        while current > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }
}

struct InFlightRequestsKey: StorageKey {
    typealias Value = InFlightRequests
}

extension Application {
    /// The requests in flight (configure installs the middleware first).
    public var inFlightRequests: InFlightRequestsView { InFlightRequestsView(requests: storage[InFlightRequestsKey.self]) }
}

/// What the entry point sees of the count.
public struct InFlightRequestsView: Sendable {
    let requests: InFlightRequests?

    public var current: Int { requests?.current ?? 0 }

    public func drained(before deadline: ContinuousClock.Instant) async -> Bool {
        await requests?.drained(before: deadline) ?? true
    }
}
