// The delivery window (aanleverperiode). The user cannot change it (spec/ldo.md §2, step 1),
// so it is a function of the delivery date alone.

extension LDO {
    /// spec/ldo.md §5 — window: the three whole calendar months before the month of the
    /// delivery date (2026-11-22 → 2026-08-01 … 2026-10-31). Whole months, not "90 days
    /// back", so that monthly deliveries overlap by exactly two months.
    public static func window(deliveryDate: LocalDate) -> DateRange {
        let first = deliveryDate.firstOfMonth
        return DateRange(start: first.adding(months: -3), end: first.adding(days: -1))
    }
}
