// The CBS deliveries of a practice: the definitive delivery (confirmed first), its
// withdrawal, and downloading its file. Each is an audit log entry.

import Fluent
import LoketCore
import Vapor

struct CBSDeliveriesController {
    /// GET …/aanleveringen/cbs/definitief?jaar&periode&formaat: what the definitive delivery
    /// will be, to confirm (or why it cannot be made).
    func confirm(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let (period, format) = try Self.input(req.query[String.self, at: "jaar"], req.query[String.self, at: "periode"],
                                              req.query[String.self, at: "formaat"])
        let p = practice.id!
        let preview = try await CBSFinalDelivery.preview(practice: practice, period: period, in: try req.useCase())
        var replaced: String?
        if let d = preview.replaces {
            let who = try await User.names(ofActors: [d.madeBy], on: req.database)[d.madeBy] ?? d.madeBy
            replaced = "van \(period), gemaakt op \(AuditTime.dutch(d.madeAt)) door \(who)"
        }
        let page = CBSFinalConfirmPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: try req.currentUser, practice: p, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: p, active: "CBS Jeugd"), period: "\(period)",
            rows: preview.rows, deliverable: preview.deliverable, records: preview.records, formatLabel: format.label,
            format: format.rawValue, layoutVersion: preview.layout, replaces: replaced, refusal: preview.refusal,
            year: period.year, half: period.half, confirmAction: Paths.cbsFinal(p), backHref: Self.back(p, period))
        return try await req.view.render("cbs-final-confirm", page).encodeResponse(status: preview.refusal == nil ? .ok : .conflict, for: req)
    }

    /// POST …/aanleveringen/cbs/definitief (jaar, periode, formaat, bevestigd=1): the
    /// definitive delivery. Without the confirmation, the confirmation page first.
    func makeFinal(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let (period, format) = try Self.input(try? req.content.get(String.self, at: "jaar"), try? req.content.get(String.self, at: "periode"),
                                              try? req.content.get(String.self, at: "formaat"))
        let back = Self.back(practice.id!, period)
        guard (try? req.content.get(String.self, at: "bevestigd")) == "1" else {
            return req.redirect(to: Paths.cbsFinal(practice.id!) + "?jaar=\(period.year)&periode=\(period.half)&formaat=\(format.rawValue)")
        }
        do {
            let d = try await CBSFinalDelivery.make(practice: practice, period: period, format: format, in: try req.useCase())
            return req.redirect(to: back + "&gemaakt=\(d.id!)")
        } catch let failure as CBSFinalDelivery.Failure {
            return req.redirect(to: back + "&fout=" + Paths.queryValue(failure.description))
        }
    }

    /// POST …/aanleveringen/cbs/:deliveryID/intrekken (reden): withdraws a definitive delivery.
    func withdraw(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database), d.practiceID == practice.id,
              let period = HalfYear(year: d.year, half: d.half) else { throw LoketError.notFound("Aanlevering niet gevonden.") }
        let back = Self.back(practice.id!, period)
        do {
            try await CBSFinalWithdrawal.withdraw(id, practice: practice, reason: (try? req.content.get(String.self, at: "reden")) ?? "",
                                                  in: try req.useCase())
            return req.redirect(to: back + "&ingetrokken=\(id)")
        } catch let failure as CBSFinalWithdrawal.Failure {
            return req.redirect(to: back + "&fout=" + Paths.queryValue(failure.description))
        }
    }

    private static func input(_ year: String?, _ half: String?, _ formatText: String?) throws -> (HalfYear, CBSFileFormat) {
        guard case .success(let period) = CBSControlReport.halfYear(year: year, half: half) else {
            throw LoketError.badRequest("Kies een jaar en een periode.")
        }
        guard let format = CBSFileFormat(rawValue: formatText ?? CBSFileFormat.ascii.rawValue) else {
            throw LoketError.badRequest("Kies het ASCII-formaat of de standaard spreadsheet.")
        }
        return (period, format)
    }

    static func back(_ practice: String, _ period: HalfYear) -> String {
        Paths.cbsControl(practice) + "?jaar=\(period.year)&periode=\(period.half)"
    }

    /// GET …/aanleveringen/cbs/:deliveryID/bestand: the definitive file, as uploaded to CBS.
    func download(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database),
              d.practiceID == practice.id, let file = d.file else { throw LoketError.notFound("Aanlevering niet gevonden.") }
        try await req.useCase().audit(.cbsDownload, practice: practice.id, detail: id)
        let response = Response(status: .ok, body: .init(data: file))
        response.headers.contentType = (d.format.flatMap(CBSFileFormat.init) ?? .ascii).mediaType
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(d.fileName ?? "cbs.txt")\"")
        return response
    }

    /// The deliveries list of the control page, newest first.
    static func lines(practice: String, on db: any Database) async throws -> [CBSControlPage.DeliveryLine] {
        let deliveries = try await CBSDelivery.query(on: db).filter(\.$practiceID == practice)
            .sort(\.$madeAt, .descending).limit(50).all()
        let names = try await User.names(ofActors: deliveries.map(\.madeBy), on: db)
        return deliveries.map { d in
            var state = ""
            if let at = d.withdrawnAt { state = "Ingetrokken op \(AuditTime.dutch(at)): \(d.withdrawalReason ?? "")" }
            else if let by = d.replacedBy { state = "Vervangen door \(by)" }
            else if d.isFinal { state = "Huidige aanlevering" }
            return CBSControlPage.DeliveryLine(
                id: d.id!, kind: d.isFinal ? "Definitief" : "Controle", period: "JH-\(d.half) \(d.year)",
                madeBy: names[d.madeBy] ?? d.madeBy, madeAt: AuditTime.dutch((d.madeAt)),
                rows: d.rows, deliverable: d.deliverableRows, records: d.isFinal ? String(d.records) : "",
                format: d.format.flatMap(CBSFileFormat.init).map { $0 == .xlsx ? "spreadsheet" : "ASCII" } ?? "",
                downloadHref: d.file == nil ? nil : Paths.cbsDownload(practice, d.id!),
                state: state, layoutVersion: d.layout ?? "",
                withdrawAction: d.isCurrent ? Paths.cbsWithdraw(practice, d.id!) : nil,
                detailsHref: d.isFinal ? nil : Paths.cbsControl(practice) + "?jaar=\(d.year)&periode=\(d.half)&controle=\(d.id!)",
                changesHref: d.isFinal ? Paths.cbsChanges(practice, d.id!) : nil)
        }
    }
}

