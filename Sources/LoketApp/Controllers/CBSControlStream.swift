// The control overview as a streamed HTTP response (the API's JSON, the page's CSV and
// .xlsx downloads): rows go out as the query yields them, so a practice of any size is
// answered in constant memory. `record`: a control made on purpose (POST of the API), listed
// and audited once the last row is out; otherwise a view, audited.

import Foundation
import LoketCore
import Vapor

enum CBSControlStream {
    static func response(_ req: Request, _ format: CBSControlReport.ExportFormat, practice: Practice, period: HalfYear,
                         context: UseCaseContext, record: Bool = false, download: Bool = false) async throws -> Response {
        let logger = req.logger
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            do {
                let write: (Data) async throws -> Void = { try await writer.write(.buffer(ByteBuffer(data: $0))) }
                if record {
                    try await CBSControlRun.make(practice: practice, period: period, format: format, write: write, in: context)
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
