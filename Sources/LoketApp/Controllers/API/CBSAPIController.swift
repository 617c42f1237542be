// The CBS API, the same code paths as `loket cbs …` and the web page:
// GET  /api/v1/cbs/control?practice=ID&year=YYYY&period=1|2   the control overview (JSON), a view
// POST /api/v1/cbs/control?practice=ID&year=YYYY&period=1|2   the same, recorded as a control made
// POST /api/v1/cbs/final?practice=ID&year=YYYY&period=1|2[&format=ascii|xlsx]
//                                                             the definitive delivery (201)
// GET  /api/v1/cbs/deliveries[?practice=ID]                   the deliveries made, newest first
// GET  /api/v1/cbs/deliveries/:id/file                        a definitive delivery's file
// POST /api/v1/cbs/deliveries/:id/withdraw?reason=TEXT         withdraws a definitive delivery
// GET  /api/v1/cbs/deliveries/:id/changes                     its records added, removed, changed

import Fluent
import LoketCore
import Vapor

struct CBSAPIController {
    func control(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (practice, period) = try await Self.target(req, caller)
        return try await CBSControlStream.response(req, .json, practice: practice, period: period, context: req.useCase(caller))
    }

    func makeControl(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (practice, period) = try await Self.target(req, caller)
        let (made, _) = try await CBSControlRun.make(practice: practice, period: period, in: req.useCase(caller))
        return try await CBSControlStream.response(req, .json, practice: practice, period: period, context: req.useCase(caller),
                                                   control: made, justMade: true)
    }

    func final(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (practice, period) = try await Self.target(req, caller)
        let formatText = req.query[String.self, at: "format"] ?? "ascii"
        guard let format = CBSFileFormat(rawValue: formatText) else {
            throw LoketError.badRequest("the query parameter format must be ascii or xlsx")
        }
        let d: CBSDelivery
        do {
            d = try await CBSFinalDelivery.make(practice: practice, period: period, format: format, in: req.useCase(caller))
        } catch let failure as CBSFinalDelivery.Failure {
            throw LoketError.conflict("no delivery made: \(failure.description)")
        }
        let response = Response(status: .created, body: .init(data: try LoketJSON.data(CBSDeliverySummary(d))))
        response.headers.contentType = .json
        return response
    }

    func deliveries(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let query = CBSDelivery.query(on: req.database).sort(\.$madeAt, .descending)
        if let p = try caller.listed(practice: req.query[String.self, at: "practice"]) { query.filter(\.$practiceID == p) }
        let list = try await DeliveryFiles.summaries(try await query.all(), on: req.database)
        let response = Response(status: .ok, body: .init(data: try LoketJSON.data(["deliveries": list])))
        response.headers.contentType = .json
        return response
    }

    func file(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database),
              caller.mayAccess(practice: d.practiceID), let file = d.file
        else { throw LoketError.notFound("no definitive CBS delivery with this id") }
        try await req.useCase(caller).audit(.cbsDownload, practice: d.practiceID, detail: id)
        let response = Response(status: .ok, body: .init(data: file))
        response.headers.contentType = (d.format.flatMap(CBSFileFormat.init) ?? .ascii).mediaType
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(d.fileName ?? "cbs.txt")\"")
        return response
    }

    func changes(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database),
              caller.mayAccess(practice: d.practiceID), d.isFinal
        else { throw LoketError.notFound("no definitive CBS delivery with this id") }
        let result: CBSFinalChanges.Result
        do {
            result = try await CBSFinalChanges.view(id, practice: d.practiceID, in: req.useCase(caller))
        } catch let failure as CBSFinalChanges.Failure {
            throw LoketError.conflict("not compared: \(failure.description)")
        }
        let response = Response(status: .ok, body: .init(data: try LoketJSON.data(CBSChangesSummary(result))))
        response.headers.contentType = .json
        return response
    }

    func withdraw(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database),
              caller.mayAccess(practice: d.practiceID), let practice = try await Practice.find(d.practiceID, on: req.database)
        else { throw LoketError.notFound("no CBS delivery with this id") }
        let withdrawn: CBSDelivery
        do {
            withdrawn = try await CBSFinalWithdrawal.withdraw(id, practice: practice, reason: req.query[String.self, at: "reason"] ?? "",
                                                              in: req.useCase(caller))
        } catch let failure as CBSFinalWithdrawal.Failure {
            throw LoketError.conflict("not withdrawn: \(failure.description)")
        }
        let response = Response(status: .ok, body: .init(data: try LoketJSON.data(CBSDeliverySummary(withdrawn))))
        response.headers.contentType = .json
        return response
    }

    /// The practice and half year of the query, checked against the token's scope.
    private static func target(_ req: Request, _ caller: APICaller) async throws -> (Practice, HalfYear) {
        guard let practiceID = req.query[String.self, at: "practice"], !practiceID.isEmpty else {
            throw LoketError.badRequest("the query parameter practice (a practice id) is required")
        }
        let period: HalfYear
        switch CBSControlReport.halfYear(year: req.query[String.self, at: "year"], half: req.query[String.self, at: "period"]) {
        case .success(let p): period = p
        case .failure(.year): throw LoketError.badRequest("the query parameter year must be a year of four digits, e.g. 2026")
        case .failure(.half): throw LoketError.badRequest("the query parameter period must be 1 (January–June) or 2 (July–December)")
        }
        return (try await caller.practice(practiceID, on: req.database), period)
    }
}
