// The audit log of a practice, for its beheerder: filtered by patient, by user and by
// period, newest first, paged. Looking at the log is itself logged.

import Fluent
import LoketCore
import Vapor

struct AuditLogController {
    static let pageSize = 50

    func index(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readAuditLog)
        let user = try req.currentUser
        // Users know patients by number; the log keeps ids. Either finds the patient.
        // Only a patient of this practice: the filter of another practice's patient id finds
        // nothing, shows nothing and records no patient in this log.
        let patientFilter = clean(req.query[String.self, at: "patient"]).map { String($0.prefix(64)) }
        var patient: String?
        if let f = patientFilter, let found = try await Patient.query(on: req.db).filter(\.$practiceID == practice.id!)
            .group(.or, { $0.filter(\.$number == f).filter(\.$id == f) }).first() {
            patient = found.id
        }
        let unknownPatient = patientFilter != nil && patient == nil
        let actor = clean(req.query[String.self, at: "gebruiker"])
        // A filter date outside 1900–2199 (or not a date) filters nothing.
        func day(_ key: String) -> LocalDate? {
            guard let text = clean(req.query[String.self, at: key]), case .date(let d) = LocalDate.input(text) else { return nil }
            return d
        }
        let from = day("van"), to = day("tot")
        let before = req.query[Int64.self, at: "voor"]

        // Entries of this practice, and sign-ins of its users (those have no practice).
        let members = try await Membership.query(on: req.db).filter(\.$practiceID == practice.id!).all().map { "user:" + $0.userID }
        let rows = unknownPatient ? [] : try await AuditLogQuery.page(on: req.db, practice: practice.id!, members: members, patient: patient, actor: actor,
                                                from: from, to: to, before: before, size: Self.pageSize)

        try await req.audit(AuditEvent(actor: user.actor, practiceID: practice.id, action: .auditView, patientID: patient,
                                               detail: actor.map { "filter user \($0)" }, address: req.clientAddress))
        let numbers = Dictionary(try await Patient.query(on: req.db).filter(\.$practiceID == practice.id!)
            .filter(\.$id ~~ Array(Set(rows.compactMap(\.patient_id)))).all()
            .map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        let users = try await User.query(on: req.db).filter(\.$id ~~ members.map { String($0.dropFirst(5)) }).all()
        let names = Dictionary(users.map { ("user:" + $0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var filter = "patient=\(patientFilter ?? "")&gebruiker=\(actor ?? "")&van=\(from?.iso ?? "")&tot=\(to?.iso ?? "")"
        filter = filter.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        let model = AuditLogPage(
            title: "Auditlog", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Auditlog"), base: Paths.auditLog(practice.id!),
            patient: patientFilter ?? "", actor: actor ?? "", from: from?.iso ?? "", to: to?.iso ?? "",
            users: users.map { SelectOption(value: "user:" + $0.id!, label: $0.name) },
            notice: unknownPatient ? "Deze praktijk heeft geen patiënt met dit nummer." : nil,
            rows: rows.map { r in
                .init(seq: r.seq, at: AuditTime.dutch(r.at),
                      actor: names[r.actor] ?? r.actor, actorID: r.actor, action: AuditLogPage.label(r.action),
                      patient: r.patient_id.map { numbers[$0] ?? $0 } ?? "",
                      detail: r.detail ?? "", address: r.address ?? "")
            },
            nextHref: rows.count == Self.pageSize ? "\(Paths.auditLog(practice.id!))?\(filter)&voor=\(rows.last!.seq)" : nil)
        return try await req.view.render("audit-log", model)
    }
}

struct AuditLogPage: Encodable {
    struct Line: Encodable {
        var seq: Int64, at: String, actor: String, actorID: String, action: String, patient: String, detail: String, address: String
    }
    var title: String
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var base: String
    var patient: String
    var actor: String
    var from: String
    var to: String
    var users: [SelectOption]
    /// Why the selection is empty, when the patient filter finds no patient of the practice.
    var notice: String?
    var rows: [Line]
    var nextHref: String?

    static func label(_ action: String) -> String {
        [
            "import": "Import", "export": "Export", "sign-in": "Aangemeld", "sign-out": "Afgemeld",
            "patient.search": "Patiëntenlijst bekeken", "patient.view": "Patiënt bekeken", "patient.create": "Patiënt aangemaakt",
            "patient.change": "Patiënt gewijzigd", "episode.view": "Episode bekeken", "episode.change": "Episode gewijzigd",
            "treatment.change": "Behandeling gewijzigd", "audit.view": "Auditlog bekeken", "user.create": "Gebruiker toegevoegd",
            "token.create": "API-token gemaakt", "token.revoke": "API-token ingetrokken",
            "cbs.control": "CBS-controle gemaakt", "cbs.final": "CBS definitief gemaakt", "cbs.download": "CBS-bestand gedownload", "ldo.check": "LDO-controle gemaakt",
        ][action] ?? action
    }
}

/// Audit times are stored in UTC; practices read and filter them in Dutch time.
enum AuditTime {
    static var amsterdam: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return c
    }

    /// The instant a Dutch day starts, as the log writes instants.
    static func utcStart(of day: LocalDate) -> String {
        let date = amsterdam.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date()
        return AuditChain.timestamp(date)
    }

    /// `22-11-2026 23:05:01` in Dutch time, from a stored UTC timestamp.
    static func dutch(_ stored: String) -> String {
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(stored) else { return stored }
        return dutch(date)
    }

    /// `22-11-2026 23:05:01` in Dutch time.
    static func dutch(_ date: Date) -> String {
        let c = amsterdam.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.day))-\(two(c.month))-\(c.year ?? 0) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}
