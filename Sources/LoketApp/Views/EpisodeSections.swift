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

    var hasLDOData: Bool { ldoConsent != nil || ldoAccessRoute != nil || ldoDCSPH != nil }
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
        var endReasons: [SelectOption]
        var goals: [SelectOption]
        /// The "LDO" button's link: the check of this episode, shown on this page.
        var checkHref: String

        static func make(_ e: Episode, practice: Practice) -> LDOSection {
            LDOSection(
                consents: LDO.Consent.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                accessRoutes: LDO.AccessRoute.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
                referrerTypes: LDO.ReferrerType.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
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
            l.endReasons = l.endReasons.selecting(form.ldoEndReason)
            l.goals = l.goals.selecting(form.ldoGoalsAchieved)
            ldo = l
        }
    }

    /// spec/ldo.md §1.4: what the LDO delivery misses for this episode, as stored now.
    struct LDOCheck: Encodable {
        var findings: [String]
        /// Whether the episode has an attended treatment in the current delivery's window.
        var inWindow: Bool
        var window: String

        static func run(_ req: Request, _ practice: Practice, _ episode: Episode) async throws -> LDOCheck {
            let window = LDO.window(deliveryDate: req.dependencies.clock.today)
            let label = "\(dutchDate(window.start)) t/m \(dutchDate(window.end))"
            guard let value = try await LDOEpisodeQuery.one(on: req.db, practice: practice, episodeID: episode.id!) else {
                return LDOCheck(findings: [], inWindow: false, window: label)
            }
            let rules = LDOEpisodeQuery.practice(practice)
            var messages = LDO.findings(for: value, practice: rules).map(\.message)
            if let blocker = LDO.deliveryBlocker(for: rules) { messages.insert(blocker.message, at: 0) }
            return LDOCheck(findings: messages, inWindow: LDO.isCandidate(value, window: window), window: label)
        }
    }
}

extension EpisodePage {
    /// spec/ldo.md §3: a processing report that rejected this episode, and its fields.
    struct LDORejection: Encodable {
        var title: String
        var messages: [String]
    }
}
