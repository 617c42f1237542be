// GET /metrics: Prometheus text for the operator's monitoring (LoketMetrics, and the
// database's connections by state: DatabaseConnections). It holds
// counts and durations only, no patient data, and needs no sign-in, as scrapers expect;
// docs/deployment.md keeps it off the public side of the reverse proxy.

import SQLKit
import Vapor

struct MetricsController {
    let poolSize: Int

    func metrics(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        var body = LoketMetrics.exposition()
        // The pool's size is configuration, written here rather than as a registered gauge
        // so that a test process with many apps reports its own.
        body += Array("""
            # TYPE loket_database_pool_connections gauge
            loket_database_pool_connections \(poolSize)

            """.utf8)
        // The database's own view of its connections (PostgreSQL); a database that does not
        // answer leaves these lines out rather than the whole page.
        if let states = try? await DatabaseConnections.byState(on: req.database as! any SQLDatabase), !states.isEmpty {
            body += Array("# TYPE loket_database_connections gauge\n".utf8)
            for s in states {
                let label = s.state.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "")
                body += Array("loket_database_connections{state=\"\(label)\"} \(s.count)\n".utf8)
            }
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: body)))
    }
}
