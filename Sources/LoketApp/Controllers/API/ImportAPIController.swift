// POST /api/v1/import: the same import as `loket import`, for integrators. 200 with the
// counts, or 422 with every error and its JSON path; nothing is written on error. The body
// streams to a temporary file (at most 1 GB, else 413) and is parsed from there.

import LoketCore
import Vapor

struct ImportAPIController {
    struct ErrorBody: Content {
        var error: String
        var errors: [Item]
        struct Item: Content { var path: String; var message: String }
    }

    func importDocument(_ req: Request) async throws -> Response {
        let caller = try req.apiCaller
        // The body goes to a temporary file as it arrives (UploadedDocument), not into
        // memory: a document may be a gigabyte.
        let upload = try UploadedDocument()
        defer { upload.remove() }
        do {
            for try await chunk in req.body { try upload.append(chunk) }
        } catch is UploadedDocument.TooLarge {
            throw Abort(.payloadTooLarge, reason: "the document is larger than 1 GB; send it in parts or use loket import")
        }
        upload.finish()
        guard upload.size > 0 else {
            throw LoketError.badRequest("the request has no body; send an exchange document (application/json)")
        }
        do {
            let summary = try await ExchangeImport.run(file: upload.path, on: req.database, actor: caller.actor,
                                                       address: req.clientAddress, practiceScope: caller.practiceScope)
            await req.application.dashboardCache.invalidateAll()
            return try await summary.encodeResponse(status: .ok, for: req)
        } catch let errors as ExchangeErrors {
            let body = ErrorBody(error: "import rejected, nothing was changed",
                                 errors: errors.errors.map { .init(path: $0.path, message: $0.message) })
            return try await body.encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
