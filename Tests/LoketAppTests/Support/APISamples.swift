// Records the JSON API's answers in the app tests, for scripts/openapi-check: with
// LOKET_API_SAMPLES_DIR set, every /api/v1 response a test gets (errors included) is written
// to that folder as one JSON file {"method", "route", "status", "contentType", "body"}, the
// route as the OpenAPI document names it (/api/v1/cbs/deliveries/{deliveryID}/file) and the
// body parsed (null when it is not JSON). Without the variable nothing is installed.

import Foundation
import Vapor

enum APISamples {
    static var directory: String? {
        guard let dir = ProcessInfo.processInfo.environment["LOKET_API_SAMPLES_DIR"], !dir.isEmpty else { return nil }
        return dir
    }

    /// Installs the recorder first in the chain, outside LoketErrorMiddleware, so that it
    /// sees error answers as the client gets them.
    static func install(on app: Application) {
        guard let directory else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        app.middleware.use(Recorder(directory: directory), at: .beginning)
    }

    struct Recorder: AsyncMiddleware {
        let directory: String

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let response = try await next.respond(to: request)
            // The router sets the route before the middleware runs; no route (a 404 of the
            // router) is no operation of the document.
            guard request.url.path.hasPrefix("/api/v1/"), let route = request.route else { return response }
            let template = "/" + route.path.map { component -> String in
                switch component {
                case .constant(let s): s
                case .parameter(let name): "{\(name)}"
                case .anything: "*"
                case .catchall: "**"
                }
            }.joined(separator: "/")
            // A streamed body (the CBS control) is read whole and handed on as a buffer.
            var bytes = response.body.buffer
            if bytes == nil, ["<stream>", "<async stream>"].contains(response.body.description) {
                if let collected = try await response.body.collect(on: request.eventLoop).get() {
                    bytes = collected
                    response.body = .init(buffer: collected)
                }
            }
            let data = bytes.map { Data($0.readableBytesView) } ?? Data()
            let contentType = response.headers.first(name: .contentType)
            var body: Any = NSNull()
            if let contentType, contentType.lowercased().hasPrefix("application/json"), !data.isEmpty {
                body = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) ?? NSNull()
            }
            let sample: [String: Any] = [
                "method": request.method.rawValue,
                "route": template,
                "path": request.url.path,
                "status": Int(response.status.code),
                "contentType": contentType.map { $0 as Any } ?? NSNull(),
                "body": body,
                "bodyBytes": data.count,
            ]
            if let out = try? JSONSerialization.data(withJSONObject: sample, options: [.sortedKeys]) {
                let name = "\(request.method.rawValue.lowercased())-\(UUID().uuidString.lowercased()).json"
                try? out.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
            return response
        }
    }
}
