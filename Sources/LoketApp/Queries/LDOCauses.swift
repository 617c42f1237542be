// The LDO control messages grouped by cause (issue 17): one line per thing to fix ("L. Smit
// heeft geen BIG-nummer: 24 episodes") instead of one message per episode, each with the
// place where the fix is made. The findings themselves come from LoketCore's LDO.check
// (the same rules the delivery applies); this file only groups them and reads what the
// lists show of each episode (patient number, name, start date), a chunk of ids at a time.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOCauses {
    /// Where the fix of a finding is made: the finding's field tells which.
    enum Place: String, Sendable {
        case patient, employee, practice, episode

        /// spec/ldo.md §1.2, §5 — KvK is the practice's, the BIG number the main
        /// practitioner's, birth date, sex and postcode the patient's; the rest is the episode's.
        init(field: String) {
            switch field {
            case "kvk", "agb": self = .practice
            case "big": self = .employee
            case "birthDate", "sex", "postcode", "bsn": self = .patient
            default: self = .episode
            }
        }

        var fixLabel: String {
            switch self {
            case .patient: "Naar de patiënt"
            case .employee: "Naar de medewerker"
            case .practice: "Naar de praktijkinstellingen"
            case .episode: "Naar de episode"
            }
        }
    }

    /// One cause: a field and kind, and for a BIG number the practitioner it belongs to.
    struct Key: Hashable, Sendable {
        var field: String
        var kind: Finding.Kind
        var practitioner: String?

        init(_ finding: Finding, practitioner: String?) {
            field = finding.field
            kind = finding.kind
            self.practitioner = finding.field == "big" ? practitioner : nil
        }
    }

    /// A cause with the episodes it keeps out, most episodes first.
    struct Group: Sendable {
        var key: Key
        /// The finding's own text (LDO.Message), the same for every episode of the cause.
        var message: String
        var episodeIds: [String]
    }

    /// Groups excluded episodes by cause. `practitioner` gives an episode's main
    /// practitioner (for a BIG number, which is one cause per practitioner). An episode with
    /// two findings counts under both causes.
    /// `severity`: the errors that keep episodes out, or the warnings that do not.
    static func group(_ exclusions: [(episodeId: String, findings: [Finding])], severity: Finding.Severity = .error,
                      practitioner: (String) -> String?) -> [Group] {
        var order: [Key] = []
        var groups: [Key: Group] = [:]
        for exclusion in exclusions {
            let who = practitioner(exclusion.episodeId)
            for finding in exclusion.findings where finding.severity == severity {
                let key = Key(finding, practitioner: who)
                if groups[key] == nil {
                    order.append(key)
                    groups[key] = Group(key: key, message: finding.message, episodeIds: [])
                }
                if groups[key]!.episodeIds.last != exclusion.episodeId { groups[key]!.episodeIds.append(exclusion.episodeId) }
            }
        }
        // Stable: equal counts keep the order of the first episode met (the form's field order).
        return order.enumerated().map { ($0.offset, groups[$0.element]!) }
            .sorted { $0.1.episodeIds.count != $1.1.episodeIds.count ? $0.1.episodeIds.count > $1.1.episodeIds.count : $0.0 < $1.0 }
            .map(\.1)
    }

    /// The cause in the words of a practice user; a BIG number is named by its practitioner.
    static func headline(_ group: Group, practitionerName: String?) -> String {
        // The rule's sentence without its full stop: a count follows ("…ontbreekt: 7 episodes").
        guard group.key.field == "big", let name = practitionerName, !name.isEmpty else {
            return group.message.hasSuffix(".") ? String(group.message.dropLast()) : group.message
        }
        return group.key.kind == .missing ? "\(name) heeft geen BIG-nummer" : "Het BIG-nummer van \(name) is niet 11 cijfers"
    }

    /// "1 episode", "24 episodes".
    static func episodes(_ n: Int) -> String { n == 1 ? "1 episode" : "\(n) episodes" }

    /// spec/ldo.md §1.3, §5 — the candidates left out for want of consent (the file's
    /// NExclusie), listed: an attended treatment in the window (the same EXISTS as
    /// LDOEpisodeQuery.page) and a consent other than `given` (LDO.check). Ordered by
    /// patient number and start date. Index episodes_practice_id, then
    /// treatments_episode_status_date per episode: one pass over the practice's episodes
    /// without reading their treatments.
    static func withoutConsent(practice: String, window: DateRange, on db: any Database) async throws -> [EpisodePatients.Info] {
        try await (db as! any SQLDatabase).driverRows("""
            \(unsafeRaw: EpisodePatients.select)
            WHERE e.practice_id = \(bind: practice)
              AND (e.ldo_consent IS NULL OR e.ldo_consent <> \(bind: LDO.Consent.given.rawValue))
              AND EXISTS (SELECT 1 FROM treatments t WHERE t.episode_id = e.id AND t.status = 'attended'
                          AND t.date >= \(bind: window.start.iso) AND t.date <= \(bind: window.end.iso))
            ORDER BY length(p.number), p.number, e.start_date, e.id
            """, bulk: true, EpisodePatients.row)
    }

    /// spec/ldo.md §1.2, §5 — per practitioner whose BIG number LDO.check rejects (missing,
    /// or not 11 digits), how many candidates with consent name them as main practitioner:
    /// every one of those is kept out of the delivery by that BIG number alone. One grouped
    /// count (episodes_practice_id, and the EXISTS on treatments_episode_status_date); the
    /// rule itself (BIGNumber) runs on the few employee rows, not in SQL.
    static func blockedByBIG(practice: String, window: DateRange, on db: any Database) async throws -> [String: Int] {
        let sql = db as! any SQLDatabase
        let employees = try await sql.driverRows("SELECT id, big FROM employees WHERE practice_id = \(bind: practice)") { r in
            (try r.required("id") as String, try r.string("big"))
        }
        let failing = employees.filter { _, big in
            let raw = big?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return raw.isEmpty || BIGNumber(raw) == nil
        }.map(\.0)
        guard !failing.isEmpty else { return [:] }
        let rows = try await sql.driverRows("""
            SELECT e.main_practitioner_id AS m, COUNT(*) AS n FROM episodes e
            WHERE e.practice_id = \(bind: practice) AND e.main_practitioner_id IN (\(binds: failing))
              AND e.ldo_consent = \(bind: LDO.Consent.given.rawValue)
              AND EXISTS (SELECT 1 FROM treatments t WHERE t.episode_id = e.id AND t.status = 'attended'
                          AND t.date >= \(bind: window.start.iso) AND t.date <= \(bind: window.end.iso))
            GROUP BY e.main_practitioner_id
            """) { r in (try r.required("m") as String, try r.int("n") ?? 0) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// The link to where the fix of `place` is made for `episode`, with `?terug=` so the
    /// page can offer the way back to `back` (step 2).
    static func fixHref(_ place: Place, practice p: String, episode: EpisodePatients.Info?, practitioner: String?, back: String) -> String {
        let terug = "?terug=" + Paths.queryValue(back)
        switch place {
        case .practice: return Paths.settings(p) + terug
        case .employee: return practitioner.map { Paths.employee(p, $0) + terug } ?? Paths.employees(p) + terug
        case .patient: return episode.map { Paths.editPatient(p, $0.patientID) + terug } ?? Paths.patients(p)
        case .episode: return episode.map { Paths.episode(p, $0.id) + terug } ?? Paths.patients(p)
        }
    }
}
