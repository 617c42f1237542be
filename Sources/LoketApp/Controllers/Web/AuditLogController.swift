// The audit log of a practice, for its beheerder: filtered by patient, by user and by
// period, newest first, paged. Looking at the log is itself logged.

import Fluent
import LoketCore
import SQLKit
import Vapor

struct AuditLogController {
    static let pageSize = 50

    struct Row: Decodable {
        var seq: Int64, at: String, actor: String, action: String, patient_id: String?, detail: String?, address: String?
    }

    func index(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readAuditLog)
        let user = try req.currentUser
        let patient = clean(req.query[String.self, at: "patient"])
        let actor = clean(req.query[String.self, at: "gebruiker"])
        let from = clean(req.query[String.self, at: "van"]).flatMap { LocalDate(iso: $0) }
        let to = clean(req.query[String.self, at: "tot"]).flatMap { LocalDate(iso: $0) }
        let before = req.query[Int64.self, at: "voor"]

        // Entries of this practice, and sign-ins of its users (those have no practice).
        let members = try await Membership.query(on: req.db).filter(\.$practiceID == practice.id!).all().map { "user:" + $0.userID }
        var q = (req.db as! any SQLDatabase).select().columns("seq", "at", "actor", "action", "patient_id", "detail", "address")
            .from("audit_entries")
            .where { w in
                w.where("practice_id", .equal, SQLBind(practice.id!))
                if !members.isEmpty { w.orWhere("actor", .in, SQLBind.group(members)) }
                return w
            }
        if let patient { q = q.where("patient_id", .equal, SQLBind(patient)) }
        if let actor { q = q.where("actor", .equal, SQLBind(actor)) }
        // `at` is ISO 8601 in UTC: text order is time order.
        if let from { q = q.where("at", .greaterThanOrEqual, SQLBind(from.iso)) }
        if let to { q = q.where("at", .lessThan, SQLBind(to.adding(days: 1).iso)) }
        if let before { q = q.where("seq", .lessThan, SQLBind(before)) }
        let rows = try await q.orderBy("seq", .descending).limit(Self.pageSize).all(decoding: Row.self)

        try await AuditChain.append(AuditEvent(actor: user.actor, practiceID: practice.id, action: .auditView, patientID: patient,
                                               detail: actor.map { "filter user \($0)" }, address: req.clientAddress), on: req.db)
        let users = try await User.query(on: req.db).filter(\.$id ~~ members.map { String($0.dropFirst(5)) }).all()
        let names = Dictionary(users.map { ("user:" + $0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var filter = "patient=\(patient ?? "")&gebruiker=\(actor ?? "")&van=\(from?.iso ?? "")&tot=\(to?.iso ?? "")"
        filter = filter.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        let model = AuditLogPage(
            title: "Auditlog", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Auditlog"), base: Paths.auditLog(practice.id!),
            patient: patient ?? "", actor: actor ?? "", from: from?.iso ?? "", to: to?.iso ?? "",
            users: users.map { SelectOption(value: "user:" + $0.id!, label: $0.name) },
            rows: rows.map { r in
                .init(seq: r.seq, at: r.at.replacingOccurrences(of: "T", with: " ").prefix(19).description,
                      actor: names[r.actor] ?? r.actor, actorID: r.actor, action: AuditLogPage.label(r.action), patient: r.patient_id ?? "",
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
    var rows: [Line]
    var nextHref: String?

    static func label(_ action: String) -> String {
        [
            "import": "Import", "export": "Export", "sign-in": "Aangemeld", "sign-out": "Afgemeld",
            "patient.search": "Patiëntenlijst bekeken", "patient.view": "Patiënt bekeken", "patient.create": "Patiënt aangemaakt",
            "patient.change": "Patiënt gewijzigd", "episode.view": "Episode bekeken", "episode.change": "Episode gewijzigd",
            "treatment.change": "Behandeling gewijzigd", "audit.view": "Auditlog bekeken", "user.create": "Gebruiker toegevoegd",
            "token.create": "API-token gemaakt", "token.revoke": "API-token ingetrokken",
        ][action] ?? action
    }
}
