// The static files of Public/ (CSS, JS, the icon), served from the binary: the
// EmbedResources plugin builds them in, so a server copied without the checkout still has
// its look. Each file carries an ETag (a hash of its bytes) so a browser asks again
// cheaply; anything else goes on to the router, which answers an unknown path with the
// Dutch 404. Long or odd paths never reach a file system.

import Crypto
import Vapor

struct StaticFilesMiddleware: AsyncMiddleware {
    struct File: Sendable {
        let bytes: ByteBuffer
        let contentType: HTTPMediaType
        let etag: String
    }

    /// URL path ("/css/loket.css") to its file.
    let files: [String: File]

    init() {
        var files: [String: File] = [:]
        let folder = "Public/"
        for path in EmbeddedResources.paths(under: folder) {
            guard let data = EmbeddedResources.data(path) else { continue }
            let name = String(path.dropFirst(folder.count))
            let ext = name.split(separator: ".").last.map(String.init) ?? ""
            let digest = SHA256.hash(data: data).prefix(12).hex
            files["/" + name] = File(bytes: ByteBuffer(bytes: data),
                                     contentType: HTTPMediaType.fileExtension(ext) ?? .binary,
                                     etag: "\"\(digest)\"")
        }
        self.files = files
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method == .GET || req.method == .HEAD, let file = files[req.url.path] else {
            return try await next.respond(to: req)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: file.etag)
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        if req.headers.first(name: .ifNoneMatch) == file.etag {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = file.contentType
        return Response(status: .ok, headers: headers, body: .init(buffer: file.bytes))
    }
}