extension CBSDeliveriesController {
    /// GET …/aanleveringen/cbs/:deliveryID/wijzigingen: what a definitive delivery changes
    /// against the one before it for its period.
    func changes(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .deliver)
        let p = practice.id!
        guard let id = req.parameters.get("deliveryID"), let d = try await CBSDelivery.find(id, on: req.database), d.practiceID == p,
              let period = HalfYear(year: d.year, half: d.half) else { throw LoketError.notFound("Aanlevering niet gevonden.") }
        let result: CBSFinalChanges.Result
        do {
            result = try await CBSFinalChanges.view(id, practice: p, in: try req.useCase())
        } catch let failure as CBSFinalChanges.Failure {
            return req.redirect(to: Self.back(p, period) + "&fout=" + Paths.queryValue(failure.description))
        }
        let c = result.changes
        let bsns = (c.added + c.removed + c.changed.map(\.after)).compactMap { $0[.bsn] }
        let patients = try await PatientsByBSN.find(bsns, practice: p, on: req.database)
        let names = try await User.names(ofActors: [d.madeBy] + (result.previous.map { [$0.madeBy] } ?? []), on: req.database)
        func label(_ d: CBSDelivery) -> String {
            "de aanlevering van \(period), gemaakt op \(AuditTime.dutch(d.madeAt)) door \(names[d.madeBy] ?? d.madeBy)"
        }
        let page = CBSChangesPage(
            layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: try req.currentUser, practice: p, active: "Aanleveringen"),
            subtabs: DeliveryTabs.make(practice: p, active: "CBS Jeugd"), delivery: label(d),
            previous: result.previous.map(label), unchanged: c.unchanged,
            sections: CBSChangesPage.sections(c, practice: p, patients: patients), backHref: Self.back(p, period))
        return try await req.view.render("cbs-changes", page).encodeResponse(for: req)
    }
}
