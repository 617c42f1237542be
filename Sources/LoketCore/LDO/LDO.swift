// LDO (Landelijke Database Oefentherapie): the episode data exercise therapists deliver to
// Nivel on behalf of the VvOCM (spec/ldo.md). This file holds the namespace and the input
// values. Care data arrive here as stored, possibly wrong; the rules in `LDO+Check.swift`
// judge them, so nothing is rejected at input time and the user sees every problem at once.

/// The LDO delivery rules: window, selection, checks and the record (spec/ldo.md).
public enum LDO {}

extension LDO {
    /// A practice (praktijk) as far as the LDO needs it.
    public struct Practice: Hashable, Sendable {
        public var id: String
        /// KvK number as stored; must be 8 digits (spec/ldo.md §1.2).
        public var kvk: String?
        /// Practice AGB code as stored; 8 digits when valid.
        public var agb: String?
        /// "Aanleveren aan LDO": without it the practice delivers nothing (spec/ldo.md §1.1).
        public var optIn: Bool

        public init(id: String, kvk: String?, agb: String?, optIn: Bool) {
            self.id = id
            self.kvk = kvk
            self.agb = agb
            self.optIn = optIn
        }
    }

    /// The episode's main practitioner (hoofdbehandelaar).
    public struct Practitioner: Hashable, Sendable {
        public var id: String
        /// BIG number as stored; must be 11 digits (spec/ldo.md §1.2).
        public var big: String?
        /// Practitioner AGB code as stored, the key peers send (spec/ldo.md §1.2).
        public var agb: String?

        public init(id: String, big: String?, agb: String?) {
            self.id = id
            self.big = big
            self.agb = agb
        }
    }

    /// One treatment (behandeling) of an episode.
    public struct Treatment: Hashable, Sendable {
        public var id: String
        public var date: LocalDate
        public var status: TreatmentStatus
        /// Prestatiecode as stored.
        public var code: String?
        /// AGB code of the practitioner who gave the treatment, as stored.
        public var practitionerAGB: String?

        public init(id: String, date: LocalDate, status: TreatmentStatus, code: String? = nil,
                    practitionerAGB: String? = nil) {
            self.id = id
            self.date = date
            self.status = status
            self.code = code
            self.practitionerAGB = practitionerAGB
        }
    }

    /// One outcome measurement (meting) as stored: every part may be missing or wrong, and
    /// the check decides whether it is sent (spec/ldo.md §4: a measurement without a score is
    /// left out with a warning; the episode still goes).
    public struct Measurement: Hashable, Sendable {
        public var id: String
        /// The outcome instrument's code (`PSK`, `NPRS`, …), up to 20 characters.
        public var instrument: String?
        public var moment: MeasurementMoment?
        public var date: LocalDate?
        public var score: Double?

        public init(id: String, instrument: String?, moment: MeasurementMoment?, date: LocalDate?, score: Double?) {
            self.id = id
            self.instrument = instrument
            self.moment = moment
            self.date = date
            self.score = score
        }
    }

    /// A treatment episode (behandelepisode) with everything the LDO record draws on.
    public struct Episode: Hashable, Sendable {
        /// The episode id of the exchange format; with the practice it is the receiver's
        /// upsert key (spec/ldo.md §2).
        public var id: String
        /// Pre-pseudonymised patient id, computed by the app (an HMAC); never a name.
        public var patientPseudonym: String
        public var bsn: String?
        /// May be partial; the LDO takes whole dates only (LDO.check).
        public var birthDate: BirthDate?
        /// `M`, `V` or `O` when valid.
        public var sex: String?
        public var postcode: String?
        public var insurerUzovi: String?
        public var consent: Consent?
        public var start: LocalDate
        public var end: LocalDate?
        public var accessRoute: AccessRoute?
        /// A `ReferrerType` raw value when valid.
        public var referrerType: String?
        /// The date of the referral letter; only sent on a referral.
        public var referralDate: LocalDate?
        /// The DTO screening's conclusion; only sent on direct access.
        public var screeningConclusion: ScreeningConclusion?
        /// Whether the diagnosis is on the chronic list (Bijlage 1 Besluit zorgverzekering).
        public var chronic: Bool?
        /// DCSPH diagnosis code: 2 digits body location + 2 digits pathology.
        public var dcsph: String?
        /// An `EndReason` raw value (`01`…`04`) when valid.
        public var endReason: String?
        /// A `GoalsAchieved` raw value (`yes`, `partly`, `no`) when valid.
        public var goalsAchieved: String?
        public var mainPractitioner: Practitioner?
        public var treatments: [Treatment]
        public var measurements: [Measurement]

        public init(id: String, patientPseudonym: String, bsn: String? = nil, birthDate: BirthDate?,
                    sex: String?, postcode: String?, insurerUzovi: String? = nil, consent: Consent?,
                    start: LocalDate, end: LocalDate? = nil, accessRoute: AccessRoute?,
                    referrerType: String? = nil, referralDate: LocalDate? = nil,
                    screeningConclusion: ScreeningConclusion? = nil, chronic: Bool? = nil,
                    dcsph: String?, endReason: String? = nil,
                    goalsAchieved: String? = nil, mainPractitioner: Practitioner?,
                    treatments: [Treatment], measurements: [Measurement] = []) {
            self.id = id
            self.patientPseudonym = patientPseudonym
            self.bsn = bsn
            self.birthDate = birthDate
            self.sex = sex
            self.postcode = postcode
            self.insurerUzovi = insurerUzovi
            self.consent = consent
            self.start = start
            self.end = end
            self.accessRoute = accessRoute
            self.referrerType = referrerType
            self.referralDate = referralDate
            self.screeningConclusion = screeningConclusion
            self.chronic = chronic
            self.dcsph = dcsph
            self.endReason = endReason
            self.goalsAchieved = goalsAchieved
            self.mainPractitioner = mainPractitioner
            self.treatments = treatments
            self.measurements = measurements
        }
    }
}
