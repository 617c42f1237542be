// The tabs of a practice's pages, each shown only to roles that may open it.

import LoketCore

struct PracticeTab: Encodable {
    var label: String
    var href: String
    var active: Bool
}

enum PracticeTabs {
    static func make(for user: CurrentUser, practice p: String, active: String) -> [PracticeTab] {
        var tabs: [(String, String, Permission?)] = [("Overzicht", Paths.practice(p), nil)]
        tabs.append(("Patiënten", Paths.patients(p), .readPatients))
        tabs.append(("Aanleveringen", Paths.deliveries(p), .deliver))
        tabs.append(("Instellingen", Paths.settings(p), .readSettings))
        tabs.append(("Medewerkers", Paths.employees(p), .readSettings))
        tabs.append(("Gebruikers", Paths.users(p), .manageUsers))
        tabs.append(("API-tokens", Paths.tokens(p), .manageUsers))
        tabs.append(("Auditlog", Paths.auditLog(p), .readAuditLog))
        return tabs.filter { $0.2.map { user.may($0, in: p) } ?? true }
            .map { PracticeTab(label: $0.0, href: $0.1, active: $0.0 == active) }
    }
}

/// The registries under the tab Aanleveringen.
enum DeliveryTabs {
    enum Registry: String, Equatable { case ldo, cbs }

    /// The registry the tab Aanleveringen opens. LDO-only (the opt-in, no CBS settings):
    /// LDO. CBS only (a correspondence number, as the dashboard decides a jeugd practice):
    /// CBS. Both: LDO, the monthly routine, except from the end of a half year until its
    /// CBS deadline (spec/cbs-jeugdhulp.md §1: three weeks), when the CBS delivery is the
    /// one due. Neither: CBS, as before (its page says what to fill in).
    static func landing(ldoOptIn: Bool, cbs: Bool, today: LocalDate) -> Registry {
        switch (ldoOptIn, cbs) {
        case (true, false): return .ldo
        case (false, _): return .cbs
        case (true, true):
            let previous = HalfYear(containing: today).previous
            return today <= previous.deadline ? .cbs : .ldo
        }
    }

    static func make(practice p: String, active: String) -> [PracticeTab] {
        [("CBS Jeugd", Paths.cbsControl(p)), ("LDO", Paths.ldoDeliveries(p))]
            .map { PracticeTab(label: $0.0, href: $0.1, active: $0.0 == active) }
    }
}
