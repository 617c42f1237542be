// The practice's settings: its data (tab "Gegevens") and the registry settings (tab
// "Aanleveringen": LDO opt-in; CBS correspondentienummer, e-mail, telefoon, akkoord
// doorlevering spiegelrapport). The CBS number is stored padded to 10 digits.

import Foundation
import LoketCore
import Vapor

struct PracticeSettingsForm: Content {
    var name: String?
    var kvk: String?
    var agb: String?
    var ldoOptIn: String?
    /// The PVM folder: a path on the server, where PVM picks up deliveries.
    var ldoPVMFolder: String?
    /// Automatic delivery: a day of the month, 1–28, or empty (by hand only).
    var ldoAutoDay: String?
    var cbsCorrespondenceNumber: String?
    var cbsEmail: String?
    var cbsPhone: String?
    var cbsMirrorReportConsent: String?

    init(_ p: Practice) {
        name = p.name; kvk = p.kvk; agb = p.agb; ldoOptIn = p.ldoOptIn ? "on" : nil
        ldoPVMFolder = p.ldoPVMFolder
        ldoAutoDay = p.ldoAutoDay.map(String.init)
        cbsCorrespondenceNumber = p.cbsCorrespondenceNumber.map { CBSCorrespondenceNumber($0)?.value ?? $0 }
        cbsEmail = p.cbsEmail; cbsPhone = p.cbsPhone; cbsMirrorReportConsent = p.cbsMirrorReportConsent
    }

    /// `pvmRoot`: where the PVM folder may be (a folder elsewhere is refused).
    func validate(into p: Practice, pvmRoot: PVMRoot, files: any FileSystem) -> FormErrors {
        var errors = FormErrors()
        errors.limit([("name", name, .name), ("kvk", kvk, .code), ("agb", agb, .code), ("ldoPVMFolder", ldoPVMFolder, .code),
                      ("ldoAutoDay", ldoAutoDay, .code),
                      ("cbsCorrespondenceNumber", cbsCorrespondenceNumber, .code), ("cbsEmail", cbsEmail, .name),
                      ("cbsPhone", cbsPhone, .code), ("cbsMirrorReportConsent", cbsMirrorReportConsent, .code)])
        let name = clean(self.name)
        if name == nil { errors.add("name", "Vul de naam van de praktijk in.") }
        var kvk: String?
        if let raw = clean(self.kvk) {
            kvk = KvKNumber(raw)?.value
            if kvk == nil { errors.add("kvk", "Een KvK-nummer heeft 8 cijfers.") }
        }
        var agb: String?
        if let raw = clean(self.agb) {
            agb = AGBCode(raw)?.value
            if agb == nil { errors.add("agb", "Een AGB-code heeft 8 cijfers.") }
        }
        var folder = clean(ldoPVMFolder)
        if let f = folder {
            switch pvmRoot.check(f, files: files) {
            case .success(let real): folder = real
            case .failure(let problem): errors.add("ldoPVMFolder", problem.message)
            }
        }
        // Up to the 28th: a day every month has. It needs the opt-in and a PVM folder, or
        // there is nothing to deliver and nowhere to put it.
        var autoDay: Int?
        if let raw = clean(ldoAutoDay) {
            autoDay = Int(raw).flatMap { LDOAutomaticDelivery.days.contains($0) ? $0 : nil }
            if autoDay == nil { errors.add("ldoAutoDay", "Kies een dag van 1 tot en met 28, of niet automatisch.") }
            else if ldoOptIn == nil || folder == nil {
                errors.add("ldoAutoDay", "Automatisch aanleveren vraagt ‘Aanleveren aan LDO’ en een map van PVM.")
            }
        }
        var number: String?
        if let raw = clean(cbsCorrespondenceNumber) {
            number = CBSCorrespondenceNumber(raw)?.value
            if number == nil { errors.add("cbsCorrespondenceNumber", "Het correspondentienummer bestaat uit hoogstens 10 cijfers.") }
        }
        let email = clean(cbsEmail)
        if let e = email, !(e.contains("@") && e.contains(".") && !e.contains(" ")) {
            errors.add("cbsEmail", "Vul een geldig e-mailadres in.")
        }
        let phone = clean(cbsPhone)
        if let ph = phone, ph.filter(\.isNumber).count < 10 { errors.add("cbsPhone", "Vul een telefoonnummer van 10 cijfers in.") }
        let consent = clean(cbsMirrorReportConsent)
        if let c = consent, !ExchangeValues.mirrorReportConsent.contains(c) { errors.add("cbsMirrorReportConsent", "Kies Ja, Nee of niets.") }
        guard errors.isEmpty else { return errors }
        p.name = name!
        p.kvk = kvk
        p.agb = agb
        p.ldoOptIn = ldoOptIn != nil
        p.ldoPVMFolder = folder
        p.ldoAutoDay = autoDay
        p.cbsCorrespondenceNumber = number
        p.cbsEmail = email
        p.cbsPhone = phone
        p.cbsMirrorReportConsent = consent
        return errors
    }
}

struct EmployeeForm: Content {
    var name: String?
    var big: String?
    var agb: String?

    init(name: String? = nil, big: String? = nil, agb: String? = nil) { self.name = name; self.big = big; self.agb = agb }
    init(_ e: Employee) { self.init(name: e.name, big: e.big, agb: e.agb) }

    func validate(into e: Employee) -> FormErrors {
        var errors = FormErrors()
        errors.limit([("name", name, .name), ("big", big, .code), ("agb", agb, .code)])
        let name = clean(self.name)
        if name == nil { errors.add("name", "Vul de naam in.") }
        var big: String?
        if let raw = clean(self.big) {
            big = BIGNumber(raw)?.value
            if big == nil { errors.add("big", "Een BIG-nummer heeft 11 cijfers.") }
        }
        var agb: String?
        if let raw = clean(self.agb) {
            agb = AGBCode(raw)?.value
            if agb == nil { errors.add("agb", "Een AGB-code heeft 8 cijfers.") }
        }
        guard errors.isEmpty else { return errors }
        e.name = name!
        e.big = big
        e.agb = agb
        return errors
    }
}

struct NewUserForm: Content {
    var email: String?
    var name: String?
    var role: String?
    var password: String?

    func validate() -> (FormErrors, (email: String, name: String, role: Role, password: String)?) {
        var errors = FormErrors()
        errors.limit([("email", email, .name), ("name", name, .name), ("role", role, .code), ("password", password, .text)])
        let email = clean(self.email).map(User.normalise)
        if email == nil || !email!.contains("@") { errors.add("email", "Vul een geldig e-mailadres in.") }
        let name = clean(self.name)
        if name == nil { errors.add("name", "Vul de naam in.") }
        let role = clean(self.role).flatMap(Role.init(rawValue:))
        if role == nil { errors.add("role", "Kies een rol.") }
        let password = self.password ?? ""
        if let problem = Passwords.problem(password) { errors.add("password", problem) }
        guard errors.isEmpty else { return (errors, nil) }
        return (errors, (email!, name!, role!, password))
    }
}
