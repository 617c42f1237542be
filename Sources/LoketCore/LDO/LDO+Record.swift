// The LDO record (spec/ldo.md §4): what is delivered for one episode. Never a name or an
// address. Values here are already checked and normalised; optional data that is invalid
// is left out rather than sent wrong, since only the technically required data are checked.

extension LDO {
    /// spec/ldo.md §4 — the record of one included episode.
    public struct Record: Hashable, Sendable {
        /// A delivered treatment: date, prestatiecode and practitioner.
        public struct Treatment: Hashable, Sendable {
            public var date: LocalDate
            public var code: String?
            public var practitionerAGB: String?

            public init(date: LocalDate, code: String?, practitionerAGB: String?) {
                self.date = date
                self.code = code
                self.practitionerAGB = practitionerAGB
            }
        }

        /// A delivered measurement: every part present and valid (`LDO.sendable`).
        public struct Measurement: Hashable, Sendable {
            public var instrument: String
            public var moment: MeasurementMoment
            public var date: LocalDate
            public var score: Double

            public init(instrument: String, moment: MeasurementMoment, date: LocalDate, score: Double) {
                self.instrument = instrument
                self.moment = moment
                self.date = date
                self.score = score
            }
        }

        // Practice
        public var practiceAGB: String?
        public var practiceKvK: String
        // Practitioner (hoofdbehandelaar)
        public var practitionerAGB: String?
        public var practitionerBIG: String
        // Patient
        public var patientPseudonym: String
        /// Only as input for PVM's pseudonym; PVM removes it before the data leave the practice.
        public var bsn: String?
        public var birthDate: LocalDate
        public var sex: Sex
        public var postcode: String
        public var insurerUzovi: String?
        // Episode
        public var episodeId: String
        public var start: LocalDate
        public var end: LocalDate?
        public var accessRoute: AccessRoute
        /// Only on a referral.
        public var referrerType: ReferrerType?
        /// Only on a referral.
        public var referralDate: LocalDate?
        /// Only on direct access (DTO).
        public var screeningConclusion: ScreeningConclusion?
        public var chronic: Bool?
        public var dcsph: String
        /// All attended treatments of the episode, by date.
        public var treatments: [Treatment]
        /// Empty means "none": the file then carries instrument code 998.
        public var measurements: [Measurement]
        /// Only once the episode has ended.
        public var endReason: EndReason?
        public var goalsAchieved: GoalsAchieved?

        /// Aantal behandelingen: the attended treatments, so it always matches the list.
        public var numberOfTreatments: Int { treatments.count }

        public init(practiceAGB: String?, practiceKvK: String, practitionerAGB: String?,
                    practitionerBIG: String, patientPseudonym: String, bsn: String?,
                    birthDate: LocalDate, sex: Sex, postcode: String, insurerUzovi: String?,
                    episodeId: String, start: LocalDate, end: LocalDate?, accessRoute: AccessRoute,
                    referrerType: ReferrerType?, referralDate: LocalDate? = nil,
                    screeningConclusion: ScreeningConclusion? = nil, chronic: Bool? = nil,
                    dcsph: String, treatments: [Treatment],
                    measurements: [Measurement], endReason: EndReason?, goalsAchieved: GoalsAchieved?) {
            self.practiceAGB = practiceAGB
            self.practiceKvK = practiceKvK
            self.practitionerAGB = practitionerAGB
            self.practitionerBIG = practitionerBIG
            self.patientPseudonym = patientPseudonym
            self.bsn = bsn
            self.birthDate = birthDate
            self.sex = sex
            self.postcode = postcode
            self.insurerUzovi = insurerUzovi
            self.episodeId = episodeId
            self.start = start
            self.end = end
            self.accessRoute = accessRoute
            self.referrerType = referrerType
            self.referralDate = referralDate
            self.screeningConclusion = screeningConclusion
            self.chronic = chronic
            self.dcsph = dcsph
            self.treatments = treatments
            self.measurements = measurements
            self.endReason = endReason
            self.goalsAchieved = goalsAchieved
        }
    }
}

extension LDO.Record {
    /// spec/ldo.md §2, §4 — builds the record from an episode whose required data have been
    /// checked (the checked values are passed in). The receiver keeps the latest state of
    /// each episode, so the record carries **all attended treatments of the episode**, not
    /// only those in the window; no-shows and cancellations are not care given and are not
    /// sent. Optional values (AGB codes, BSN, UZOVI, goals, measurements) are sent only when
    /// valid; `LDO.warnings(for:)` names the ones left out.
    init(episode e: LDO.Episode, practice: LDO.Practice, kvk: String, big: String,
         birthDate: LocalDate, sex: LDO.Sex, postcode: String, accessRoute: LDO.AccessRoute,
         referrerType: LDO.ReferrerType?, dcsph: String, endReason: LDO.EndReason?) {
        let treatments = e.treatments
            .filter { $0.status == .attended }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
            .map { Treatment(date: $0.date, code: LDO.present($0.code),
                             practitionerAGB: $0.practitionerAGB.flatMap { AGBCode($0)?.value }) }
        self.init(
            practiceAGB: practice.agb.flatMap { AGBCode($0)?.value },
            practiceKvK: kvk,
            practitionerAGB: e.mainPractitioner?.agb.flatMap { AGBCode($0)?.value },
            practitionerBIG: big,
            patientPseudonym: e.patientPseudonym,
            // Only a BSN that passes the elfproef: a wrong one would give a wrong pseudonym.
            bsn: e.bsn.flatMap { BSN($0)?.value },
            birthDate: birthDate,
            sex: sex,
            postcode: postcode,
            insurerUzovi: e.insurerUzovi.flatMap { Digits.exactly(4, in: $0) },
            episodeId: e.id,
            start: e.start,
            end: e.end,
            accessRoute: accessRoute,
            referrerType: accessRoute == .referral ? referrerType : nil,
            referralDate: accessRoute == .referral ? e.referralDate : nil,
            screeningConclusion: accessRoute == .direct ? e.screeningConclusion : nil,
            chronic: e.chronic,
            dcsph: dcsph,
            treatments: treatments,
            measurements: e.measurements.compactMap(LDO.sendable)
                .sorted { ($0.date, $0.moment.order, $0.instrument) < ($1.date, $1.moment.order, $1.instrument) },
            endReason: e.end == nil ? nil : endReason,
            goalsAchieved: LDO.present(e.goalsAchieved).flatMap { LDO.GoalsAchieved(rawValue: $0) }
        )
    }
}
