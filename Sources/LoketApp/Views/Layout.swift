// What every signed-in page's frame shows: who is signed in, their practices, the
// sign-out form (with its CSRF token). Each page model carries one.

import Fluent
import Vapor

struct Layout: Encodable {
    struct PracticeLink: Encodable {
        var id: String
        var name: String
        var href: String
    }

    var userName: String
    var csrf: String
    var practices: [PracticeLink]
    var signOut = Paths.signOut

    static func make(for req: Request) async throws -> Layout {
        let user = try req.currentUser
        return Layout(userName: user.name, csrf: CSRF.token(for: req),
                      practices: user.practices.map { .init(id: $0.id, name: $0.name, href: Paths.practice($0.id)) })
    }
}

/// A choice in a select list.
struct SelectOption: Encodable, Sendable {
    var value: String
    var label: String
}
