// GET /api/v1/ldo/check?practice=ID[&on=YYYY-MM-DD]: the LDO check, the same JSON as
// `loket ldo check`. A token of one practice sees only that practice.

import LoketCore
import Vapor

struct LDOAPIController {
    func check(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        guard let id = req.query[String.self, at: "practice"], !id.isEmpty else {
            throw LoketError.badRequest("practice is required")
        }
        var date = LocalDate.today
        if let text = req.query[String.self, at: "on"] {
            guard let d = LocalDate(iso: text) else { throw LoketError.badRequest("on: not a date (YYYY-MM-DD): \(text)") }
            date = d
        }
        guard caller.mayAccess(practice: id) else { throw LoketError.forbidden("practice \(id) is outside this token's practice") }
        guard let practice = try await Practice.find(id, on: req.db) else { throw LoketError.notFound("no practice with id \(id)") }
        let report: LDOCheckReport.Report
        do {
            report = try await LDOCheckReport.run(on: req.db, practice: practice, deliveryDate: date)
        } catch let refusal as LDOCheckReport.NotOptedIn {
            throw LoketError(status: .conflict, reason: refusal.description)
        }
        try await AuditChain.append(AuditEvent(actor: caller.actor, practiceID: id, action: .ldoCheck, patientID: nil,
                                               detail: LDOCheckReport.auditDetail(report), address: req.clientAddress), on: req.db)
        let response = Response(status: .ok, body: .init(data: try LDOCheckReport.json(report)))
        response.headers.contentType = .json
        return response
    }
}
