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
        if let f = patientFilter, let found = try await Patient.query(on: req.database).filter(\.$practiceID == practice.id!)
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
        let members = try await Membership.query(on: req.database).filter(\.$practiceID == practice.id!).all().map { "user:" + $0.userID }
        let rows = unknownPatient ? [] : try await AuditLogQuery.page(on: req.database, practice: practice.id!, members: members, patient: patient, actor: actor,
                                                from: from, to: to, before: before, size: Self.pageSize)

        try await req.audit(AuditEvent(actor: user.actor, practiceID: practice.id, action: .auditView, patientID: patient,
                                               detail: actor.map { "filter user \($0)" }, address: req.clientAddress))
        let numbers = Dictionary(try await Patient.query(on: req.database).filter(\.$practiceID == practice.id!)
            .filter(\.$id ~~ Array(Set(rows.compactMap(\.patient_id)))).all()
            .map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        let users = try await User.query(on: req.database).filter(\.$id ~~ members.map { String($0.dropFirst(5)) }).all()
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
                      detail: r.detail.map { AuditDetailDutch.text($0, action: r.action, names: names) } ?? "",
                      storedDetail: r.detail ?? "", address: r.address ?? "")
            },
            nextHref: rows.count == Self.pageSize ? "\(Paths.auditLog(practice.id!))?\(filter)&voor=\(rows.last!.seq)" : nil)
        return try await req.view.render("audit-log", model)
    }
}

struct AuditLogPage: Encodable {
    struct Line: Encodable {
        var seq: Int64, at: String, actor: String, actorID: String, action: String, patient: String
        /// The detail in Dutch, as shown; `storedDetail` is the text the chain holds.
        var detail: String
        var storedDetail: String
        var address: String
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

    /// The Dutch name of a stored action; an unknown one (a newer version's) as stored.
    static func label(_ action: String) -> String {
        guard let known = AuditAction(rawValue: action) else { return action }
        return label(known)
    }

    static func label(_ action: AuditAction) -> String {
        switch action {
        case .importDocument: "Gegevens geïmporteerd"
        case .exportDocument: "Gegevens geëxporteerd"
        case .demoData: "Demogegevens geladen"
        case .signIn: "Aangemeld"
        case .signOut: "Afgemeld"
        case .patientSearch: "Patiëntenlijst bekeken"
        case .patientView: "Patiënt bekeken"
        case .patientCreate: "Patiënt aangemaakt"
        case .patientChange: "Patiënt gewijzigd"
        case .episodeView: "Episode bekeken"
        case .episodeChange: "Episode gewijzigd"
        case .treatmentChange: "Behandeling gewijzigd"
        case .measurementChange: "Meting gewijzigd"
        case .auditView: "Auditlog bekeken"
        case .auditKey: "Auditlog beveiligd met sleutel"
        case .userCreate: "Gebruiker toegevoegd"
        case .userRemove: "Gebruiker verwijderd uit praktijk"
        case .passwordChange: "Wachtwoord gewijzigd"
        case .passwordReset: "Wachtwoord opnieuw ingesteld"
        case .twoFactorEnable: "Tweestapsverificatie aangezet"
        case .twoFactorDisable: "Tweestapsverificatie uitgezet"
        case .twoFactorRecovery: "Aangemeld met herstelcode"
        case .practiceChange: "Praktijk gewijzigd"
        case .employeeChange: "Medewerker gewijzigd"
        case .tokenCreate: "API-token gemaakt"
        case .tokenRevoke: "API-token ingetrokken"
        case .cbsControl: "CBS-controle"
        case .cbsFinal: "CBS definitief aangeleverd"
        case .cbsDownload: "CBS-bestand gedownload"
        case .cbsWithdraw: "CBS-aanlevering ingetrokken"
        case .cbsView: "CBS-wijzigingen bekeken"
        case .ldoCheck: "LDO-controle"
        case .ldoDeliver: "LDO-aanlevering gemaakt"
        case .ldoReport: "LDO-verwerkingsverslag ingelezen"
        case .ldoView: "LDO-aanlevering bekeken"
        case .backup: "Back-up gemaakt"
        }
    }
}

/// The stored details are English, terse and part of the hash chain (and of the API), so
/// they stay as they are; the page translates them when it shows them. Ids, counts, dates
/// and periods pass through unchanged; a detail this table does not know is shown as stored.
enum AuditDetailDutch {
    /// `names` turns an actor id (`user:…`) into the user's name, for "filter user …".
    static func text(_ detail: String, action: String, names: [String: String] = [:]) -> String {
        switch AuditAction(rawValue: action) {
        case .patientChange:
            // The names of the changed fields, comma separated (PatientForm.changedFields);
            // the action already says "gewijzigd".
            let fields = detail.split(separator: ",").map { patientFields[String($0)] ?? String($0) }
            return fields.isEmpty ? detail : fields.joined(separator: ", ")
        case .treatmentChange:
            // "<id> <status>" or "added <id>".
            let parts = detail.split(separator: " ")
            if parts.count == 2, parts[0] != "added" { return "\(parts[0]) \(TreatmentStatusLabel.label(String(parts[1])).lowercased())" }
        case .auditView:
            if detail.hasPrefix("filter user ") {
                let actor = String(detail.dropFirst("filter user ".count))
                return "filter op gebruiker " + (names[actor] ?? actor)
            }
        case .ldoReport:
            // "<id> <status>: n accepted, m rejected"
            var text = detail
            for status in ["placed", "processed", "rejected"] {
                let label = LDODelivery.Status(rawValue: status)?.label.lowercased() ?? status
                text = text.replacingOccurrences(of: " \(status): ", with: " \(label): ")
            }
            return phrases(text)
        default: break
        }
        if let whole = wholeDetails[detail] { return whole }
        return phrases(detail)
    }

