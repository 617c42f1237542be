// GET /api/v1/openapi.json: the API's contract (Resources/OpenAPI/openapi.json, built into
// the binary). No token is needed for the document itself: it describes, it holds no data.

import Vapor

struct OpenAPIController {
    let bytes = ByteBuffer(bytes: EmbeddedResources.data("Resources/OpenAPI/openapi.json") ?? Data("{}".utf8))

    func document(_ req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: bytes))
    }
}
