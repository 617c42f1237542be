// The exchange format (spec/exchange-format.md): one JSON document a practice brings from
// its previous EPD and takes out again. These are plain values; the app maps them to and
// from its tables. Care data is kept as given (a failing BSN is stored and later reported
// by the registry checks); only structure is enforced here.

public struct ExchangeDocument: Hashable, Sendable {
    public static let formatName = "loket-exchange/1"

    public var practices: [Practice] = []
    public var employees: [Employee] = []
    public var patients: [Patient] = []
    public var episodes: [Episode] = []
    public var treatments: [Treatment] = []
    public var measurements: [Measurement] = []

    public init(practices: [Practice] = [], employees: [Employee] = [], patients: [Patient] = [],
                episodes: [Episode] = [], treatments: [Treatment] = [], measurements: [Measurement] = []) {
        self.practices = practices
        self.employees = employees
        self.patients = patients
        self.episodes = episodes
        self.treatments = treatments
        self.measurements = measurements
    }

    /// Praktijk.
    public struct Practice: Hashable, Sendable {
        public var id: String
        public var name: String
        public var kvk: String?
        public var agb: String?
        /// "Aanleveren aan LDO".
        public var ldoOptIn: Bool
        public var cbsCorrespondenceNumber: String?
        public var cbsEmail: String?
        public var cbsPhone: String?
        /// Akkoord doorlevering spiegelrapport: "ja", "nee" or nil.
        public var cbsMirrorReportConsent: String?
        /// The secret of the LDO pre-pseudonyms: 64 lowercase hex digits, or nil to have one
        /// made (spec/exchange-format.md: carried so that a moved practice keeps its pseudonyms).
        public var ldoPseudonymKey: String?

        public init(id: String, name: String, kvk: String? = nil, agb: String? = nil, ldoOptIn: Bool = false,
                    cbsCorrespondenceNumber: String? = nil, cbsEmail: String? = nil, cbsPhone: String? = nil,
                    cbsMirrorReportConsent: String? = nil, ldoPseudonymKey: String? = nil) {
            self.id = id; self.name = name; self.kvk = kvk; self.agb = agb; self.ldoOptIn = ldoOptIn
            self.cbsCorrespondenceNumber = cbsCorrespondenceNumber; self.cbsEmail = cbsEmail
            self.cbsPhone = cbsPhone; self.cbsMirrorReportConsent = cbsMirrorReportConsent
            self.ldoPseudonymKey = ldoPseudonymKey
        }
    }

    /// Medewerker / zorgverlener.
    public struct Employee: Hashable, Sendable {
        public var id: String
        public var practiceId: String
        public var name: String
        public var big: String?
        public var agb: String?

        public init(id: String, practiceId: String, name: String, big: String? = nil, agb: String? = nil) {
            self.id = id; self.practiceId = practiceId; self.name = name; self.big = big; self.agb = agb
        }
    }

    /// Patiënt.
    public struct Patient: Hashable, Sendable {
        public var id: String
        public var practiceId: String
        /// Patiëntnummer.
        public var number: String
        public var name: String?
        public var bsn: String?
        /// May be partial: `YYYY-MM` (day unknown) or `YYYY` (month and day unknown).
        public var birthDate: BirthDate?
        /// M, V or O (onbekend).
        public var sex: String?
        public var postcode: String?
        /// CBS gemeentecode.
        public var municipalityCode: String?
        public var insurerUzovi: String?
        /// WID-check done.
        public var identityVerified: Bool

        public init(id: String, practiceId: String, number: String, name: String? = nil, bsn: String? = nil,
                    birthDate: BirthDate? = nil, sex: String? = nil, postcode: String? = nil,
                    municipalityCode: String? = nil, insurerUzovi: String? = nil, identityVerified: Bool = false) {
            self.id = id; self.practiceId = practiceId; self.number = number; self.name = name; self.bsn = bsn
            self.birthDate = birthDate; self.sex = sex; self.postcode = postcode
            self.municipalityCode = municipalityCode; self.insurerUzovi = insurerUzovi
            self.identityVerified = identityVerified
        }
    }

    /// Behandelepisode, with its LDO part and its CBS part.
    public struct Episode: Hashable, Sendable {
        public var id: String
        public var patientId: String
        public var practiceId: String
        /// Hoofdbehandelaar.
        public var mainPractitionerId: String?
        public var start: LocalDate
        public var end: LocalDate?
        public var ldo = LDOPart()
        public var cbs = CBSPart()

        public init(id: String, patientId: String, practiceId: String, mainPractitionerId: String? = nil,
                    start: LocalDate, end: LocalDate? = nil, ldo: LDOPart = LDOPart(), cbs: CBSPart = CBSPart()) {
            self.id = id; self.patientId = patientId; self.practiceId = practiceId
            self.mainPractitionerId = mainPractitionerId; self.start = start; self.end = end
            self.ldo = ldo; self.cbs = cbs
        }
    }

