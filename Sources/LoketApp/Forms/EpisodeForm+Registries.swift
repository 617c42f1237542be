// The episode form's registry sections. "Gegevens CBS" (spec/cbs-jeugdhulp.md §4) and
// "Gegevens LDO" (spec/ldo.md §4) accept only values of their code lists: a typed code that
// is not in a list is refused here, with the field named, rather than found at delivery.
// Whether the values are complete is the registries' checks' business (the control
// overview, the "LDO" button): an episode may be saved with gaps and fixed later.

import LoketCore

extension EpisodeForm {
    /// Writes the CBS section into `episode`, or adds what is wrong to `errors`. Writes
    /// happen on the object only; the caller saves nothing when `errors` is not empty.
    func validateCBS(into episode: Episode, errors: inout FormErrors) {
        let referrer = code(cbsReferrer, in: CBS.Codes.referrer, field: "cbsReferrer", &errors)
        let careType = code(cbsCareType, in: CBS.Codes.careType, field: "cbsCareType", &errors)
        let endReason = code(cbsEndReason, in: CBS.Codes.endReason, field: "cbsEndReason", &errors)
        let youthHelp = code(cbsYouthWithoutFurtherHelp, in: CBS.Codes.withoutFurtherHelp, field: "cbsYouthWithoutFurtherHelp", &errors)
        let parentHelp = code(cbsParentWithoutFurtherHelp, in: CBS.Codes.withoutFurtherHelp, field: "cbsParentWithoutFurtherHelp", &errors)
        let youth = score(cbsYouthSatisfaction, field: "cbsYouthSatisfaction", &errors)
        let parent = score(cbsParentSatisfaction, field: "cbsParentSatisfaction", &errors)
        let financing = clean(cbsFinancing)
        if let financing, !ExchangeValues.financing.contains(financing) {
            errors.add("cbsFinancing", "Kies zorg in natura of persoonsgebonden budget.")
        }
        // Zorg in natura is the default: stored as such only once it was chosen.
        episode.cbsFinancing = financing.flatMap { ExchangeValues.financing.contains($0) ? $0 : nil } ?? episode.cbsFinancing
        episode.cbsStartedInCrisis = cbsStartedInCrisis == "ja"
        episode.cbsReferrer = referrer
        episode.cbsCareType = careType
        episode.cbsEndReason = endReason
        episode.cbsYouthSatisfaction = youth
        episode.cbsYouthWithoutFurtherHelp = youthHelp
        episode.cbsParentSatisfaction = parent
        episode.cbsParentWithoutFurtherHelp = parentHelp
    }

    func validateLDO(into episode: Episode, errors: inout FormErrors) {
        let consent = clean(ldoConsent), route = clean(ldoAccessRoute), referrer = clean(ldoReferrerType)
        let endReason = clean(ldoEndReason), goals = clean(ldoGoalsAchieved)
        if let consent, LDO.Consent(rawValue: consent) == nil { errors.add("ldoConsent", "Kies een waarde uit de lijst.") }
        if let route, LDO.AccessRoute(rawValue: route) == nil { errors.add("ldoAccessRoute", "Kies een waarde uit de lijst.") }
        if let referrer, LDO.ReferrerType(rawValue: referrer) == nil { errors.add("ldoReferrerType", "Kies een waarde uit de lijst.") }
        if let endReason, LDO.EndReason(rawValue: endReason) == nil { errors.add("ldoEndReason", "Kies een waarde uit de lijst.") }
        if let goals, LDO.GoalsAchieved(rawValue: goals) == nil { errors.add("ldoGoalsAchieved", "Kies een waarde uit de lijst.") }
        let screening = clean(ldoScreeningConclusion), chronic = clean(ldoChronic)
        if let screening, LDO.ScreeningConclusion(rawValue: screening) == nil {
            errors.add("ldoScreeningConclusion", "Kies een waarde uit de lijst.")
        }
        if let chronic, chronic != "ja", chronic != "nee" { errors.add("ldoChronic", "Kies ja, nee of niets.") }
        var referralDate: LocalDate?
        if let raw = clean(ldoReferralDate) { referralDate = errors.date(raw, field: "ldoReferralDate") }
        // The DCSPH code is checked by the LDO rules (its shape is theirs); here only its length.
        let dcsph = clean(ldoDCSPH)
        if let dcsph, dcsph.count > 10 { errors.add("ldoDCSPH", "Een DCSPH-code heeft hooguit 10 tekens.") }
        episode.ldoConsent = consent
        episode.ldoAccessRoute = route
        episode.ldoReferrerType = referrer
        episode.ldoReferralDate = referralDate?.iso
        episode.ldoScreeningConclusion = screening
        episode.ldoChronic = chronic.map { $0 == "ja" }
        episode.ldoDCSPH = dcsph
        episode.ldoEndReason = endReason
        episode.ldoGoalsAchieved = goals
    }

    private func code(_ value: String?, in list: CBS.CodeList, field: String, _ errors: inout FormErrors) -> String? {
        guard let v = clean(value) else { return nil }
        guard list.contains(v) else {
            errors.add(field, "Kies een waarde uit de lijst \(list.name).")
            return nil
        }
        return v
    }

    /// A tevredenheid: empty, or a whole number from 1 to 10 (§8).
    private func score(_ value: String?, field: String, _ errors: inout FormErrors) -> Int? {
        guard let v = clean(value) else { return nil }
        guard let n = Int(v), CBS.Codes.satisfactionScale.contains(n) else {
            errors.add(field, "Vul een heel getal van 1 tot en met 10 in.")
            return nil
        }
        return n
    }
}
