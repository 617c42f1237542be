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
                    referrerType: ReferrerType?, dcsph: String, treatments: [Treatment],
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
    /// sent. Optional values (AGB codes, BSN, UZOVI, goals) are sent only when valid.
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
            dcsph: dcsph,
            treatments: treatments,
            measurements: e.measurements.filter { LDO.present($0.instrument) != nil },
            endReason: e.end == nil ? nil : endReason,
            goalsAchieved: LDO.present(e.goalsAchieved).flatMap { LDO.GoalsAchieved(rawValue: $0) }
        )
    }
}
