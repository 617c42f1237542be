// The dashboard (/) and a practice's overview page.

import Fluent
import LoketCore
import Vapor

struct DashboardController {
    func index(_ req: Request) async throws -> View {
        try await req.view.render("dashboard", DashboardPage.query(for: req))
    }

    func practice(_ req: Request) async throws -> View {
        let user = try req.currentUser
        guard let id = req.parameters.get("practiceID"), let role = user.roles[id] else {
            throw LoketError.forbidden("U hebt geen toegang tot deze praktijk.")
        }
        guard let practice = try await Practice.find(id, on: req.db) else { throw LoketError.notFound("Praktijk niet gevonden.") }
        var card = DashboardPage.card(practice, role: role, today: .today)
        if let counts = try await HomePage.query(on: req.db).practices.first(where: { $0.id == id }) {
            card.patients = counts.patients
            card.episodes = counts.episodes
            card.openEpisodes = counts.openEpisodes
        }
        let page = PracticePage(title: practice.name, layout: try await Layout.make(for: req),
                                tabs: PracticeTabs.make(for: user, practice: id, active: "Overzicht"), card: card)
        return try await req.view.render("practice", page)
    }
}

struct PracticePage: Encodable {
    var title: String
    var layout: Layout
    var tabs: [PracticeTab]
    var card: DashboardPage.Card
}

/// What is due and where to go, per practice of the user.
struct DashboardPage: Encodable {
    struct Card: Encodable {
        var id: String
        var name: String
        var role: String
        var links: [Link]
        var due: [String]
        var patients = 0
        var episodes = 0
        var openEpisodes = 0
    }

    struct Link: Encodable {
        var label: String
        var href: String
    }

    var title = "Dashboard"
    var layout: Layout
    var cards: [Card]

    static func query(for req: Request) async throws -> DashboardPage {
        let user = try req.currentUser
        let practices = try await Practice.query(on: req.db).filter(\.$id ~~ Array(user.roles.keys)).sort(\.$name).all()
        let today = LocalDate.today
        let counts = Dictionary(try await HomePage.query(on: req.db).practices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return DashboardPage(layout: try await Layout.make(for: req), cards: practices.compactMap { p in
            user.roles[p.id!].map { role in
                var c = card(p, role: role, today: today)
                c.patients = counts[p.id!]?.patients ?? 0
                c.episodes = counts[p.id!]?.episodes ?? 0
                c.openEpisodes = counts[p.id!]?.openEpisodes ?? 0
                return c
            }
        })
    }

    static func card(_ p: Practice, role: Role, today: LocalDate) -> Card {
        let id = p.id!
        var links: [Link] = []
        if role.allows(.readPatients) { links.append(.init(label: "Patiënten", href: Paths.patients(id))) }
        if role.allows(.readSettings) { links.append(.init(label: "Instellingen", href: Paths.settings(id))) }
        if role.allows(.manageUsers) { links.append(.init(label: "Gebruikers", href: Paths.users(id))) }
        if role.allows(.readAuditLog) { links.append(.init(label: "Auditlog", href: Paths.auditLog(id))) }
        var due: [String] = []
        if p.cbsCorrespondenceNumber != nil {
            // The period whose deadline comes next: the previous half year until its
            // deadline has passed, then the current one.
            let previous = HalfYear(containing: today).previous
            let period = today <= previous.deadline ? previous : HalfYear(containing: today)
            due.append("CBS \(period): aanleveren vóór \(dutchDate(period.deadline)), met herlevering van \(period.previous)")
        }
        if p.ldoOptIn {
            let window = LDO.window(deliveryDate: today)
            due.append("LDO: maandelijkse aanlevering over \(dutchDate(window.start)) t/m \(dutchDate(window.end))")
        }
        return Card(id: id, name: p.name, role: role.label, links: links, due: due)
    }
}

/// 22-11-2026, as Dutch users read dates.
func dutchDate(_ d: LocalDate) -> String {
    "\(d.day < 10 ? "0" : "")\(d.day)-\(d.month < 10 ? "0" : "")\(d.month)-\(d.year)"
}
