// The LDO code lists. Raw values are what the app stores; `label` is the Dutch text the
// UI shows. What goes into the file is the record layout's business (`LDORecordLayout`),
// so a new layout version can change file codes without touching stored data.

extension LDO {
    /// Toestemming: only `given` is delivered (spec/ldo.md §1.3).
    public enum Consent: String, CaseIterable, Hashable, Sendable, Codable {
        case given
        case refused
        case notAsked = "not_asked"

        public var label: String {
            switch self {
            case .given: "Toestemming gegeven"
            case .refused: "Bezwaar"
            case .notAsked: "Niet gevraagd"
            }
        }
    }

    /// Toegang: on referral (verwijzing) or direct access (DTO) (spec/ldo.md §4).
    public enum AccessRoute: String, CaseIterable, Hashable, Sendable, Codable {
        case referral
        case direct

        public var label: String {
            switch self {
            case .referral: "Verwijzing"
            case .direct: "Direct toegankelijk (DTO)"
            }
        }
    }

    /// Nagekomen / niet verschenen / geannuleerd; only `attended` counts (spec/ldo.md §5).
    public enum TreatmentStatus: String, CaseIterable, Hashable, Sendable, Codable {
        case attended
        case noShow = "no_show"
        case cancelled

        public var label: String {
            switch self {
            case .attended: "Nagekomen"
            case .noShow: "Niet verschenen"
            case .cancelled: "Geannuleerd"
            }
        }
    }

    /// Geslacht as the LDO check accepts it (spec/ldo.md §5: M/V/O).
    public enum Sex: String, CaseIterable, Hashable, Sendable, Codable {
        case male = "M"
        case female = "V"
        case other = "O"

        public var label: String {
            switch self {
            case .male: "Man"
            case .female: "Vrouw"
            case .other: "Overig / onbekend"
            }
        }
    }

    /// Reden beëindiging (spec/ldo.md §5, [design]).
    public enum EndReason: String, CaseIterable, Hashable, Sendable, Codable {
        case goalsReached = "01"
        case patientInitiative = "02"
        case referredElsewhere = "03"
        case other = "04"

        public var label: String {
            switch self {
            case .goalsReached: "Behandeldoelen bereikt / volgens plan"
            case .patientInitiative: "Op initiatief van de patiënt"
            case .referredElsewhere: "Verwezen naar een andere zorgverlener"
            case .other: "Overig"
            }
        }
    }

    /// Behandeldoelen bereikt (spec/ldo.md §4–§5).
    public enum GoalsAchieved: String, CaseIterable, Hashable, Sendable, Codable {
        case yes
        case partly
        case no

        public var label: String {
            switch self {
            case .yes: "Ja"
            case .partly: "Gedeeltelijk"
            case .no: "Nee"
            }
        }
    }

    /// Type verwijzer. [design] No public LDO list fixes these; a small list covering who
    /// refers to an exercise therapist, with `overig` for the rest.
    public enum ReferrerType: String, CaseIterable, Hashable, Sendable, Codable {
        case generalPractitioner = "huisarts"
        case medicalSpecialist = "medisch_specialist"
        case occupationalPhysician = "bedrijfsarts"
        case youthPhysician = "jeugdarts"
        case other = "overig"

        public var label: String {
            switch self {
            case .generalPractitioner: "Huisarts"
            case .medicalSpecialist: "Medisch specialist"
            case .occupationalPhysician: "Bedrijfsarts"
            case .youthPhysician: "Jeugdarts"
            case .other: "Overig"
            }
        }
    }

    /// Conclusie screening: what the DTO screening decided (spec/ldo.md §4).
    public enum ScreeningConclusion: String, CaseIterable, Hashable, Sendable, Codable {
        /// No red flags, treatment indicated.
        case treat
        /// Red flags: sent to the GP.
        case refer
        /// No red flags, no treatment needed.
        case noIndication = "no_indication"

        public var label: String {
            switch self {
            case .treat: "Behandelen (geen rode vlaggen, behandeling geïndiceerd)"
            case .refer: "Verwijzen naar de huisarts (rode vlaggen)"
            case .noIndication: "Geen indicatie (geen rode vlaggen, geen behandeling nodig)"
            }
        }
    }

    /// Meetmoment: when in the episode a measurement was taken (spec/ldo.md §4).
    public enum MeasurementMoment: String, CaseIterable, Hashable, Sendable, Codable {
        case start
        case interim
        case end

        public var label: String {
            switch self {
            case .start: "Begin"
            case .interim: "Tussentijds"
            case .end: "Eind"
            }
        }
    }
}
