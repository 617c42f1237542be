// The static files of Public/ (Vapor's FileMiddleware), for paths the file system can hold.
// A path with a segment over 255 bytes made the file system answer "File name too long",
// which reached the visitor as a 500 before sign-in; such a path is no file of ours, so the
// router answers it (the Dutch 404).

import Vapor

struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = req.url.path
        guard path.utf8.count <= 1024, !path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) else {
            return try await next.respond(to: req)
        }
        return try await files.respond(to: req, chainingTo: next)
    }
}
