// The CBS code lists (codelijsten) as data, with the Dutch labels the UI shows in its
// dropdowns (spec/cbs-jeugdhulp.md §4; the seed manual's Bijlage I). A code's validity is
// data too, so a rule never hard-codes "07" or "08" by itself.

extension CBS {
    /// One entry of a code list.
    public struct Code: Hashable, Sendable, Codable {
        /// The code as written to the file ("01", "M").
        public let code: String
        /// The Dutch label ("Huisarts").
        public let label: String
        /// The code is allowed only on care that started before this day (verwijzer 07:
        /// only care started before 2015). nil: no such limit.
        public let onlyForCareStartedBefore: LocalDate?
        /// First delivery year in which CBS asks for this code (verwijzer 08: 2016).
        /// Informational: §8 does not reject it on earlier care.
        public let inUseFromYear: Int?
        /// Last delivery year in which CBS asked for this code (perspectief: 2018).
        public let inUseUntilYear: Int?

        public init(_ code: String, _ label: String, onlyForCareStartedBefore: LocalDate? = nil,
                    inUseFromYear: Int? = nil, inUseUntilYear: Int? = nil) {
            self.code = code
            self.label = label
            self.onlyForCareStartedBefore = onlyForCareStartedBefore
            self.inUseFromYear = inUseFromYear
            self.inUseUntilYear = inUseUntilYear
        }

        /// Whether the code may be used on care that started on `start`.
        public func isAllowed(forCareStartedOn start: LocalDate) -> Bool {
            onlyForCareStartedBefore.map { start < $0 } ?? true
        }

        /// "02 Huisarts", as a dropdown shows it.
        public var display: String { "\(code) \(label)" }
    }

    /// A named, ordered code list.
    public struct CodeList: Hashable, Sendable, Codable {
        public let name: String
        public let codes: [Code]

        public init(name: String, codes: [Code]) {
            self.name = name
            self.codes = codes
        }

        /// The entry for `code`, if the list has it (exact match: codes are data, not text).
        public func entry(_ code: String) -> Code? {
            codes.first { $0.code == code }
        }

        public func contains(_ code: String) -> Bool { entry(code) != nil }

        public func label(for code: String) -> String? { entry(code)?.label }

        /// The entries a dropdown offers for care that started on `start` (verwijzer 07 only
        /// before 2015), keeping `current` so an old value stays visible on an old episode.
        public func options(forCareStartedOn start: LocalDate, keeping current: String? = nil) -> [Code] {
            codes.filter { $0.isAllowed(forCareStartedOn: start) || $0.code == current }
        }
    }

    /// spec/cbs-jeugdhulp.md §4 — the code lists.
    public enum Codes {
        /// Geslacht.
        public static let sex = CodeList(name: "Geslacht", codes: [
            Code("M", "Man"),
            Code("V", "Vrouw"),
            Code("O", "Onbekend"),
        ])

        /// Verwijzer (verwijstype). 07 only for care started before 2015 (§4, §8);
        /// 08 asked since 2016.
        public static let referrer = CodeList(name: "Verwijzer", codes: [
            Code("01", "Gemeentelijke toegang"),
            Code("02", "Huisarts"),
            Code("03", "Jeugdarts"),
            Code("04", "Gecertificeerde instelling"),
            Code("05", "Medisch specialist"),
            Code("06", "Geen verwijzer"),
            Code("07", "Onbekend", onlyForCareStartedBefore: referrerUnknownEndsOn),
            Code("08", "Rechter, Officier van Justitie, functionaris justitiële jeugdinrichting",
                 inUseFromYear: 2016),
        ])

        /// Verwijzer 07 (Onbekend) is not allowed on care started on or after this day.
        public static let referrerUnknownEndsOn = LocalDate(year: 2015, month: 1, day: 1)!

        /// Hulpvorm (type hulpverlening). The reference EPD fills 02 by default (§4).
        public static let careType = CodeList(name: "Hulpvorm", codes: [
            Code("01", "Jeugdhulp zonder verblijf, uitgevoerd door het wijk- of buurtteam"),
            Code("02", "Jeugdhulp zonder verblijf, ambulante jeugdhulp op locatie van de aanbieder"),
            Code("03", "Jeugdhulp zonder verblijf, daghulp op locatie van de aanbieder"),
            Code("04", "Jeugdhulp zonder verblijf, jeugdhulp in het netwerk van de jeugdige"),
            Code("11", "Jeugdhulp met verblijf, pleegzorg"),
            Code("12", "Jeugdhulp met verblijf, gezinsgericht"),
            Code("13", "Jeugdhulp met verblijf, gesloten plaatsing"),
            Code("14", "Jeugdhulp met verblijf, anders dan bovenstaand"),
        ])

        /// The default hulpvorm for a new episode in a Jeugd-GGZ practice (§4 [seed]).
        public static let defaultCareType = "02"

        /// Gestart met crisis: a checkbox, written as a code.
        public static let startedInCrisis = CodeList(name: "Gestart met crisis", codes: [
            Code("01", "Ja"),
            Code("02", "Nee"),
        ])

        /// Reden beëindiging jeugdhulp.
        public static let endReason = CodeList(name: "Reden beëindiging", codes: [
            Code("01", "Beëindigd volgens plan"),
            Code("02", "Voortijdig afgesloten: in overeenstemming"),
            Code("03", "Voortijdig afgesloten: eenzijdig door de cliënt"),
            Code("04", "Voortijdig afgesloten: eenzijdig door de aanbieder"),
            Code("05", "Voortijdig afgesloten: wegens externe omstandigheden"),
        ])

        /// Zonder hulp verder (outcome, for jeugdige and ouder alike).
        public static let withoutFurtherHelp = CodeList(name: "Zonder hulp verder", codes: [
            Code("01", "Helemaal niet mee eens – ik heb juist een zelfde soort of zwaardere hulp nodig"),
            Code("02", "Niet mee eens – maar met een lichtere vorm van hulp red ik het goed"),
            Code("03", "Wel mee eens – voor nu heb ik geen verdere hulp nodig, maar ik verwacht dat ik later nog wel eens om hulp zal aankloppen"),
            Code("04", "Helemaal mee eens – ik heb geen verdere hulp meer nodig"),
        ])

        /// Perspectief: asked until 2018; shown on old episodes, never written for 2019 and
        /// later (§4), so no layout has a column for it.
        public static let perspective = CodeList(name: "Perspectief", codes: [
            Code("02", "Diagnostiek", inUseUntilYear: 2018),
            Code("03", "Begeleiden", inUseUntilYear: 2018),
            Code("04", "Behandelen", inUseUntilYear: 2018),
        ])

        /// Tevredenheid: a whole number on this scale (§4, §8).
        public static let satisfactionScale = 1...10
    }
}
