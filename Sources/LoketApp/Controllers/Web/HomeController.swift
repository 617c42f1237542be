// GET /: the start page with the practices and their counts.

import Vapor

struct HomeController {
    func index(_ req: Request) async throws -> View {
        let page = try await HomePage.query(on: req.db)
        return try await req.view.render("home", page)
    }
}
