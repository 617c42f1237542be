// GET /api/v1/cbs/control?practice=ID&year=YYYY&period=1|2: the control overview as JSON,
// the same report as `loket cbs control` and the web page.

import LoketCore
import Vapor

struct CBSAPIController {
    func control(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        guard let practiceID = req.query[String.self, at: "practice"], !practiceID.isEmpty else {
            throw LoketError.badRequest("the query parameter practice (a practice id) is required")
        }
        let period: HalfYear
        switch CBSControlReport.halfYear(year: req.query[String.self, at: "year"], half: req.query[String.self, at: "period"]) {
        case .success(let p): period = p
        case .failure(.year): throw LoketError.badRequest("the query parameter year must be a year of four digits, e.g. 2026")
        case .failure(.half): throw LoketError.badRequest("the query parameter period must be 1 (January–June) or 2 (July–December)")
        }
        // Scope before lookup: a token of one practice learns nothing about another's ids.
        guard caller.mayAccess(practice: practiceID) else {
            throw LoketError.forbidden("practice \(practiceID) is outside this token's practice")
        }
        guard let practice = try await Practice.find(practiceID, on: req.db) else {
            throw LoketError.notFound("no practice with id \(practiceID)")
        }
        let report = try await CBSControlReport.run(on: req.db, practice: practice, period: period)
        try await CBSDeliveries.recordControl(report, actor: caller.actor, on: req.db)
        try await AuditChain.append(AuditEvent(actor: caller.actor, practiceID: practice.id, action: .cbsControl, patientID: nil,
                                               detail: CBSControlReport.auditDetail(report, format: "json"),
                                               address: req.clientAddress), on: req.db)
        // Byte for byte what `loket cbs control` writes.
        let response = Response(status: .ok, body: .init(data: try CBSControlReport.json(report)))
        response.headers.contentType = .json
        return response
    }
}
