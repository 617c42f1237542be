// The comparison a stored control's page shows: what changed since the control made before
// it for the same period, with the first episodes behind each count.

import Fluent
import LoketCore

extension CBSControlPage.Comparison {
    /// `control` against the control made before it for the same period; nil for the first.
    static func make(_ control: CBSDelivery, practice: String, period: HalfYear, on db: any Database) async throws -> CBSControlPage.Comparison? {
        guard let previous = try await CBSStoredControl.previous(of: control, on: db) else { return nil }
        let c = try await CBSStoredControl.compare(control.id!, with: previous.id!, on: db)
        let shown = [("Nu aanleverbaar", c.nowDeliverable), ("Niet meer aanleverbaar", c.noLongerDeliverable),
                     ("Nieuw in deze controle", c.added), ("Niet meer in deze controle", c.removed)]
            .map { ($0.0, Array($0.1.prefix(50))) }
        let patients = try await EpisodePatients.info(ofEpisodes: shown.flatMap(\.1), practice: practice, on: db)
        return CBSControlPage.Comparison(
            previous: previous.id!, previousMadeAt: AuditTime.dutch(previous.madeAt),
            nowDeliverable: c.nowDeliverable.count, noLongerDeliverable: c.noLongerDeliverable.count,
            added: c.added.count, removed: c.removed.count,
            previousHref: Paths.cbsControl(practice) + "?jaar=\(period.year)&periode=\(period.half)&controle=\(previous.id!)",
            groups: shown.filter { !$0.1.isEmpty }.map { title, episodes in
                CBSControlPage.Comparison.Group(title: title, episodes: episodes.map {
                    CBSControlPage.Comparison.EpisodeLink(patientNumber: patients[$0]?.patientNumber ?? $0, href: Paths.episode(practice, $0))
                })
            })
    }
}
