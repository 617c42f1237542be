// The registry sections of the episode page: "Gegevens CBS" with its code lists and the
// delivery stamp, "Gegevens LDO" with its lists, and the result of the "LDO" button. Each
// section shows for a practice that delivers to that registry, or for an episode that
// already holds its data (a practice that stopped delivering still sees what was kept).

import Foundation
import LoketCore
import Vapor

extension Practice {
    /// A practice delivers to CBS once it has a correspondentienummer.
    var usesCBS: Bool { cbsCorrespondenceNumber != nil }
}

extension Episode {
    var hasCBSData: Bool {
        cbsCareType != nil || cbsFinancing != nil || cbsReferrer != nil || cbsEndReason != nil || cbsPerspective != nil || cbsStartedInCrisis
    }

    var hasLDOData: Bool { ldoConsent != nil || ldoAccessRoute != nil || ldoDCSPH != nil || ldoReferralDate != nil }
}

extension EpisodePage.DeliveryLine {
    /// A delivery the episode went out in, as the page's "Aanleveringen" lists it.
    init(_ line: CBSDeliveryHistory.EpisodeLine, practice p: String) {
        id = line.deliveryID
        madeAt = AuditTime.dutch(line.madeAt)
        if line.registry == "cbs" {
            registry = "CBS"
            period = line.halfYear.map { "\($0)" } ?? ""
            state = line.state == "withdrawn" ? "ingetrokken" : line.state == "replaced" ? "vervangen door \(line.replacedBy ?? "")" : "huidige"
            href = Paths.cbsControl(p) + (line.halfYear.map { "?jaar=\($0.year)&periode=\($0.half)" } ?? "") + "#delivery-\(line.deliveryID)"
        } else {
            registry = "LDO"
            period = line.window.map { "\(dutchDate($0.start)) t/m \(dutchDate($0.end))" } ?? ""
            state = (LDODelivery.Status(rawValue: line.state)?.label ?? line.state).lowercased()
            href = Paths.ldoDelivery(p, line.deliveryID)
        }
    }
}

extension EpisodePage {
    struct CBSSection: Encodable {
        var referrers: [SelectOption]
        var careTypes: [SelectOption]
        /// Zorg in natura or PGB (a PGB episode is not delivered to CBS).
        var financings: [SelectOption]
        var endReasons: [SelectOption]
        var youthWithoutFurtherHelp: [SelectOption]
        var parentWithoutFurtherHelp: [SelectOption]
        /// Perspectief, asked until 2018: shown read-only on the old episodes that have it.
        var perspective: String?

        static func make(_ e: Episode) -> CBSSection {
            let start = LocalDate(iso: e.startDate) ?? .today
            return CBSSection(
                referrers: options(CBS.Codes.referrer.options(forCareStartedOn: start, keeping: e.cbsReferrer)),
                careTypes: options(CBS.Codes.careType.codes),
                financings: [SelectOption(value: "zin", label: "Zorg in natura"),
                             SelectOption(value: "pgb", label: "Persoonsgebonden budget (PGB): niet aan CBS")],
                endReasons: options(CBS.Codes.endReason.codes),
                youthWithoutFurtherHelp: options(CBS.Codes.withoutFurtherHelp.codes),
                parentWithoutFurtherHelp: options(CBS.Codes.withoutFurtherHelp.codes),
                perspective: e.cbsPerspective.map { CBS.Codes.perspective.entry($0)?.display ?? $0 })
        }

        private static func options(_ codes: [CBS.Code]) -> [SelectOption] {
            codes.map { SelectOption(value: $0.code, label: $0.display) }
        }
    }

    struct LDOSection: Encodable {
        var consents: [SelectOption]
        var accessRoutes: [SelectOption]
        var referrerTypes: [SelectOption]
        var screeningConclusions: [SelectOption]
        var chronic: [SelectOption]
        var endReasons: [SelectOption]
        var goals: [SelectOption]
        /// The "LDO" button's link: the check of this episode, shown on this page.
        var checkHref: String

