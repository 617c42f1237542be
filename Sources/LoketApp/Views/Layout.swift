// What every signed-in page's frame shows: who is signed in, their practices, the
// sign-out form (with its CSRF token). Each page model carries one.

import Fluent
import Foundation
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
    /// "← Terug": the page this one was opened from (`?terug=`, or the `terug` field of a
    /// form sent back with errors), e.g. step 2 of the LDO wizard.
    var back: String?

    static func make(for req: Request) async throws -> Layout {
        let user = try req.currentUser
        var raw = req.query[String.self, at: "terug"]
        if raw == nil, req.method == .POST, req.headers.contentType == .urlEncodedForm {
            raw = try? req.content.get(String.self, at: "terug")
        }
        return Layout(userName: user.name, csrf: CSRF.token(for: req),
                      practices: user.practices.map { .init(id: $0.id, name: $0.name, href: Paths.practice($0.id)) },
                      back: returnPath(raw))
    }

    /// A return path only when it stays on this site: the rule of the sign-in's `terug`
    /// (SignInController.safeReturn), so that a link cannot send a user to another site.
    static func returnPath(_ value: String?) -> String? {
        guard let value, !value.isEmpty, SignInController.safeReturn(value) == value else { return nil }
        return value
    }

    /// `path` with the `terug` field of the form `req` sent (a hidden field of the form)
    /// added, so that a successful save keeps the way back to where the user came from.
    static func carryingForm(of req: Request, to path: String) -> String {
        carrying(try? req.content.get(String.self, at: "terug"), to: path)
    }

    /// `path` with `terug` added to its query, when there is one to carry.
    static func carrying(_ back: String?, to path: String) -> String {
        guard let back = returnPath(back) else { return path }
        let (base, fragment) = path.firstIndex(of: "#").map { (String(path[..<$0]), String(path[$0...])) } ?? (path, "")
        let value = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? ""
        return base + (base.contains("?") ? "&" : "?") + "terug=" + value + fragment
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
