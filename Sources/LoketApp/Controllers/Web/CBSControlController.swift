// Aanleveringen → CBS: the control overview of a half year for roles that deliver
// (administratie), and the same overview as a CSV download. "Controle maken" is a POST that
// records the control (CBSControlRun.make) and leads back to the overview; opening, going
// back to or downloading the overview records nothing but its audit entry (a view of
// patient data).

import Foundation
import LoketCore
import Vapor

struct CBSControlController {
    /// GET …/aanleveringen/cbs?jaar=YYYY&periode=1|2[&meldingen=1][&controle=ID]: the
    /// overview as the data is now, or with `controle` a control made earlier, as it was,
    /// with what changed since the control before it.
    func page(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let user = try req.currentUser
        let id = practice.id!
        let (yearText, halfText) = Self.input(req)
        let onlyFindings = req.query[String.self, at: "meldingen"] == "1"
        var page = CBSControlPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: id, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: id, active: "CBS Jeugd"), action: Paths.cbsControlMake(id),
            year: yearText, periods: CBSControlPage.periodOptions(selected: halfText), onlyFindings: onlyFindings,
            settingsHref: practice.cbsCorrespondenceNumber == nil ? Paths.settings(id) : nil)

        var period: HalfYear
        switch CBSControlReport.halfYear(year: yearText, half: halfText) {
        case .success(let p): period = p
        case .failure(let e):
            page.error = Self.message(e)
            return try await req.view.render("cbs-control", page).encodeResponse(status: .badRequest, for: req)
        }
        // A control made earlier shows its own period, whatever the query says.
        let stored = try await Self.storedControl(req, practice)
        if let stored {
            period = stored.period
            page.year = String(period.year)
            page.periods = CBSControlPage.periodOptions(selected: String(period.half))
        }
        // The page shows the first rows; a large practice's overview is complete in the
        // downloads, which stream. The counts are always of all rows.
        var lines: [CBSControlPage.Line] = []
        let collect: (CBSControlReport.Row) -> Void = { row in
            if lines.count < CBSControlPage.maxLines && (!onlyFindings || !row.deliverable) {
                lines.append(CBSControlPage.line(row, practice: id))
            }
        }
        let counts: CBSControlReport.Counts
        var downloadQuery = "?jaar=\(period.year)&periode=\(period.half)"
        if let (control, _) = stored {
            counts = try await CBSControlRun.storedRows(control, in: try req.useCase(), collect)
            downloadQuery += "&controle=\(control.id!)"
            let who = try await User.names(ofActors: [control.madeBy], on: req.database)[control.madeBy] ?? control.madeBy
            page.storedControl = "Controle \(control.id!) van \(AuditTime.dutch(control.madeAt)) door \(who)"
            page.liveHref = Paths.cbsControl(id) + "?jaar=\(period.year)&periode=\(period.half)"
            page.comparison = try await CBSControlPage.Comparison.make(control, practice: id, period: period, on: req.database)
        } else {
            counts = try await CBSControlRun.viewRows(practice: practice, period: period, in: try req.useCase(), collect)
        }
        page.finalAction = Paths.cbsFinal(id)
        page.finalYear = period.year
        page.finalHalf = period.half
        page.made = req.query[String.self, at: "gemaakt"]
        if let failure = req.query[String.self, at: "fout"] { page.error = "Niet gelukt: \(failure.prefix(300))" }
        if let withdrawn = req.query[String.self, at: "ingetrokken"] {
            page.notice = "Aanlevering \(withdrawn.prefix(40)) is ingetrokken. Meld het CBS via het CBS-portaal."
        }
        page.deliveries = try await CBSDeliveriesController.lines(practice: id, on: req.database)

        page.period = CBSControlPage.period(period, practice: id)
        page.rows = counts.rows
        page.deliverable = counts.deliverable
        page.lines = lines
        page.truncated = lines.count == CBSControlPage.maxLines && (onlyFindings ? counts.rows - counts.deliverable : counts.rows) > lines.count
        page.csvHref = Paths.cbsControlCSV(id) + downloadQuery
        page.xlsxHref = Paths.cbsControlXLSX(id) + downloadQuery
        return try await req.view.render("cbs-control", page).encodeResponse(for: req)
    }

    /// POST …/aanleveringen/cbs/controle (jaar, periode, meldingen): makes and records a
    /// control, then shows it (a reload or Back does not record it again).
    func make(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let year = (try? req.content.get(String.self, at: "jaar")) ?? ""
        let half = (try? req.content.get(String.self, at: "periode")) ?? ""
        let onlyFindings = (try? req.content.get(String.self, at: "meldingen")) == "1"
        var back = Paths.cbsControl(practice.id!) + "?jaar=\(Paths.queryValue(year))&periode=\(Paths.queryValue(half))"
        if onlyFindings { back += "&meldingen=1" }
        // A wrong year or period: the overview says so, and nothing is recorded.
        guard case .success(let period) = CBSControlReport.halfYear(year: year, half: half) else { return req.redirect(to: back) }
        let (control, _) = try await CBSControlRun.make(practice: practice, period: period, in: try req.useCase())
        return req.redirect(to: back + "&controle=\(control.id!)")
    }

    /// GET …/aanleveringen/cbs.csv and cbs.xlsx ?jaar=YYYY&periode=1|2: the overview to download.
    func csv(_ req: Request) async throws -> Response { try await export(req, xlsx: false) }
    func xlsx(_ req: Request) async throws -> Response { try await export(req, xlsx: true) }

    private func export(_ req: Request, xlsx: Bool) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let (yearText, halfText) = Self.input(req)
        let period: HalfYear
        switch CBSControlReport.halfYear(year: yearText, half: halfText) {
        case .success(let p): period = p
        case .failure(let e): throw LoketError.badRequest(Self.message(e))
        }
        // With `controle`: that stored control, as it was made.
        let stored = try await Self.storedControl(req, practice)
        return try await CBSControlStream.response(req, xlsx ? .xlsx : .csv, practice: practice, period: stored?.period ?? period,
                                                   context: try req.useCase(), control: stored?.control, download: true)
    }

    /// The control of `?controle=ID`, when asked for: one of this practice's, or 404.
    private static func storedControl(_ req: Request, _ practice: Practice) async throws -> (control: CBSDelivery, period: HalfYear)? {
        guard let id = req.query[String.self, at: "controle"] else { return nil }
        do {
            return try await CBSControlRun.stored(id, practice: practice, on: req.database)
        } catch let failure as CBSControlRun.Failure {
            throw LoketError.notFound(failure.description.prefix(1).uppercased() + failure.description.dropFirst() + ".")
        }
    }

    /// The year and half asked for; without either, the period whose deadline comes next.
    private static func input(_ req: Request) -> (year: String, half: String) {
        let year = req.query[String.self, at: "jaar"], half = req.query[String.self, at: "periode"]
        if year == nil && half == nil {
            let p = DashboardPage.cbsPeriod(today: req.dependencies.clock.today)
            return (String(p.year), String(p.half))
        }
        return (year ?? "", half ?? "")
    }

    private static func message(_ error: CBSControlReport.PeriodInputError) -> String {
        switch error {
        case .year: "Vul een jaar in van vier cijfers, bijvoorbeeld 2026."
        case .half: "Kies periode JH-1 (januari – juni) of JH-2 (juli – december)."
        }
    }
}
