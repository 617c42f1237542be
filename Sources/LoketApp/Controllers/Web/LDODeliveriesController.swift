// Aanleveringen → LDO (spec/ldo.md §2–§3): the overview of deliveries, the wizard
// (Selecteren → Controleren → Aanleveren), a delivery's page with its status, "Aangeleverde
// gegevens" and the processing report (download, or upload by hand). The reports PVM left
// in the folder come in with "Verslagen ophalen" (and every few minutes inside serve):
// opening a page writes nothing but its audit entry.

import Fluent
import Foundation
import LoketCore
import Vapor

struct LDODeliveriesController {
    /// GET …/aanleveringen: the registry the practice delivers to (DeliveryTabs.landing).
    func index(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let p = practice.id!
        switch DeliveryTabs.landing(ldoOptIn: practice.ldoOptIn, cbs: practice.cbsCorrespondenceNumber != nil,
                                    today: req.dependencies.clock.today) {
        case .ldo: return req.redirect(to: Paths.ldoDeliveries(p))
        case .cbs: return req.redirect(to: Paths.cbsControl(p))
        }
    }

    func overview(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .deliver)
        return try await overviewPage(req, practice, reportProblems: [], notice: nil)
    }

    /// POST …/aanleveringen/ldo/verslagen: takes in the reports PVM left in the folder.
    func fetchReports(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .deliver)
        let problems = try await LDOReportIntake.scanFolder(practice: practice, in: try req.useCase())
        return try await overviewPage(req, practice, reportProblems: problems,
                                      notice: problems.isEmpty ? "De verslagen in de PVM-map zijn opgehaald." : nil)
    }

    private func overviewPage(_ req: Request, _ practice: Practice, reportProblems problems: [String],
                              notice: String?) async throws -> View {
        let user = try req.currentUser
        let p = practice.id!
        let deliveries = try await LDODelivery.query(on: req.database).filter(\.$practiceID == p).sort(\.$madeAt, .descending).limit(100).all()
        let names = try await User.names(ofActors: deliveries.map(\.madeBy), on: req.database)
        return try await req.view.render("ldo-deliveries", LDODeliveriesPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: p, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: p, active: "LDO"),
            blocker: Self.blocker(practice), settingsHref: Paths.settings(p) + "#aanleveringen", newHref: Paths.ldoWizard(p),
            reportProblems: problems, notice: notice, fetchAction: Paths.ldoReportsFetch(p),
            lines: deliveries.map { d in
                .init(href: Paths.ldoDelivery(p, d.id!), window: d.windowLabel, madeAt: AuditTime.dutch(d.madeAt),
                      madeBy: names[d.madeBy] ?? d.madeBy, included: d.included, withFindings: d.excludedWithFindings,
                      withoutConsent: d.excludedForConsent, status: d.status, statusLabel: d.statusValue.label,
                      reportHref: d.report == nil ? nil : Paths.ldoReport(p, d.id!))
            }))
    }

    /// Step 1, Selecteren: the window, fixed to the three whole months before this month.
    func select(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .deliver)
        return try await req.view.render("ldo-wizard", try await wizard(req, practice, step: 1))
    }

    /// Step 2, Controleren: counts, the control messages grouped by cause with every episode
    /// (patient number and start date, so two episodes of one patient are told apart), and
    /// the episodes left out for want of consent. Each link goes where the fix is made, with
    /// `?terug=` back to this step.
    func check(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .deliver)
        var page = try await wizard(req, practice, step: 2)
        guard page.blocker == nil else { return try await req.view.render("ldo-wizard", page) }
        let today = req.dependencies.clock.today
        let report = try await LDOCheckRun.run(practice: practice, deliveryDate: today, channel: "web", in: try req.useCase())
        page.included = report.included.count
        page.withFindings = report.excluded.count
        page.withoutConsent = report.excludedForConsent
        let p = practice.id!
        let back = Paths.ldoWizardCheck(p)
        let info = try await EpisodePatients.info(ofEpisodes: report.excluded.map(\.episodeId) + report.warnings.map(\.episodeId),
                                                  practice: p, on: req.database)
        let groups = LDOCauses.group(report.excluded.map { ($0.episodeId, $0.findings) },
                                     practitioner: { info[$0]?.practitionerID })
        func line(_ e: EpisodePatients.Info, _ place: LDOCauses.Place, note: String = "") -> LDOWizardPage.EpisodeLine {
            .init(patientNumber: e.patientNumber, patientName: e.patientName, start: dutchDate(iso: e.start) ?? e.start,
                  href: LDOCauses.fixHref(place, practice: p, episode: e, practitioner: e.practitionerID, back: back),
                  fixLabel: place.fixLabel, episodeHref: Paths.episode(p, e.id), note: note)
        }
        // The warnings, grouped the same way: fixed on the episode, none keeps it out.
        page.warnings = LDOCauses.group(report.warnings.map { ($0.episodeId, $0.findings) }, severity: .warning,
                                        practitioner: { info[$0]?.practitionerID }).map { g in
            let episodes = g.episodeIds.compactMap { info[$0] }
                .sorted { ($0.patientNumber.count, $0.patientNumber, $0.start, $0.id) < ($1.patientNumber.count, $1.patientNumber, $1.start, $1.id) }
            return LDOWizardPage.Cause(
                headline: LDOCauses.headline(g, practitionerName: nil), count: g.episodeIds.count,
                countLabel: LDOCauses.episodes(g.episodeIds.count), fixHref: nil, fixLabel: LDOCauses.Place.episode.fixLabel,
                open: g.episodeIds.count <= 10, episodes: episodes.map { line($0, .episode) })
        }
        page.causes = groups.map { g in
            let place = LDOCauses.Place(field: g.key.field)
            let episodes = g.episodeIds.compactMap { info[$0] }
                .sorted { ($0.patientNumber.count, $0.patientNumber, $0.start, $0.id) < ($1.patientNumber.count, $1.patientNumber, $1.start, $1.id) }
            let name = g.key.practitioner.flatMap { id in episodes.first { $0.practitionerID == id }?.practitionerName }
            // A cause fixed in one place (the practice, one practitioner) links there once.
            let one = place == .practice || place == .employee
            return LDOWizardPage.Cause(
                headline: LDOCauses.headline(g, practitionerName: name), count: g.episodeIds.count,
                countLabel: LDOCauses.episodes(g.episodeIds.count),
                fixHref: one ? LDOCauses.fixHref(place, practice: p, episode: nil, practitioner: g.key.practitioner, back: back) : nil,
                fixLabel: place.fixLabel, open: g.episodeIds.count <= 10,
                // The per-episode link of a cause fixed elsewhere is the episode itself.
                episodes: episodes.map { line($0, one ? .episode : place) })
        }
        let window = LDO.window(deliveryDate: today)
        page.withoutConsentEpisodes = try await LDOCauses.withoutConsent(practice: p, window: window, on: req.database).map { e in
            line(e, .episode, note: e.consent.flatMap(LDO.Consent.init(rawValue:))?.label ?? "Niet geregistreerd")
        }
        return try await req.view.render("ldo-wizard", page)
    }

    /// Step 3, Aanleveren: makes the delivery, then shows it.
    func deliver(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        do {
            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: req.dependencies.clock.today, in: try req.useCase())
            return req.redirect(to: Paths.ldoDelivery(practice.id!, d.id!) + "?gemaakt=1")
        } catch let notWritten as LDOMonthlyDelivery.FileNotWritten {
            // Recorded: its page says where the file goes; the outbox writes it on the next run.
            req.logger.error("LDO file not written yet: \(notWritten.reason)", metadata: ["delivery": .string(notWritten.delivery.id!)])
            return req.redirect(to: Paths.ldoDelivery(practice.id!, notWritten.delivery.id!) + "?gemaakt=1")
        } catch let failure as LDOMonthlyDelivery.Failure {
            var page = try await wizard(req, practice, step: 2)
            page.blocker = "Geen aanlevering gemaakt: \(failure.description)."
            return try await req.view.render("ldo-wizard", page).encodeResponse(status: .conflict, for: req)
        }
    }

    /// A delivery: status, counts, report, and "Aangeleverde gegevens" page by page.
    func show(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .deliver)
        let d = try await Self.delivery(req, practice)
        return try await req.view.render("ldo-delivery", try await page(req, practice, d, error: nil, notice: nil))
    }

    /// GET …/verslag: the processing report as PVM wrote it.
    func downloadReport(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let d = try await Self.delivery(req, practice)
        guard let report = d.report else { throw LoketError.notFound("Er is nog geen verwerkingsverslag.") }
        try await req.useCase().audit(.ldoView, practice: practice.id, detail: "\(d.id!) report download")
        let response = Response(status: .ok, body: .init(data: report))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(d.fileName)\(LDOReports.fileSuffix)\"")
        return response
    }

    /// POST …/verslag (multipart, field `verslag`): a report uploaded by hand.
    func uploadReport(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let d = try await Self.delivery(req, practice)
        let file = try? req.content.get(File.self, at: "verslag")
        guard let file, file.data.readableBytes > 0 else {
            return try await req.view.render("ldo-delivery", try await page(req, practice, d, error: "Kies het bestand met het verwerkingsverslag.", notice: nil))
                .encodeResponse(status: .badRequest, for: req)
        }
        do {
            try await LDOReportIntake.takeIn(Array(file.data.readableBytesView), practice: practice, delivery: d,
                                             in: try req.useCase())
        } catch let failure as LDOReportIntake.Failure {
            return try await req.view.render("ldo-delivery", try await page(req, practice, d, error: "Het verslag is niet ingelezen: \(failure.description)", notice: nil))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: Paths.ldoDelivery(practice.id!, d.id!) + "?verslag=1")
    }

    // MARK: Building pages

    private func wizard(_ req: Request, _ practice: Practice, step: Int) async throws -> LDOWizardPage {
        let p = practice.id!
        let today = req.dependencies.clock.today
        let window = LDO.window(deliveryDate: today)
        return LDOWizardPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: try req.currentUser, practice: p, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: p, active: "LDO"), step: step,
            window: "\(dutchDate(window.start)) t/m \(dutchDate(window.end))", deliveryDate: dutchDate(today),
            folder: practice.ldoPVMFolder ?? "", blocker: Self.blocker(practice), settingsHref: Paths.settings(p) + "#aanleveringen",
            backHref: step == 1 ? Paths.ldoDeliveries(p) : Paths.ldoWizard(p), nextHref: Paths.ldoWizardCheck(p),
            deliverAction: Paths.ldoWizard(p))
    }

    private static let pageSize = 200

    private func page(_ req: Request, _ practice: Practice, _ d: LDODelivery, error: String?, notice: String?) async throws -> LDODeliveryPage {
        let p = practice.id!
        let number = max(1, req.query[Int.self, at: "pagina"] ?? 1)
        let rows = try await LDODeliveryRecords.page(delivery: d.id!, number: number, size: Self.pageSize, on: req.database)
        try await req.useCase().audit(.ldoView, practice: p, detail: "\(d.id!) page \(number)")
        let names = try await User.names(ofActors: [d.madeBy], on: req.database)
        let here = Paths.ldoDelivery(p, d.id!)
        return LDODeliveryPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: try req.currentUser, practice: p, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: p, active: "LDO"),
            justMade: req.query[String.self, at: "gemaakt"] != nil, error: error,
            notice: notice ?? (req.query[String.self, at: "verslag"] != nil ? "Het verwerkingsverslag is ingelezen." : nil),
            window: d.windowLabel, madeAt: AuditTime.dutch(d.madeAt), madeBy: names[d.madeBy] ?? d.madeBy,
            file: (d.filePath as NSString).appendingPathComponent(d.fileName), status: d.status, statusLabel: d.statusValue.label,
            included: d.included, withFindings: d.excludedWithFindings, withoutConsent: d.excludedForConsent,
            reportHref: d.report == nil ? nil : Paths.ldoReport(p, d.id!),
            reportReceivedAt: d.reportReceivedAt.map(AuditTime.dutch),
            pvmMessages: LDOReports.deliveryMessages(d.report),
            unreadableReport: LDOReports.unreadableReport(of: d, practice: practice, dependencies: req.dependencies),
            uploadAction: Paths.ldoReport(p, d.id!),
            backHref: Paths.ldoDeliveries(p),
            episodes: rows.prefix(Self.pageSize).map { r in
                .init(patientNumber: r.number ?? "", patientName: r.name ?? "", href: Paths.episode(p, r.episode_id),
                      start: r.start_date.flatMap { dutchDate(iso: $0) } ?? "",
                      result: r.result ?? "", resultLabel: r.result == "accepted" ? "Geaccepteerd" : r.result == "rejected" ? "Afgekeurd" : "Nog geen verslag",
                      messages: LDOReports.messageLines(r.messages), fields: LDORecordLayout.current.readableFields(of: r.record))
            },
            page: number, previousHref: number > 1 ? here + "?pagina=\(number - 1)" : nil,
            nextHref: rows.count > Self.pageSize ? here + "?pagina=\(number + 1)" : nil)
    }

    /// What stops a delivery now, in the words of the wizard.
    static func blocker(_ practice: Practice) -> String? {
        if let finding = LDO.deliveryBlocker(for: LDOEpisodeQuery.practice(practice)) { return finding.message }
        if practice.ldoPVMFolder == nil { return "Vul eerst bij Instellingen → Aanleveringen de map van PVM in: daar zet Loket de aanlevering klaar." }
        return nil
    }

    static func delivery(_ req: Request, _ practice: Practice) async throws -> LDODelivery {
        guard let id = req.parameters.get("deliveryID"), let d = try await LDODelivery.find(id, on: req.database),
              d.practiceID == practice.id else { throw LoketError.notFound("Aanlevering niet gevonden.") }
        return d
    }
}
