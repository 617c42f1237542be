// Turns every error into an answer: JSON (`{"error": …}`) under /api and for clients that
// ask for JSON, a Dutch error page otherwise. Unexpected errors are logged and answered
// with a generic message, so no internals (or patient data in a query) reach the client.

import Vapor

struct LoketErrorMiddleware: AsyncMiddleware {
    struct ErrorBody: Content { var error: String }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let reason: String
            if let abort = error as? any AbortError {
                status = abort.status
                reason = abort.reason
            } else {
                status = .internalServerError
                reason = "internal error"
                request.logger.report(error: error)
            }
            let wantsJSON = request.url.path.hasPrefix("/api/")
                || request.headers.accept.mediaTypes.contains(.json) && !request.headers.accept.mediaTypes.contains(.html)
            if wantsJSON {
                return try await ErrorBody(error: reason).encodeResponse(status: status, for: request)
            }
            // Our own errors carry a Dutch message; the framework's (a 404 from the router)
            // carry English reasons, so those get a Dutch text by status.
            let message = (error as? LoketError)?.reason ?? ErrorPage.message(for: status)
            let page = ErrorPage(status: Int(status.code), title: ErrorPage.title(for: status), message: message)
            let response = try await request.view.render("error", page).encodeResponse(for: request)
            response.status = status
            return response
        }
    }
}

struct ErrorPage: Encodable {
    var status: Int
    var title: String
    var message: String

    static func message(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 401: "Meld u aan om deze pagina te zien."
        case 403: "U hebt geen toegang tot deze pagina."
        case 404: "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de start."
        case 400..<500: "Het verzoek kon niet worden verwerkt."
        default: "Er ging iets mis. Probeer het later opnieuw."
        }
    }

    static func title(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 401: "Niet aangemeld"
        case 403: "Geen toegang"
        case 404: "Niet gevonden"
        case 400..<500: "Onjuist verzoek"
        default: "Fout"
        }
    }
}
