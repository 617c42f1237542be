// The control overview as a streamed HTTP response (the API's JSON, the page's CSV and
// .xlsx downloads): rows go out as the query yields them, so a practice of any size is
// answered in constant memory. `control`: a stored control, streamed from its rows (a view of
// it, audited, unless it is the answer to the POST that just made it); without one, the
// overview as the data is now, a view, audited.

import Foundation
import LoketCore
import Vapor

enum CBSControlStream {
    static func response(_ req: Request, _ format: CBSControlReport.ExportFormat, practice: Practice, period: HalfYear,
                         context: UseCaseContext, control stored: CBSDelivery? = nil, justMade: Bool = false,
                         download: Bool = false) async throws -> Response {
        let logger = req.logger
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            do {
                let write: (Data) async throws -> Void = { try await writer.write(.buffer(ByteBuffer(data: $0))) }
                if let stored {
                    try await CBSControlRun.export(stored, format: format, audited: !justMade, write: write, in: context)
                } else {
                    try await CBSControlRun.view(practice: practice, period: period, format: format, write: write, in: context)
                }
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
