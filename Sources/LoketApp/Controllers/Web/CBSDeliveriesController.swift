// The CBS deliveries of a practice: making the definitive delivery from the control page
// and downloading its file. Both are audit log entries.

import Fluent
import LoketCore
import Vapor

struct CBSDeliveriesController {
    /// POST …/aanleveringen/cbs/definitief (jaar, periode, formaat): the definitive delivery.
    func makeFinal(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let year = try? req.content.get(String.self, at: "jaar"), half = try? req.content.get(String.self, at: "periode")
        guard case .success(let period) = CBSControlReport.halfYear(year: year, half: half) else {
            throw LoketError.badRequest("Kies een jaar en een periode.")
        }
        let formatText = (try? req.content.get(String.self, at: "formaat")) ?? CBSFileFormat.ascii.rawValue
        guard let format = CBSFileFormat(rawValue: formatText) else {
            throw LoketError.badRequest("Kies het ASCII-formaat of de standaard spreadsheet.")
        }
        let back = Paths.cbsControl(practice.id!) + "?jaar=\(period.year)&periode=\(period.half)"
        do {
            let d = try await CBSFinalDelivery.make(practice: practice, period: period, format: format, in: try req.useCase())
            return req.redirect(to: back + "&gemaakt=\(d.id!)")
        } catch let failure as CBSFinalDelivery.Failure {
            return req.redirect(to: back + "&fout=" + (failure.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
    }

    /// GET …/aanleveringen/cbs/:deliveryID/bestand: the definitive file, as uploaded to CBS.
    func download(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.db),
              d.practiceID == practice.id, let file = d.file else { throw LoketError.notFound("Aanlevering niet gevonden.") }
        try await req.useCase().audit(.cbsDownload, practice: practice.id, detail: id)
        let response = Response(status: .ok, body: .init(data: file))
        response.headers.contentType = (d.format.flatMap(CBSFileFormat.init) ?? .ascii).mediaType
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(d.fileName ?? "cbs.txt")\"")
        return response
    }

    /// The deliveries list of the control page, newest first.
    static func lines(practice: String, on db: any Database) async throws -> [CBSControlPage.DeliveryLine] {
        let deliveries = try await CBSDelivery.query(on: db).filter(\.$practiceID == practice)
            .sort(\.$madeAt, .descending).limit(50).all()
        let names = try await User.names(ofActors: deliveries.map(\.madeBy), on: db)
        return deliveries.map { d in
            CBSControlPage.DeliveryLine(
                id: d.id!, kind: d.isFinal ? "Definitief" : "Controle", period: "JH-\(d.half) \(d.year)",
                madeBy: names[d.madeBy] ?? d.madeBy, madeAt: AuditTime.dutch((d.madeAt)),
                rows: d.rows, deliverable: d.deliverableRows, records: d.isFinal ? String(d.records) : "",
                format: d.format.flatMap(CBSFileFormat.init).map { $0 == .xlsx ? "spreadsheet" : "ASCII" } ?? "",
                downloadHref: d.file == nil ? nil : Paths.cbsDownload(practice, d.id!))
        }
    }
}
