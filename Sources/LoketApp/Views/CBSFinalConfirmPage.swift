// "Definitief maken — bevestigen": what the definitive delivery will be before it is made
// (CBSFinalDelivery.preview): practice, period, rows, records after merging, format, layout
// version, and whether it replaces the period's current delivery (herlevering).

struct CBSFinalConfirmPage: Encodable {
    var title = "Definitieve aanlevering bevestigen"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    var period: String
    var rows: Int
    var deliverable: Int
    var records: Int
    var formatLabel: String
    var format: String
    var layoutVersion: String
    /// "JH-1 2026, gemaakt op … door …": the delivery this one replaces.
    var replaces: String?
    /// Why it cannot be made; then there is no confirm button.
    var refusal: String?
    var year: Int
    var half: Int
    var confirmAction: String
    var backHref: String
}
