// The control overview as a streamed HTTP response (the API's JSON, the page's CSV and
// .xlsx downloads): rows go out as the query yields them, so a practice of any size is
// answered in constant memory. The control is listed and audited once the last row is out.

import Foundation
import LoketCore
import Vapor

enum CBSControlStream {
    static func response(_ req: Request, _ format: CBSControlReport.ExportFormat, practice: Practice, period: HalfYear,
                         actor: String, download: Bool = false) async throws -> Response {
        let db = req.db, address = req.clientAddress, logger = req.logger
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            do {
                let counts = try await CBSControlReport.export(format, on: db, practice: practice, period: period) { data in
                    try await writer.write(.buffer(ByteBuffer(data: data)))
                }
                try await CBSDeliveries.recordControl(practice: practice.id!, period: period, counts: counts, actor: actor, on: db)
                try await AuditChain.append(AuditEvent(
                    actor: actor, practiceID: practice.id, action: .cbsControl, patientID: nil,
                    detail: CBSControlReport.auditDetail(period, counts, format: format.rawValue), address: address), on: db)
                try await writer.write(.end)
            } catch {
                // Headers are gone: the client sees a cut-off body, the log says why.
                logger.error("CBS control stream failed: \(String(reflecting: error))")
                try await writer.write(.error(error))
            }
        }))
        switch format {
        case .json: response.headers.contentType = .json
        case .csv: response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        case .xlsx: response.headers.contentType = CBSFileFormat.xlsx.mediaType
        }
        if download {
            response.headers.replaceOrAdd(name: .contentDisposition, value:
                "attachment; filename=\"\(CBSControlReport.fileName(practice: practice.id!, period: period, format: format))\"")
        }
        return response
    }
}