        static func make(_ e: Episode, practice: Practice) -> LDOSection {
            LDOSection(
                consents: LDO.Consent.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                accessRoutes: LDO.AccessRoute.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                referrerTypes: LDO.ReferrerType.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                screeningConclusions: LDO.ScreeningConclusion.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                chronic: [SelectOption(value: "ja", label: "Ja, op de chronische lijst"), SelectOption(value: "nee", label: "Nee")],
                endReasons: LDO.EndReason.allCases.map { SelectOption(value: $0.rawValue, label: "\($0.rawValue) \($0.label)") },
                goals: LDO.GoalsAchieved.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                checkHref: Paths.episode(practice.id!, e.id!) + "?ldo=1#ldo")
        }
    }

    /// Marks in every list of the page the option that `form` holds.
    mutating func selectFormValues() {
        employees = employees.selecting(form.mainPractitionerID)
        if var c = cbs {
            c.referrers = c.referrers.selecting(form.cbsReferrer)
            c.careTypes = c.careTypes.selecting(form.cbsCareType)
            c.financings = c.financings.selecting(form.cbsFinancing ?? "zin")
            c.endReasons = c.endReasons.selecting(form.cbsEndReason)
            c.youthWithoutFurtherHelp = c.youthWithoutFurtherHelp.selecting(form.cbsYouthWithoutFurtherHelp)
            c.parentWithoutFurtherHelp = c.parentWithoutFurtherHelp.selecting(form.cbsParentWithoutFurtherHelp)
            cbs = c
        }
        if var l = ldo {
            l.consents = l.consents.selecting(form.ldoConsent)
            l.accessRoutes = l.accessRoutes.selecting(form.ldoAccessRoute)
            l.referrerTypes = l.referrerTypes.selecting(form.ldoReferrerType)
            l.screeningConclusions = l.screeningConclusions.selecting(form.ldoScreeningConclusion)
            l.chronic = l.chronic.selecting(form.ldoChronic)
            l.endReasons = l.endReasons.selecting(form.ldoEndReason)
            l.goals = l.goals.selecting(form.ldoGoalsAchieved)
            ldo = l
        }
    }

    /// spec/ldo.md §1.4: what the LDO delivery misses for this episode, as stored now.
    struct LDOCheck: Encodable {
        /// One finding: its text, and where it is fixed — a field of this form (`field`, the
        /// field's id, which shows the finding too) or another page (`href`).
        struct Line: Encodable, Equatable {
            var text: String
            var field: String?
            var href: String?
            /// The link's text: which page it opens.
            var hrefLabel: String?
        }
        var findings: [Line]
        /// What the LDO check warns of (spec/ldo.md §4): the episode still goes.
        var warnings: [Line] = []
        /// The patient's refusal (bezwaar): a choice to respect, not something to fix.
        var refusal: String?
        /// Whether the episode has an attended treatment in the current delivery's window.
        var inWindow: Bool
        var window: String

        static let refusalText = "De patiënt heeft bezwaar gemaakt tegen aanlevering aan de LDO. Dat is de keuze van de patiënt: "
            + "er is niets te verbeteren, en de episode gaat niet mee in de aanlevering."

        /// The form field of this page that a LDO finding is about (LoketCore's field names).
        static let formFields = [
            "consent": "ldoConsent", "accessRoute": "ldoAccessRoute", "referrerType": "ldoReferrerType", "dcsph": "ldoDCSPH",
            "endReason": "ldoEndReason", "end": "end", "mainPractitioner": "mainPractitionerID",
            "screeningConclusion": "ldoScreeningConclusion", "goalsAchieved": "ldoGoalsAchieved", "measurements": "metingen",
        ]

