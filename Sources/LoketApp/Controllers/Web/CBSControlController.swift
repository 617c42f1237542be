// Aanleveringen → CBS: the control overview of a half year for roles that deliver
// (administratie), and the same overview as a CSV download. Every view and download is an
// audit log entry: the overview shows patient data.

import Foundation
import LoketCore
import Vapor

struct CBSControlController {
    /// GET …/aanleveringen/cbs?jaar=YYYY&periode=1|2[&meldingen=1]
    func page(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let user = try req.currentUser
        let id = practice.id!
        let (yearText, halfText) = Self.input(req)
        let onlyFindings = req.query[String.self, at: "meldingen"] == "1"
        var page = CBSControlPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: id, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: id, active: "CBS Jeugd"), action: Paths.cbsControl(id),
            year: yearText, periods: CBSControlPage.periodOptions(selected: halfText), onlyFindings: onlyFindings,
            settingsHref: practice.cbsCorrespondenceNumber == nil ? Paths.settings(id) : nil)

        let period: HalfYear
        switch CBSControlReport.halfYear(year: yearText, half: halfText) {
        case .success(let p): period = p
        case .failure(let e):
            page.error = Self.message(e)
            return try await req.view.render("cbs-control", page).encodeResponse(status: .badRequest, for: req)
        }
        let report = try await CBSControlReport.run(on: req.db, practice: practice, period: period)
        try await Self.audit(req, user, report, format: "web")
        // Asked for with the form (not just opening the page): a control made, so it is listed.
        if req.query[String.self, at: "jaar"] != nil && req.query[String.self, at: "gemaakt"] == nil {
            try await CBSDeliveries.recordControl(report, actor: user.actor, on: req.db)
        }
        page.finalAction = Paths.cbsFinal(id)
        page.finalYear = period.year
        page.finalHalf = period.half
        page.made = req.query[String.self, at: "gemaakt"]
        if let failure = req.query[String.self, at: "fout"] { page.error = "Geen definitieve aanlevering gemaakt: \(failure)" }
        page.deliveries = try await CBSDeliveriesController.lines(practice: id, on: req.db)

        page.period = CBSControlPage.period(period, practice: id)
        page.rows = report.counts.rows
        page.deliverable = report.counts.deliverable
        page.lines = report.rows.filter { !onlyFindings || !$0.deliverable }.map { CBSControlPage.line($0, practice: id) }
        page.csvHref = Paths.cbsControlCSV(id) + "?jaar=\(period.year)&periode=\(period.half)"
        page.xlsxHref = Paths.cbsControlXLSX(id) + "?jaar=\(period.year)&periode=\(period.half)"
        return try await req.view.render("cbs-control", page).encodeResponse(for: req)
    }

    /// GET …/aanleveringen/cbs.csv and cbs.xlsx ?jaar=YYYY&periode=1|2: the overview to download.
    func csv(_ req: Request) async throws -> Response { try await export(req, xlsx: false) }
    func xlsx(_ req: Request) async throws -> Response { try await export(req, xlsx: true) }

    private func export(_ req: Request, xlsx: Bool) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let user = try req.currentUser
        let (yearText, halfText) = Self.input(req)
        let period: HalfYear
        switch CBSControlReport.halfYear(year: yearText, half: halfText) {
        case .success(let p): period = p
        case .failure(let e): throw LoketError.badRequest(Self.message(e))
        }
        let report = try await CBSControlReport.run(on: req.db, practice: practice, period: period)
        try await Self.audit(req, user, report, format: xlsx ? "xlsx" : "csv")

        let response: Response
        if xlsx {
            response = Response(status: .ok, body: .init(data: try CBSControlReport.xlsx(report)))
            response.headers.contentType = CBSFileFormat.xlsx.mediaType
        } else {
            response = Response(status: .ok, body: .init(string: CBSControlReport.csv(report)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        }
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(CBSControlReport.fileName(report, extension: xlsx ? "xlsx" : "csv"))\"")
        return response
    }

    /// The year and half asked for; without either, the period whose deadline comes next.
    private static func input(_ req: Request) -> (year: String, half: String) {
        let year = req.query[String.self, at: "jaar"], half = req.query[String.self, at: "periode"]
        if year == nil && half == nil {
            let p = DashboardPage.cbsPeriod(today: .today)
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

    private static func audit(_ req: Request, _ user: CurrentUser, _ report: CBSControlReport.Report, format: String) async throws {
        try await AuditChain.append(AuditEvent(actor: user.actor, practiceID: report.practice, action: .cbsControl, patientID: nil,
                                               detail: CBSControlReport.auditDetail(report, format: format),
                                               address: req.clientAddress), on: req.db)
    }
}
