// The episode form: the general part (start, end, main practitioner) here, the sections
// "Gegevens CBS" and "Gegevens LDO" in EpisodeForm+Registries.swift. One form, one save:
// an error anywhere saves nothing.

import LoketCore
import Vapor

struct EpisodeForm: Content {
    var start: String?
    var end: String?
    var mainPractitionerID: String?

    /// "1" when the form showed the section: a post without it leaves those fields alone
    /// (an unchecked checkbox sends nothing, so absence alone cannot mean "cleared").
    var cbsSection: String?
    /// Checkbox: "ja" when checked.
    var cbsStartedInCrisis: String?
    var cbsReferrer: String?
    var cbsCareType: String?
    /// "zin" or "pgb".
    var cbsFinancing: String?
    var cbsEndReason: String?
    var cbsYouthSatisfaction: String?
    var cbsYouthWithoutFurtherHelp: String?
    var cbsParentSatisfaction: String?
    var cbsParentWithoutFurtherHelp: String?

    var ldoSection: String?
    var ldoConsent: String?
    var ldoAccessRoute: String?
    var ldoReferrerType: String?
    /// Verwijsdatum, dd-mm-jjjj or jjjj-mm-dd.
    var ldoReferralDate: String?
    /// "treat", "refer" or "no_indication".
    var ldoScreeningConclusion: String?
    /// "ja", "nee" or empty (not registered).
    var ldoChronic: String?
    var ldoDCSPH: String?
    var ldoEndReason: String?
    var ldoGoalsAchieved: String?
    /// "1" when the LDO check panel was open: it stays open after saving.
    var ldoCheck: String?

    init(start: String? = nil, end: String? = nil, mainPractitionerID: String? = nil) {
        self.start = start; self.end = end; self.mainPractitionerID = mainPractitionerID
    }

    init(_ e: Episode) {
        self.init(start: e.startDate, end: e.endDate, mainPractitionerID: e.mainPractitionerID)
        cbsStartedInCrisis = e.cbsStartedInCrisis ? "ja" : nil
        cbsReferrer = e.cbsReferrer
        cbsCareType = e.cbsCareType
        cbsFinancing = e.cbsFinancing ?? "zin"
        cbsEndReason = e.cbsEndReason
        cbsYouthSatisfaction = e.cbsYouthSatisfaction.map(String.init)
        cbsYouthWithoutFurtherHelp = e.cbsYouthWithoutFurtherHelp
        cbsParentSatisfaction = e.cbsParentSatisfaction.map(String.init)
        cbsParentWithoutFurtherHelp = e.cbsParentWithoutFurtherHelp
        ldoConsent = e.ldoConsent
        ldoAccessRoute = e.ldoAccessRoute
        ldoReferrerType = e.ldoReferrerType
        ldoReferralDate = e.ldoReferralDate
        ldoScreeningConclusion = e.ldoScreeningConclusion
        ldoChronic = e.ldoChronic.map { $0 ? "ja" : "nee" }
        ldoDCSPH = e.ldoDCSPH
        ldoEndReason = e.ldoEndReason
        ldoGoalsAchieved = e.ldoGoalsAchieved
    }

    func validate(into episode: Episode, employees: [Employee]) -> FormErrors {
        var errors = FormErrors()
        errors.limit([("start", start, .text), ("end", end, .text), ("mainPractitionerID", mainPractitionerID, .id),
                      ("cbsReferrer", cbsReferrer, .code), ("cbsCareType", cbsCareType, .code), ("cbsFinancing", cbsFinancing, .code),
                      ("cbsEndReason", cbsEndReason, .code), ("cbsYouthSatisfaction", cbsYouthSatisfaction, .code),
                      ("cbsYouthWithoutFurtherHelp", cbsYouthWithoutFurtherHelp, .code),
                      ("cbsParentSatisfaction", cbsParentSatisfaction, .code),
                      ("cbsParentWithoutFurtherHelp", cbsParentWithoutFurtherHelp, .code), ("ldoConsent", ldoConsent, .code),
                      ("ldoAccessRoute", ldoAccessRoute, .code), ("ldoReferrerType", ldoReferrerType, .code),
                      ("ldoReferralDate", ldoReferralDate, .text), ("ldoScreeningConclusion", ldoScreeningConclusion, .code),
                      ("ldoChronic", ldoChronic, .code),
                      ("ldoDCSPH", ldoDCSPH, .code), ("ldoEndReason", ldoEndReason, .code), ("ldoGoalsAchieved", ldoGoalsAchieved, .code)])
        var start: LocalDate?
        if let raw = clean(self.start) { start = errors.date(raw, field: "start") }
        else { errors.add("start", "Vul de startdatum in.") }
        var end: LocalDate?
        if let raw = clean(self.end) {
            end = errors.date(raw, field: "end")
            if let start, let end, end < start { errors.add("end", "De einddatum ligt vóór de startdatum.") }
        }
        let main = clean(mainPractitionerID)
        if let main, !employees.contains(where: { $0.id == main }) { errors.add("mainPractitionerID", "Kies een medewerker van deze praktijk.") }
        if cbsSection == "1" { validateCBS(into: episode, errors: &errors) }
        if ldoSection == "1" { validateLDO(into: episode, errors: &errors) }
        guard errors.isEmpty, let start else { return errors }
        episode.startDate = start.iso
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
        errors.limit([("date", date, .text), ("status", status, .code), ("code", code, .code), ("practitionerID", practitionerID, .id)])
        var date: LocalDate?
        if let raw = clean(self.date) { date = errors.date(raw, field: "date") }
        else { errors.add("date", "Vul een geldige datum in.") }
        let status = clean(self.status) ?? "attended"
        if !ExchangeValues.treatmentStatus.contains(status) { errors.add("status", "Kies nagekomen, niet verschenen of geannuleerd.") }
        let practitioner = clean(practitionerID)
        if let p = practitioner, !employees.contains(where: { $0.id == p }) { errors.add("practitionerID", "Kies een medewerker van deze praktijk.") }
        guard errors.isEmpty, let date else { return errors }
        t.date = date.iso
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
