// Every Dutch text the CBS rules produce, in one place, so the web page, the API and the CLI
// say the same thing in the same words (STYLE.md: "The Dutch message text lives in one place").

extension CBS {
    public enum Messages {
        // Overview cell texts (spec/cbs-jeugdhulp.md §6).
        public static let missing = "Ontbreekt"
        public static let notRequired = "Niet noodzakelijk"
        public static let yes = "Ja"
        public static let no = "Nee"

        // Overview column titles beside the file fields (§6).
        public static let deliverableTitle = "Aanleverbaar"
        public static let patientNumberTitle = "Patiëntnummer"
        public static let patientNameTitle = "Patiënt"

        // Ontbreekt.
        static func missing(_ field: Field) -> String {
            switch field {
            case .bsn: "Burgerservicenummer ontbreekt"
            case .birthDate: "Geboortedatum ontbreekt"
            case .sex: "Geslacht ontbreekt"
            case .postcode: "Postcode ontbreekt (en er is geen gemeentecode)"
            case .referrer: "Verwijstype ontbreekt"
            case .careType: "Hulpvorm ontbreekt"
            case .endReason: "Reden beëindiging ontbreekt"
            default: "\(field.title) ontbreekt"
            }
        }

        // Ongeldig.
        static let bsnNotNineDigits = "Burgerservicenummer bestaat niet uit 9 cijfers"
        static let bsnFailsElfproef = "Burgerservicenummer voldoet niet aan de elfproef"
        static let sexUnknown = "Geslacht moet M, V of O zijn"
        static let postcodeInvalid = "Postcode is geen geldige postcode (1234AB)"
        static let municipalityCodeInvalid = "Gemeentecode bestaat niet uit 4 cijfers"
        static func municipalityCodeUnknown(year: Int) -> String { "Gemeentecode staat niet in de CBS-lijst van \(year)" }
        static func referrerUnknown(_ code: String) -> String {
            "Verwijstype \(quoted(code)) komt niet voor in de codelijst"
        }
        static let referrerUnknownAfter2015 =
            "Verwijstype 07 (Onbekend) mag alleen bij hulp die vóór 2015 is gestart"
        static let referrerMustBeNoneForNeighbourhoodTeam =
            "Bij hulpvorm 01 (wijk- of buurtteam) moet het verwijstype 06 (Geen verwijzer) zijn"
        static func careTypeUnknown(_ code: String) -> String {
            "Hulpvorm \(quoted(code)) komt niet voor in de codelijst"
        }
        static let endBeforeStart = "Datum einde ligt vóór datum aanvang"
        static func endReasonUnknown(_ code: String) -> String {
            "Reden beëindiging \(quoted(code)) komt niet voor in de codelijst"
        }
        static func satisfactionOutOfRange(_ field: Field) -> String {
            "\(field.title) moet een geheel getal van 1 tot en met 10 zijn"
        }
        static func withoutFurtherHelpUnknown(_ field: Field) -> String {
            "\(field.title) moet een code van 01 tot en met 04 zijn"
        }

        // Problems writing a delivery file (a layout or header value that does not fit).
        static func valueTooLong(_ title: String, width: Int) -> String {
            "\(title) is langer dan de \(width) posities die het bestandsformaat toestaat"
        }
        static func valueNotASCII(_ title: String) -> String {
            "\(title) bevat tekens die het bestandsformaat (ASCII) niet toestaat"
        }

        private static func quoted(_ s: String) -> String { "‘\(s)’" }
    }
}