    public struct LDOPart: Hashable, Sendable {
        /// Toestemming: "given", "refused", "not_asked".
        public var consent: String?
        /// "referral" or "direct" (DTO).
        public var accessRoute: String?
        public var referrerType: String?
        /// The referral letter's date.
        public var referralDate: LocalDate?
        /// DTO screening: "treat", "refer", "no_indication".
        public var screeningConclusion: String?
        /// Diagnosis on the chronic list.
        public var chronic: Bool?
        public var dcsph: String?
        public var endReason: String?
        public var goalsAchieved: String?

        public init(consent: String? = nil, accessRoute: String? = nil, referrerType: String? = nil,
                    referralDate: LocalDate? = nil, screeningConclusion: String? = nil, chronic: Bool? = nil,
                    dcsph: String? = nil, endReason: String? = nil, goalsAchieved: String? = nil) {
            self.consent = consent; self.accessRoute = accessRoute; self.referrerType = referrerType
            self.referralDate = referralDate; self.screeningConclusion = screeningConclusion; self.chronic = chronic
            self.dcsph = dcsph; self.endReason = endReason; self.goalsAchieved = goalsAchieved
        }
    }

    public struct CBSPart: Hashable, Sendable {
        /// Financing: `zin` (zorg in natura) or `pgb` (persoonsgebonden budget, not delivered);
        /// nil means zin.
        public var financing: String?
        /// Hulpvorm.
        public var careType: String?
        public var startedInCrisis: Bool
        /// Verwijzer.
        public var referrer: String?
        /// Perspectief (until 2018).
        public var perspective: String?
        /// Reden beëindiging.
        public var endReason: String?
        public var youthSatisfaction: Int?
        public var youthWithoutFurtherHelp: String?
        public var parentSatisfaction: Int?
        public var parentWithoutFurtherHelp: String?

        public init(careType: String? = nil, startedInCrisis: Bool = false, referrer: String? = nil,
                    perspective: String? = nil, endReason: String? = nil, youthSatisfaction: Int? = nil,
                    youthWithoutFurtherHelp: String? = nil, parentSatisfaction: Int? = nil,
                    parentWithoutFurtherHelp: String? = nil, financing: String? = nil) {
            self.financing = financing
            self.careType = careType; self.startedInCrisis = startedInCrisis; self.referrer = referrer
            self.perspective = perspective; self.endReason = endReason
            self.youthSatisfaction = youthSatisfaction; self.youthWithoutFurtherHelp = youthWithoutFurtherHelp
            self.parentSatisfaction = parentSatisfaction; self.parentWithoutFurtherHelp = parentWithoutFurtherHelp
        }
    }

    /// Behandeling.
    public struct Treatment: Hashable, Sendable {
        public var id: String
        public var episodeId: String
        public var practitionerId: String?
        public var date: LocalDate
        /// "attended" (nagekomen), "no_show" (niet verschenen), "cancelled" (geannuleerd).
        public var status: String
        /// Prestatiecode.
        public var code: String?

        public init(id: String, episodeId: String, practitionerId: String? = nil, date: LocalDate,
                    status: String, code: String? = nil) {
            self.id = id; self.episodeId = episodeId; self.practitionerId = practitionerId
            self.date = date; self.status = status; self.code = code
        }
    }

    /// Meting: an outcome measurement of an episode (spec/ldo.md §4). Care data: every part
    /// but the ids may be missing, and the LDO check says what cannot be sent.
    public struct Measurement: Hashable, Sendable {
        public var id: String
        public var episodeId: String
        /// The instrument's code (`PSK`, `NPRS`, …).
        public var instrument: String?
        /// "start", "interim", "end".
        public var moment: String?
        public var date: LocalDate?
        public var score: Double?

        public init(id: String, episodeId: String, instrument: String? = nil, moment: String? = nil,
                    date: LocalDate? = nil, score: Double? = nil) {
            self.id = id; self.episodeId = episodeId; self.instrument = instrument
            self.moment = moment; self.date = date; self.score = score
        }
    }
}

/// The fixed value sets that the exchange format enforces as structure (spec/exchange-format.md
/// "Values"). Registry codes are care data and are judged by the checks instead.
public enum ExchangeValues {
    public static let sex = ["M", "V", "O"]
    public static let consent = ["given", "refused", "not_asked"]
    public static let accessRoute = ["referral", "direct"]
    public static let treatmentStatus = ["attended", "no_show", "cancelled"]
    public static let mirrorReportConsent = ["ja", "nee"]
    public static let financing = ["zin", "pgb"]
    public static let screeningConclusion = ["treat", "refer", "no_indication"]
    public static let measurementMoment = ["start", "interim", "end"]
}
