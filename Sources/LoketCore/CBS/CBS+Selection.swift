// Which episodes belong to a delivery period (spec/cbs-jeugdhulp.md §3, §8).

extension CBS {
    /// The age from which a patient is no longer selected by default: 18–23 year olds are
    /// only allowed in exceptions (continued care), §3 [law].
    public static let adultAge = 18

    /// spec/cbs-jeugdhulp.md §3, §8 — selection: the episode's run overlaps the period
    /// (`start <= period end AND (end IS NULL OR end >= period start)`) and the patient is
    /// under 18 on the start date. The 18th birthday counts as reached on that day; someone
    /// born on 29 February reaches it on 28 February in a year without one. A patient
    /// without a birth date is selected, so that the gap shows as Ontbreekt in the overview
    /// instead of the patient silently vanishing from the delivery. With a partial birth date
    /// the age is that of the youngest the patient can be (BirthDate.youngestPossible). Only zorg in natura is
    /// delivered: an episode financed by a persoonsgebonden budget (PGB) is never selected.
    public static func isSelected(_ episode: Episode, in period: DateRange) -> Bool {
        guard episode.financing != "pgb" else { return false }
        guard period.overlaps(from: episode.start, to: episode.end) else { return false }
        guard let birthDate = episode.birthDate else { return true }
        return episode.start < birthDate.youngestPossible.anniversary(adultAge)
    }

    /// The control overview of a period: every selected episode, controlled, in input order.
    /// For a large practice, call `isSelected` and `control` per episode while streaming.
    public static func controlOverview(_ episodes: some Sequence<Episode>, period: DateRange) -> [ControlRow] {
        episodes.lazy.filter { isSelected($0, in: period) }.map { control($0, period: period) }
    }
}
