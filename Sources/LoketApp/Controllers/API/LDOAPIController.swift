// The LDO API, the same code paths as `loket ldo …` and the web wizard. A token of one
// practice sees only that practice.
// GET  /api/v1/ldo/check?practice=ID[&on=YYYY-MM-DD]       the check (same JSON as the CLI)
// POST /api/v1/ldo/deliveries?practice=ID[&on=YYYY-MM-DD]  makes the delivery into the PVM folder (201)
// GET  /api/v1/ldo/deliveries[?practice=ID]                the deliveries, newest first
// POST /api/v1/ldo/deliveries/:id/report                   a processing report (body: the file)
// GET  /api/v1/ldo/deliveries/:id/report                   the processing report taken in

import Fluent
import LoketCore
import Vapor

struct LDOAPIController {
    func check(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (practice, date) = try await Self.target(req, caller)
        let report: LDOCheckReport.Report
        do {
            report = try await LDOCheckRun.run(practice: practice, deliveryDate: date, in: req.useCase(caller))
        } catch let refusal as LDOCheckReport.NotOptedIn {
            throw LoketError.conflict(refusal.description)
        }
        return try Self.json(LDOCheckReport.json(report), status: .ok)
    }

    func deliver(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (practice, date) = try await Self.target(req, caller)
        do {
            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: date, in: req.useCase(caller))
            return try Self.json(LoketJSON.data(try await DeliveryFiles.summaries([d], on: req.database)[0]), status: .created)
        } catch let failure as LDOMonthlyDelivery.Failure {
            throw LoketError.conflict("no delivery made: \(failure.description)")
        } catch let notWritten as LDOMonthlyDelivery.FileNotWritten {
            // Made and recorded; the file follows on the next run. The client learns both.
            return try Self.json(LoketJSON.data(try await DeliveryFiles.summaries([notWritten.delivery], on: req.database)[0]), status: .accepted)
        }
    }

    func list(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let query = LDODelivery.query(on: req.database).sort(\.$madeAt, .descending)
        if let p = try caller.listed(practice: req.query[String.self, at: "practice"]) { query.filter(\.$practiceID == p) }
        let list = try await DeliveryFiles.summaries(try await query.all(), on: req.database)
        return try Self.json(LoketJSON.data(["deliveries": list]), status: .ok)
    }

    func takeReport(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (d, practice) = try await Self.delivery(req, caller)
        guard let body = req.body.data, body.readableBytes > 0 else { throw LoketError.badRequest("the body must be the processing report") }
        do {
            let taken = try await LDOReportIntake.takeIn(Array(body.readableBytesView), practice: practice, delivery: d,
                                                         in: req.useCase(caller))
            return try Self.json(LoketJSON.data(LDODeliverySummary(taken)), status: .ok)
        } catch let failure as LDOReportIntake.Failure {
            throw LoketError(status: .unprocessableEntity, reason: failure.description)
        }
    }

    func report(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        let (d, _) = try await Self.delivery(req, caller)
        guard let report = d.report else { throw LoketError.notFound("no processing report for this delivery yet") }
        try await req.useCase(caller).audit(.ldoView, practice: d.practiceID, detail: "\(d.id!) report download")
        let response = Response(status: .ok, body: .init(data: report))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        return response
    }

    private static func json(_ data: Data, status: HTTPStatus) throws -> Response {
        let response = Response(status: status, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    /// The practice and delivery date of the query; scope checked before the lookup.
    private static func target(_ req: Request, _ caller: APICaller) async throws -> (Practice, LocalDate) {
        guard let id = req.query[String.self, at: "practice"], !id.isEmpty else { throw LoketError.badRequest("practice is required") }
        var date = req.dependencies.clock.today
        if let text = req.query[String.self, at: "on"] {
            switch LocalDate.input(text) {
            case .date(let d): date = d
            case .notADate: throw LoketError.badRequest("on: not a date (YYYY-MM-DD): \(text.prefix(40))")
            case .outOfRange:
                throw LoketError.badRequest("on: \(text) lies outside the years \(LocalDate.supportedYears.lowerBound)–\(LocalDate.supportedYears.upperBound)")
            }
        }
        return (try await caller.practice(id, on: req.database), date)
    }

    private static func delivery(_ req: Request, _ caller: APICaller) async throws -> (LDODelivery, Practice) {
        guard let id = req.parameters.get("deliveryID"), let d = try await LDODelivery.find(id, on: req.database),
              caller.mayAccess(practice: d.practiceID), let practice = try await Practice.find(d.practiceID, on: req.database)
        else { throw LoketError.notFound("no LDO delivery with this id") }
        return (d, practice)
    }
}