        /// The findings as the page shows them: each at its field, or linked to the page where
        /// it is fixed (with the way back to this episode); a refusal apart.
        static func lines(_ findings: [Finding], practice p: String, episode e: Episode, back: String) -> (lines: [Line], refusal: String?) {
            var refusal: String?
            var lines: [Line] = []
            for f in findings {
                if f.field == "consent", e.ldoConsent == LDO.Consent.refused.rawValue {
                    refusal = refusalText
                    continue
                }
                let elsewhere: (href: String, label: String)? = switch f.field {
                case "kvk": (Paths.settings(p), "Naar de instellingen")
                case "optIn": (Paths.settings(p) + "#aanleveringen", "Naar de instellingen")
                case "big": e.mainPractitionerID.map { (Paths.employee(p, $0), "Naar de medewerker") }
                case "birthDate", "sex", "postcode": (Paths.editPatient(p, e.patientID), "Naar de patiëntgegevens")
                default: nil
                }
                lines.append(Line(text: f.message, field: formFields[f.field],
                                  href: elsewhere.map { Layout.carrying(back, to: $0.href) }, hrefLabel: elsewhere?.label))
            }
            return (lines, refusal)
        }

        static func run(_ req: Request, _ practice: Practice, _ episode: Episode) async throws -> LDOCheck {
            let window = LDO.window(deliveryDate: req.dependencies.clock.today)
            let label = "\(dutchDate(window.start)) t/m \(dutchDate(window.end))"
            guard let value = try await LDOEpisodeQuery.one(on: req.database, practice: practice, episodeID: episode.id!) else {
                return LDOCheck(findings: [], inWindow: false, window: label)
            }
            let rules = LDOEpisodeQuery.practice(practice)
            var findings = LDO.findings(for: value, practice: rules)
            if let blocker = LDO.deliveryBlocker(for: rules) { findings.insert(blocker, at: 0) }
            let back = Paths.episode(practice.id!, episode.id!) + "?ldo=1"
            let shown = lines(findings.filter { $0.severity == .error }, practice: practice.id!, episode: episode, back: back)
            let warnings = lines(findings.filter { $0.severity == .warning }, practice: practice.id!, episode: episode, back: back)
            return LDOCheck(findings: shown.lines, warnings: warnings.lines, refusal: shown.refusal,
                            inWindow: LDO.isCandidate(value, window: window), window: label)
        }
    }

    /// spec/cbs-jeugdhulp.md §6, §8: what the CBS control says of this episode, for the
    /// period being delivered (the half-year before today's, else today's), as stored now.
    struct CBSCheck: Encodable {
        var period: String
        var findings: [LDOCheck.Line]

        /// The form field of this page that a CBS finding is about.
        static let formFields: [CBS.Field: String] = [
            .referrer: "cbsReferrer", .careType: "cbsCareType", .endReason: "cbsEndReason", .startDate: "start", .endDate: "end",
            .youthSatisfaction: "cbsYouthSatisfaction", .youthWithoutFurtherHelp: "cbsYouthWithoutFurtherHelp",
            .parentSatisfaction: "cbsParentSatisfaction", .parentWithoutFurtherHelp: "cbsParentWithoutFurtherHelp",
        ]

        /// Nil when the episode is in neither period's selection (or has no findings).
        static func run(_ e: Episode, _ patient: Patient, practice p: String, today: LocalDate, back: String) -> CBSCheck? {
            guard let start = LocalDate(iso: e.startDate) else { return nil }
            let value = CBS.Episode(
                id: e.id!, patientNumber: patient.number, patientName: patient.name ?? "", bsn: patient.bsn,
                birthDate: patient.birthDate.flatMap { BirthDate(text: $0) }, sex: patient.sex, postcode: patient.postcode,
                municipalityCode: patient.municipalityCode, start: start, end: e.endDate.flatMap { LocalDate(iso: $0) },
                careType: e.cbsCareType, startedInCrisis: e.cbsStartedInCrisis, referrer: e.cbsReferrer, perspective: e.cbsPerspective,
                endReason: e.cbsEndReason, youthSatisfaction: e.cbsYouthSatisfaction, youthWithoutFurtherHelp: e.cbsYouthWithoutFurtherHelp,
                parentSatisfaction: e.cbsParentSatisfaction, parentWithoutFurtherHelp: e.cbsParentWithoutFurtherHelp,
                financing: e.cbsFinancing)
            let current = HalfYear(containing: today)
            guard let period = [current.previous, current].first(where: { CBS.isSelected(value, in: $0.range) }) else { return nil }
            let row = CBS.control(value, period: period.range)
            guard !row.findings.isEmpty else { return nil }
            let patientFix = Layout.carrying(back, to: Paths.editPatient(p, e.patientID))
            return CBSCheck(period: "\(period)", findings: row.cells.compactMap { cell in
                guard let finding = cell.finding else { return nil }
                if let field = formFields[cell.field] { return LDOCheck.Line(text: finding.message, field: field) }
                let onPatient: Set<CBS.Field> = [.bsn, .birthDate, .sex, .postcode]
                return LDOCheck.Line(text: finding.message, href: onPatient.contains(cell.field) ? patientFix : nil,
                                     hrefLabel: onPatient.contains(cell.field) ? "Naar de patiëntgegevens" : nil)
            })
        }
    }