    /// Details that are one fixed text.
    static let wholeDetails = [
        "settings": "instellingen",
        "two-factor sign-in required": "tweestapsverificatie verplicht",
        "two-factor sign-in optional": "tweestapsverificatie niet verplicht",
    ]

    /// PatientForm's field names as the patient form labels them.
    static let patientFields = [
        "number": "patiëntnummer", "name": "naam", "bsn": "BSN", "birthDate": "geboortedatum", "sex": "geslacht",
        "postcode": "postcode", "municipalityCode": "gemeentecode", "insurerUzovi": "verzekeraar",
        "identityVerified": "identiteit gecontroleerd",
    ]

    /// Words at the start of a detail.
    static let prefixes = [
        ("list: ", "lijst: "), ("search: ", "zoekopdracht: "), ("view ", "bekeken "), ("preview ", "voorbeeld "),
        ("added ", "toegevoegd: "), ("changed ", "gecorrigeerd: "), ("removed ", "verwijderd: "), ("created ", "aangemaakt: "), ("window ", "venster "), ("entries from ", "regels vanaf "),
    ]

    /// Phrases inside a detail, longest first where one contains another.
    static let inner = [
        (" report download", " verwerkingsverslag gedownload"), (" page ", " pagina "), (" results", " resultaten"),
        (" window ", " venster "), (" rows", " regels"), (" deliverable", " aanleverbaar"), (" of ", " van "),
        (" included", " mee"), (" with findings", " met meldingen"), (" without consent", " zonder toestemming"),
        (" accepted", " goedgekeurd"), (" rejected", " afgekeurd"), (" withdrawn", " ingetrokken"),
        (" is current again", " is weer de huidige"), (" changes against ", " wijzigingen ten opzichte van "), (" changes", " wijzigingen"),
        (" practices", " praktijken"), (" employees", " medewerkers"), (" patients", " patiënten"), (" treatments", " behandelingen"), (" measurements", " metingen"),
        (" updated, the rest new", " bijgewerkt, de rest nieuw"), (" on are keyed", " met de sleutel beveiligd"), (" as ", " als "),
        (", stored", ", opgeslagen"), (", web", ", op het scherm"), (", csv", ", als CSV"), (", xlsx", ", als Excel"),
    ]

    static func phrases(_ detail: String) -> String {
        var text = detail
        for (english, dutch) in prefixes where text.hasPrefix(english) {
            text = dutch + text.dropFirst(english.count)
            break
        }
        for (english, dutch) in inner { text = text.replacingOccurrences(of: english, with: dutch) }
        return text
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
