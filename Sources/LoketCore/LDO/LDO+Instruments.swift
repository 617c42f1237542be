// The outcome instruments exercise therapists use most, offered as choices on the episode
// page (spec/ldo.md §4 names PSK, NPRS and QBPDS as examples). [design] The list is a
// convenience, not a code list: the LDO takes any instrument code of up to 20 characters,
// so the page also accepts a code typed by hand.

extension LDO {
    /// A common instrument: its code as the file carries it, and what it measures.
    public struct Instrument: Hashable, Sendable {
        public var code: String
        public var label: String
    }

    public static let commonInstruments: [Instrument] = [
        Instrument(code: "PSK", label: "Patiënt Specifieke Klachten"),
        Instrument(code: "NPRS", label: "Numeric Pain Rating Scale (pijn 0–10)"),
        Instrument(code: "QBPDS", label: "Quebec Back Pain Disability Scale"),
        Instrument(code: "NDI", label: "Neck Disability Index"),
        Instrument(code: "ODI", label: "Oswestry Disability Index"),
        Instrument(code: "TUG", label: "Timed Up and Go"),
        Instrument(code: "6MWT", label: "Zesminutenwandeltest"),
        Instrument(code: "GPE", label: "Global Perceived Effect"),
    ]
}
