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
        guard let practice = try await Practice.load(id, on: req.database) else { throw LoketError.notFound("Praktijk niet gevonden.") }
        let today = req.dependencies.clock.today
        var card = DashboardPage.card(practice, role: role, today: today)
        card.show(try await DashboardPage.figures(practice, today: today, for: req))
        card.registries = try await DashboardPage.registries(practice, role: role, today: today, for: req)
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
        var patients = 0
        var episodes = 0
        var openEpisodes = 0
        /// Controlemeldingen per registry, e.g. "CBS JH-2 2026: 12 van 140 episodes niet aanleverbaar".
        var findings: [String] = []
        /// Per registry the practice delivers to: what is due, what was delivered last, what blocks.
        var registries: [Registry] = []

        mutating func show(_ figures: DashboardFigures) {
            patients = figures.patients
            episodes = figures.episodes
            openEpisodes = figures.openEpisodes
            findings = figures.findings
        }
    }

    struct Link: Encodable, Equatable {
        var label: String
        var href: String
    }

    /// One registry on a card: LDO (monthly) or CBS Jeugd (per half year).
    struct Registry: Encodable, Equatable {
        /// "ldo" or "cbs", for the page's ids.
        var code: String
        var name: String
        /// What is due and by when, e.g. "Aanlevering van december 2026 (…): nog niet gedaan".
        var due: String
        /// The due delivery is made.
        var done: Bool
        /// The main action: "Aanleveren" while due, "Aanlevering van deze maand bekijken" once done.
        var action: Link?
        /// A second way in: the deliveries overview, or delivering again.
        var more: [Link] = []
        /// The last delivery: "22-11-2026 · 01-08-2026 t/m 31-10-2026 · Verwerkt".
        var last: String?
        var lastHref: String?
        /// What keeps most episodes out, e.g. "L. Smit heeft geen BIG-nummer: 24 episodes".
        var blockers: [Link] = []
    }

    var title = "Dashboard"
    var layout: Layout
    var cards: [Card]

    static func query(for req: Request) async throws -> DashboardPage {
        let user = try req.currentUser
        let practices = try await Practice.query(on: req.database).filter(\.$id ~~ Array(user.roles.keys)).sort(\.$name).all()
        let today = req.dependencies.clock.today
        return DashboardPage(layout: try await Layout.make(for: req), cards: try await practices.compactMap { p in
            user.roles[p.id!].map { (p, $0) }
        }.asyncMap { practice, role in
            var card = card(practice, role: role, today: today)
            card.show(try await figures(practice, today: today, for: req))
            card.registries = try await registries(practice, role: role, today: today, for: req)
            return card
        })
    }

    /// The practice's counts and control messages, kept between views (DashboardCache).
    static func figures(_ p: Practice, today: LocalDate, for req: Request) async throws -> DashboardFigures {
        let db = req.database
        let causesStore = req.application.dashboardCauses
        return try await req.application.dashboardCache.figures(practice: p.id!, day: today.iso) {
            var figures = DashboardFigures()
            if let counts = try await HomePage.query(on: db, practices: [p.id!], countTreatments: false).practices.first {
                figures.patients = counts.patients
                figures.episodes = counts.episodes
                figures.openEpisodes = counts.openEpisodes
            }
            let (lines, causes) = try await findings(p, today: today, on: db)
            figures.findings = lines
            await causesStore.keep(causes, practice: p.id!, day: today.iso)
            return figures
        }
    }

    /// Counts of episodes with control messages, from the same rules the deliveries use, and
    /// the causes of each registry (LDOCauses, CBSCauses) from the same pass.
    static func findings(_ p: Practice, today: LocalDate, on db: any Database) async throws -> ([String], DashboardCauseLists) {
        var lines: [String] = []
        var causes = DashboardCauseLists()
        if p.cbsCorrespondenceNumber != nil {
            let period = cbsPeriod(today: today)
            var total = 0, notDeliverable = 0
            var tally = CBSCauses.Tally()
            try await CBSEpisodeQuery.forEach(on: db, practice: p.id!, period: period.range) { episode in
                total += 1
                let row = CBS.control(episode, period: period.range)
                if !row.deliverable {
                    notDeliverable += 1
                    tally.add(row.findings)
                }
            }
            causes.cbs = tally.top(topCauses)
            lines.append("CBS \(period): \(notDeliverable) van \(total) episodes met controlemeldingen (niet aanleverbaar)")
        }
        if p.ldoOptIn {
            var selection = LDO.Selection()
            let practice = LDOEpisodeQuery.practice(p)
            let window = LDO.window(deliveryDate: today)
            var practitioners: [String: String] = [:]
            try await LDOEpisodeQuery.forEach(on: db, practice: p, window: window) { episode in
                if case .excluded = selection.add(episode, practice: practice, window: window) {
                    practitioners[episode.id] = episode.mainPractitioner?.id
                }
            }
            lines.append("LDO: \(selection.includedIds.count) episodes aan te leveren, \(selection.excluded.count) met controlemeldingen, "
                + "\(selection.excludedForConsent) zonder toestemming")
            causes.ldo = LDOCauses.group(selection.excluded.map { ($0.episodeId, $0.findings) }, practitioner: { practitioners[$0] })
                .prefix(topCauses).map { DashboardCause(key: $0.key, message: $0.message, count: $0.episodeIds.count) }
        }
        return (lines, causes)
    }

    /// How many causes a card shows: the ones that block most.
    static let topCauses = 3

    /// Per registry: due or done, the last delivery, and the top causes. Cheap reads
    /// only; the causes come from the cached pass of `figures` (DashboardQuery's header).
    static func registries(_ p: Practice, role: Role, today: LocalDate, for req: Request) async throws -> [Registry] {
        let id = p.id!, db = req.database
        let deliver = role.allows(.deliver)
        var out: [Registry] = []
        if p.ldoOptIn {
            let window = LDO.window(deliveryDate: today)
            let made = try await DashboardQuery.thisMonthsLDO(practice: id, window: window, on: db)
            let last = try await DashboardQuery.lastLDO(practice: id, on: db)
            let month = "\(dutchMonths[today.month - 1]) \(today.year)"
            let span = "\(dutchDate(window.start)) t/m \(dutchDate(window.end))"
            let end = today.firstOfMonth.adding(months: 1).adding(days: -1)
            var due = made.map { "Aanlevering van \(month) (\(span)) is \($0.automatic ? "automatisch " : "")gedaan op \(AuditTime.dutch($0.madeAt))." }
                ?? "Aanlevering van \(month) over \(span): nog niet gedaan. Met deze periode kunt u aanleveren t/m \(dutchDate(end))."
            if made == nil, let day = p.ldoAutoDay {
                due += day > today.day ? " Loket levert automatisch aan op \(day) \(dutchMonths[today.month - 1])."
                    : " Loket levert automatisch aan binnen enkele minuten."
            }
            var r = Registry(code: "ldo", name: "LDO", due: due, done: made != nil)
            if deliver {
                if let made {
                    r.action = Link(label: "Aanlevering van deze maand bekijken", href: Paths.ldoDelivery(id, made.id))
                    r.more.append(Link(label: "Opnieuw aanleveren", href: Paths.ldoWizard(id)))
                } else {
                    r.action = Link(label: "Aanleveren", href: Paths.ldoWizard(id))
                }
                r.more.append(Link(label: "LDO-aanleveringen", href: Paths.ldoDeliveries(id)))
            }
            if let last {
                let status = LDODelivery.Status(rawValue: last.status)?.label ?? last.status
                let w = [last.windowStart, last.windowEnd].compactMap { $0.flatMap { dutchDate(iso: $0) } }.joined(separator: " t/m ")
                r.last = "\(AuditTime.dutch(last.madeAt)) · periode \(w) · \(status)" + (last.automatic ? " · automatisch" : "")
                if deliver { r.lastHref = Paths.ldoDelivery(id, last.id) }
            }
            let causes = await req.application.dashboardCauses.causes(practice: id, day: today.iso).ldo
            let names = try await DashboardQuery.employeeNames(causes.compactMap(\.key.practitioner), practice: id, on: db)
            r.blockers = causes.map { c in
                let place = LDOCauses.Place(field: c.key.field)
                let text = LDOCauses.headline(.init(key: c.key, message: c.message, episodeIds: []),
                                              practitionerName: c.key.practitioner.flatMap { names[$0] })
                    + ": " + LDOCauses.episodes(c.count)
                // A practitioner or the practice is fixed in one place; the rest per episode, from step 2.
                let href: String
                switch place {
                case .employee where role.allows(.readSettings):
                    href = c.key.practitioner.map { Paths.employee(id, $0) } ?? Paths.employees(id)
                case .practice where role.allows(.readSettings): href = Paths.settings(id)
                default: href = deliver ? Paths.ldoWizardCheck(id) : ""
                }
                return Link(label: text, href: href)
            }
            out.append(r)
        }
        if p.cbsCorrespondenceNumber != nil {
            let period = cbsPeriod(today: today)
            let current = try await CBSDeliveryHistory.current(practice: id, period: period, on: db)
            let last = try await DashboardQuery.lastCBS(practice: id, on: db)
            var r = Registry(code: "cbs", name: "CBS Jeugd",
                             due: current.map { "\(period): definitief aangeleverd op \(AuditTime.dutch($0.madeAt)), met herlevering van \(period.previous)." }
                                ?? "\(period): definitief aanleveren vóór \(dutchDate(period.deadline)), met herlevering van \(period.previous). Nog niet gedaan.",
                             done: current != nil)
            if deliver {
                r.action = Link(label: current == nil ? "Aanleveren" : "Aanlevering bekijken", href: Paths.cbsControl(id))
            }
            if let last {
                let kind = last.status == "final" ? (last.replacedOrWithdrawn ? "definitief (vervangen of ingetrokken)" : "definitief") : "controle"
                r.last = "\(AuditTime.dutch(last.madeAt)) · \(last.halfYear.map(\.description) ?? "") · \(kind)"
                if deliver, let half = last.halfYear {
                    r.lastHref = Paths.cbsControl(id) + "?jaar=\(half.year)&periode=\(half.half)" + (last.status == "final" ? "" : "&controle=\(last.id)")
                }
            }
            // What keeps most episodes of the period out, from the cached pass of `figures`.
            // The fix is per episode, so the link is the overview's rows with findings, which
            // only a role that delivers may open.
            let href = deliver ? CBSCauses.overviewHref(practice: id, period: period) : ""
            r.blockers = await req.application.dashboardCauses.causes(practice: id, day: today.iso).cbs.map {
                Link(label: CBSCauses.headline($0.key) + ": " + LDOCauses.episodes($0.count), href: href)
            }
            out.append(r)
        }
        return out
    }

    static let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                              "september", "oktober", "november", "december"]

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
        // What is due per registry is in `registries` (it reads the deliveries).
        return Card(id: id, name: p.name, role: role.label, links: links)
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
