// Loket's metrics, in Prometheus text at GET /metrics (MetricsController), through
// swift-metrics: Vapor itself counts and times every request by route template, method and
// status (http_requests_total, http_request_duration_seconds); Loket adds its deliveries
// by registry, kind and result, with their durations, the requests in flight, the
// database pool's size and (PostgreSQL) the database's connections by state. No label ever carries a patient's data: routes are templates
// ("/praktijken/:practiceID/patienten/:patientID"), never the paths themselves.

import CoreMetrics
import Foundation
import Metrics
import NIOConcurrencyHelpers
import Prometheus

public enum LoketMetrics {
    /// The one registry of the process; MetricsSystem can be bootstrapped once per process.
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = NIOLockedValueBox(false)

    /// Sends swift-metrics to the registry (the entry point; the tests once per process).
    public static func bootstrap() {
        bootstrapped.withLockedValue { done in
            guard !done else { return }
            done = true
            var factory = PrometheusMetricsFactory(registry: registry)
            // A page answers in milliseconds, a delivery of a large practice in seconds.
            factory.defaultDurationHistogramBuckets = [
                .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
                .seconds(30), .seconds(60),
            ]
            MetricsSystem.bootstrap(factory)
        }
    }

    /// The text Prometheus scrapes.
    static func exposition() -> [UInt8] { registry.emitToBuffer() }
}

/// One delivery step, counted and timed as `loket_deliveries_total` and
/// `loket_delivery_duration_seconds` with registry (cbs, ldo), kind and result.
enum DeliveryMetrics {
    enum Step {
        case cbsControl, cbsFinal, ldoMonthly

        var dimensions: [(String, String)] {
            switch self {
            case .cbsControl: [("registry", "cbs"), ("kind", "control")]
            case .cbsFinal: [("registry", "cbs"), ("kind", "final")]
            case .ldoMonthly: [("registry", "ldo"), ("kind", "monthly")]
            }
        }
    }

    /// Runs `body`; its result is `made`, `refused` (a rule or a setting said no: nothing
    /// was recorded) or `failed` (anything else).
    static func measure<T>(_ step: Step, _ body: () async throws -> T) async throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        func record(_ result: String) {
            let dimensions = step.dimensions + [("result", result)]
            Counter(label: "loket_deliveries_total", dimensions: dimensions).increment()
            Metrics.Timer(label: "loket_delivery_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        do {
            let value = try await body()
            record("made")
            return value
        } catch let error as DeliveryRefused {
            record("refused")
            throw error
        } catch {
            record("failed")
            throw error
        }
    }
}