    /// How a field of the form is marked: an error of the form just sent (`invalid`), the
    /// findings of the LDO and CBS checks shown under it, and what describes it to a screen
    /// reader (the ids of the error and the findings).
    struct FieldMark: Encodable, Equatable {
        struct Text: Encodable, Equatable {
            var id: String
            var text: String
        }
        var invalid = false
        var findings: [Text] = []
        var hasFinding: Bool { !findings.isEmpty }
        var describedBy: String?

        enum CodingKeys: String, CodingKey { case invalid, findings, hasFinding, describedBy }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(invalid, forKey: .invalid)
            try c.encode(findings, forKey: .findings)
            try c.encode(hasFinding, forKey: .hasFinding)
            try c.encodeIfPresent(describedBy, forKey: .describedBy)
        }
    }

    /// The episode form's fields, by id (the same as their error keys).
    static let formFields = [
        "start", "end", "mainPractitionerID",
        "cbsReferrer", "cbsFinancing", "cbsCareType", "cbsEndReason", "cbsYouthSatisfaction", "cbsYouthWithoutFurtherHelp",
        "cbsParentSatisfaction", "cbsParentWithoutFurtherHelp",
        "ldoConsent", "ldoAccessRoute", "ldoReferrerType", "ldoReferralDate", "ldoScreeningConclusion", "ldoDCSPH", "ldoChronic",
        "ldoEndReason", "ldoGoalsAchieved",
    ]

    /// Every field's mark, from the form's errors and the checks' findings.
    static func marks(errors: FormErrors, ldoCheck: LDOCheck?, cbsCheck: CBSCheck? = nil) -> [String: FieldMark] {
        var marks: [String: FieldMark] = [:]
        for field in formFields {
            var mark = FieldMark()
            var described: [String] = []
            if errors.fields[field] != nil {
                mark.invalid = true
                described.append("\(field)-error")
            }
            if let line = ldoCheck?.findings.first(where: { $0.field == field }) {
                mark.findings.append(.init(id: "ldo-finding-\(field)", text: "LDO: " + line.text))
            }
            if let line = ldoCheck?.warnings.first(where: { $0.field == field }) {
                mark.findings.append(.init(id: "ldo-warning-\(field)", text: "LDO (waarschuwing): " + line.text))
            }
            if let line = cbsCheck?.findings.first(where: { $0.field == field }) {
                mark.findings.append(.init(id: "cbs-finding-\(field)", text: "CBS: " + line.text))
            }
            described += mark.findings.map(\.id)
            if field == "ldoConsent", ldoCheck?.refusal != nil { described.append("ldo-refused") }
            mark.describedBy = described.isEmpty ? nil : described.joined(separator: " ")
            marks[field] = mark
        }
        return marks
    }
}

extension EpisodePage {
    /// spec/ldo.md §3: a processing report that rejected this episode, and its fields.
    struct LDORejection: Encodable {
        var title: String
        var messages: [String]
        /// The delivery whose report rejected the episode, and its name.
        var deliveryHref: String
        var deliveryName: String
    }
}
