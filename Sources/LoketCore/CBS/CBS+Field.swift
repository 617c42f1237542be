// The fields of a CBS jeugdhulp record in protocol order (spec/cbs-jeugdhulp.md §4). The raw
// values are the JSON keys of the API and CLI; the titles are the overview's column heads.

extension CBS {
    /// A field of the delivery record, in protocol order (§4, fields 1–14).
    public enum Field: String, CaseIterable, Hashable, Sendable, Codable, CodingKeyRepresentable {
        case bsn
        case birthDate  // geboortedatum
        case sex  // geslacht
        case postcode
        case referrer  // verwijzer
        case careType  // hulpvorm
        case startedInCrisis  // gestart met crisis
        case startDate  // datum aanvang
        case endDate  // datum einde
        case endReason  // reden beëindiging
        case youthSatisfaction  // tevredenheid jeugdige
        case youthWithoutFurtherHelp  // zonder hulp verder jeugdige
        case parentSatisfaction  // tevredenheid ouder
        case parentWithoutFurtherHelp  // zonder hulp verder ouder

        /// The Dutch column title in the control overview and its spreadsheet export.
        public var title: String {
            switch self {
            case .bsn: "Burgerservicenummer"
            case .birthDate: "Geboortedatum"
            case .sex: "Geslacht"
            case .postcode: "Postcode"
            case .referrer: "Verwijzer"
            case .careType: "Hulpvorm"
            case .startedInCrisis: "Gestart met crisis"
            case .startDate: "Datum aanvang"
            case .endDate: "Datum einde"
            case .endReason: "Reden beëindiging"
            case .youthSatisfaction: "Tevredenheid jeugdige"
            case .youthWithoutFurtherHelp: "Zonder hulp verder jeugdige"
            case .parentSatisfaction: "Tevredenheid ouder"
            case .parentWithoutFurtherHelp: "Zonder hulp verder ouder"
            }
        }

        /// Position in protocol order (0-based), for indexing a row's cells.
        public var position: Int {
            switch self {
            case .bsn: 0
            case .birthDate: 1
            case .sex: 2
            case .postcode: 3
            case .referrer: 4
            case .careType: 5
            case .startedInCrisis: 6
            case .startDate: 7
            case .endDate: 8
            case .endReason: 9
            case .youthSatisfaction: 10
            case .youthWithoutFurtherHelp: 11
            case .parentSatisfaction: 12
            case .parentWithoutFurtherHelp: 13
            }
        }
    }
}
