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
    var passwordHref = Paths.password
    var twoFactorHref = Paths.twoFactor

    static func make(for req: Request) async throws -> Layout {
        let user = try req.currentUser
        return Layout(userName: user.name, csrf: CSRF.token(for: req),
                      practices: user.practices.map { .init(id: $0.id, name: $0.name, href: Paths.practice($0.id)) })
    }
}

/// A choice in a select list. `selected` is decided here, not in the template: Leaf's
/// `#if(form.x == o.value)` on every option of every list was a third of the episode page.
struct SelectOption: Encodable, Sendable {
    var value: String
    var label: String
    var selected = false
}

extension Array where Element == SelectOption {
    /// The same options with the one of `value` selected.
    func selecting(_ value: String?) -> [SelectOption] {
        map { var option = $0; option.selected = option.value == value; return option }
    }
}
