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
        guard let practice = try await Practice.load(id, on: req.db) else { throw LoketError.notFound("Praktijk niet gevonden.") }
        let today = req.dependencies.clock.today
        var card = DashboardPage.card(practice, role: role, today: today)
        card.show(try await DashboardPage.figures(practice, today: today, for: req))
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
        /// Controlemeldingen per registry, e.g. "CBS JH-2 2026: 12 van 140 episodes niet aanleverbaar".
        var findings: [String] = []
        var latestDeliveries: [String] = []

        mutating func show(_ figures: DashboardFigures) {
            patients = figures.patients
            episodes = figures.episodes
            openEpisodes = figures.openEpisodes
            findings = figures.findings
        }
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
        let today = req.dependencies.clock.today
        return DashboardPage(layout: try await Layout.make(for: req), cards: try await practices.compactMap { p in
            user.roles[p.id!].map { (p, $0) }
        }.asyncMap { practice, role in
            var card = card(practice, role: role, today: today)
            card.show(try await figures(practice, today: today, for: req))
            return card
        })
    }

    /// The practice's counts and control messages, kept between views (DashboardCache).
    static func figures(_ p: Practice, today: LocalDate, for req: Request) async throws -> DashboardFigures {
        let db = req.db
        return try await req.application.dashboardCache.figures(practice: p.id!, day: today.iso) {
            var figures = DashboardFigures()
            if let counts = try await HomePage.query(on: db, practices: [p.id!], countTreatments: false).practices.first {
                figures.patients = counts.patients
                figures.episodes = counts.episodes
                figures.openEpisodes = counts.openEpisodes
            }
            figures.findings = try await findings(p, today: today, on: db)
            return figures
        }
    }

    /// Counts of episodes with control messages, from the same rules the deliveries use.
    static func findings(_ p: Practice, today: LocalDate, on db: any Database) async throws -> [String] {
        var lines: [String] = []
        if p.cbsCorrespondenceNumber != nil {
            let period = cbsPeriod(today: today)
            var total = 0, notDeliverable = 0
            try await CBSEpisodeQuery.forEach(on: db, practice: p.id!, period: period.range) { episode in
                total += 1
                if !CBS.control(episode, period: period.range).deliverable { notDeliverable += 1 }
            }
            lines.append("CBS \(period): \(notDeliverable) van \(total) episodes met controlemeldingen (niet aanleverbaar)")
        }
        if p.ldoOptIn {
            var selection = LDO.Selection()
            let practice = LDOEpisodeQuery.practice(p)
            let window = LDO.window(deliveryDate: today)
            try await LDOEpisodeQuery.forEach(on: db, practice: p, window: window) { selection.add($0, practice: practice, window: window) }
            lines.append("LDO: \(selection.includedIds.count) episodes aan te leveren, \(selection.excluded.count) met controlemeldingen, "
                + "\(selection.excludedForConsent) zonder toestemming")
        }
        return lines
    }

    /// The CBS period whose deadline comes next: the previous half year until its deadline
    /// has passed, then the current one.
    static func cbsPeriod(today: LocalDate) -> HalfYear {
        let previous = HalfYear(containing: today).previous
        return today <= previous.deadline ? previous : HalfYear(containing: today)
    }

    static func card(_ p: Practice, role: Role, today: LocalDate) -> Card {
        let id = p.id!
        var links: [Link] = []
        if role.allows(.readPatients) { links.append(.init(label: "Patiënten", href: Paths.patients(id))) }
        if role.allows(.deliver) && p.cbsCorrespondenceNumber != nil {
            links.append(.init(label: "CBS-controle", href: Paths.cbsControl(id)))
        }
        if role.allows(.readSettings) { links.append(.init(label: "Instellingen", href: Paths.settings(id))) }
        if role.allows(.manageUsers) { links.append(.init(label: "Gebruikers", href: Paths.users(id))) }
        if role.allows(.readAuditLog) { links.append(.init(label: "Auditlog", href: Paths.auditLog(id))) }
        var due: [String] = []
        if p.cbsCorrespondenceNumber != nil {
            let period = cbsPeriod(today: today)
            due.append("CBS \(period): aanleveren vóór \(dutchDate(period.deadline)), met herlevering van \(period.previous)")
        }
        if p.ldoOptIn {
            let window = LDO.window(deliveryDate: today)
            due.append("LDO: aanlevering van deze maand, over \(dutchDate(window.start)) t/m \(dutchDate(window.end))")
        }
        return Card(id: id, name: p.name, role: role.label, links: links, due: due)
    }
}

/// 22-11-2026, as Dutch users read dates.
func dutchDate(_ d: LocalDate) -> String {
    "\(d.day < 10 ? "0" : "")\(d.day)-\(d.month < 10 ? "0" : "")\(d.month)-\(d.year)"
}

/// A date as stored (`YYYY-MM-DD`) as Dutch users read it; nil when the text is no date.
func dutchDate(iso: String) -> String? { LocalDate(iso: iso).map(dutchDate) }

/// A birth date as stored, whole or partial, as Dutch users read it.
func dutchBirthDate(_ text: String) -> String? {
    guard let b = BirthDate(text: text) else { return nil }
    if let date = b.date { return dutchDate(date) }
    if let month = b.month { return "\(month < 10 ? "0" : "")\(month)-\(b.year) (dag onbekend)" }
    return "\(b.year) (dag en maand onbekend)"
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
