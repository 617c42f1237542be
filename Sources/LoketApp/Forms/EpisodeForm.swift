// The episode form's general part: start, end, main practitioner. The LDO and CBS
// sections are added by the registry issues.

import LoketCore
import Vapor

struct EpisodeForm: Content {
    var start: String?
    var end: String?
    var mainPractitionerID: String?

    init(start: String? = nil, end: String? = nil, mainPractitionerID: String? = nil) {
        self.start = start; self.end = end; self.mainPractitionerID = mainPractitionerID
    }

    init(_ e: Episode) { self.init(start: e.startDate, end: e.endDate, mainPractitionerID: e.mainPractitionerID) }

    func validate(into episode: Episode, employees: [Employee]) -> FormErrors {
        var errors = FormErrors()
        let start = clean(self.start).flatMap { LocalDate(iso: $0) }
        if clean(self.start) == nil { errors.add("start", "Vul de startdatum in.") }
        else if start == nil { errors.add("start", "Vul een geldige datum in.") }
        var end: LocalDate?
        if let raw = clean(self.end) {
            end = LocalDate(iso: raw)
            if end == nil { errors.add("end", "Vul een geldige datum in.") }
            else if let start, end! < start { errors.add("end", "De einddatum ligt vóór de startdatum.") }
        }
        let main = clean(mainPractitionerID)
        if let main, !employees.contains(where: { $0.id == main }) { errors.add("mainPractitionerID", "Kies een medewerker van deze praktijk.") }
        guard errors.isEmpty else { return errors }
        episode.startDate = start!.iso
        episode.endDate = end?.iso
        episode.mainPractitionerID = main
        return errors
    }
}

struct TreatmentForm: Content {
    var date: String?
    var status: String?
    var code: String?
    var practitionerID: String?

    func validate(into t: Treatment, employees: [Employee]) -> FormErrors {
        var errors = FormErrors()
        let date = clean(self.date).flatMap { LocalDate(iso: $0) }
        if date == nil { errors.add("date", "Vul een geldige datum in.") }
        let status = clean(self.status) ?? "attended"
        if !ExchangeValues.treatmentStatus.contains(status) { errors.add("status", "Kies nagekomen, niet verschenen of geannuleerd.") }
        let practitioner = clean(practitionerID)
        if let p = practitioner, !employees.contains(where: { $0.id == p }) { errors.add("practitionerID", "Kies een medewerker van deze praktijk.") }
        guard errors.isEmpty else { return errors }
        t.date = date!.iso
        t.status = status
        t.code = clean(code)
        t.practitionerID = practitioner
        return errors
    }
}

/// Dutch labels of the treatment statuses.
enum TreatmentStatusLabel {
    static func label(_ status: String) -> String {
        switch status {
        case "attended": "Nagekomen"
        case "no_show": "Niet verschenen"
        case "cancelled": "Geannuleerd"
        default: status
        }
    }
}
