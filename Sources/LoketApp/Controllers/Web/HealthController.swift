// GET /health: for load balancers. 200 when the database answers, 503 when it does not.

import Vapor

struct HealthController {
    struct Health: Content { var status: String }

    func health(_ req: Request) async throws -> Response {
        do {
            try await DatabaseCheck.ping(req.database)
            return try await Health(status: "ok").encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("health: database does not answer")
            return try await Health(status: "database unavailable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
