// A signed-in browser for Vapor's testing: keeps the session cookie and the CSRF token,
// and sends forms the way a browser does (application/x-www-form-urlencoded).

import Foundation
@testable import LoketApp
import Testing
import Vapor
import VaporTesting

final class WebSession: @unchecked Sendable {
    let app: Application
    var cookie: String?
    var csrf = ""

    init(_ app: Application) { self.app = app }

    /// Loads the sign-in page (for its session and token) and signs in; returns the answer.
    @discardableResult
    func signIn(_ email: String, _ password: String = testPassword) async throws -> TestingHTTPResponse {
        _ = try await get("/aanmelden")
        return try await post("/aanmelden", ["email": email, "password": password, "terug": "/"])
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(res)
        return res
    }

    /// Posts a form; the session's CSRF token is added unless `csrf` is false.
    func post(_ path: String, _ fields: [String: String], csrf sendToken: Bool = true) async throws -> TestingHTTPResponse {
        var fields = fields
        if sendToken { fields["csrf"] = csrf }
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let body = fields.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    /// Posts a form with one file, as multipart/form-data (an upload).
    func postFile(_ path: String, field: String, fileName: String, contents: String) async throws -> TestingHTTPResponse {
        let boundary = "loket-test-boundary"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
        body += "Content-Type: text/plain\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    private func remember(_ res: TestingHTTPResponse) {
        if let set = res.headers[.setCookie].first(where: { $0.hasPrefix("loket_session=") }) {
            let value = String(set.split(separator: ";")[0])
            // An expired (deleted) session comes back as an empty value.
            cookie = value == "loket_session=" || set.contains("Max-Age=0") || set.lowercased().contains("expires=thu, 01 jan 1970")
                ? nil : value
        }
        let html = res.body.string
        if let r = html.range(of: #"name="csrf" value=""#) {
            csrf = String(html[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

let testPassword = "een-lang-wachtwoord"

/// The sample data with four users: a behandelaar, an administratie and a beheerder of
/// practice p1, and a behandelaar of p2.
func withPeople(_ kind: TestDatabase, _ body: (Application) async throws -> Void) async throws {
    try await withApp(kind) { (app: Application) async throws in
        _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
        for (email, practice, role) in [("alice@p1.test", "p1", Role.behandelaar), ("carol@p1.test", "p1", .administratie),
                                        ("dave@p1.test", "p1", .beheerder), ("bob@p2.test", "p2", .behandelaar)] {
            try await Accounts.add(email: email, name: email.components(separatedBy: "@")[0].capitalized, password: testPassword,
                                   practice: practice, role: role, actor: "test", on: app)
        }
        try await body(app)
    }
}
