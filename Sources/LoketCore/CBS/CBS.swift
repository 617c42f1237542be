// CBS Beleidsinformatie Jeugd (jeugdhulp): the namespace, and the episode as the rules see
// it. The app fills `CBS.Episode` from its database; everything in `CBS` is a pure function
// over such values, so the rules know nothing of HTTP or SQL (spec/cbs-jeugdhulp.md).

public enum CBS {}

extension CBS {
    /// One treatment episode (behandelepisode) with the values the CBS rules need, exactly as
    /// stored. Care data may be invalid — it is stored as the user gave it and judged by
    /// `CBS.control`, so that the control overview can say what is wrong instead of the
    /// value being lost on input.
    public struct Episode: Sendable, Hashable {
        /// The exchange-format episode id; shown in the overview, never written to the file.
        public var id: String
        /// Patiëntnummer: overview only, never written to the file (§4).
        public var patientNumber: String
        /// Patiëntnaam: overview only, never written to the file (§4).
        public var patientName: String
        public var bsn: String?
        /// May be partial (day or month unknown, §4).
        public var birthDate: BirthDate?
        /// Geslacht: M, V or O.
        public var sex: String?
        public var postcode: String?
        /// CBS gemeentecode (4 digits), the fallback when the postcode is unknown (§4).
        public var municipalityCode: String?
        /// Datum aanvang: the first real treatment contact.
        public var start: LocalDate
        /// Datum einde; nil while the episode runs.
        public var end: LocalDate?
        public var careType: String?  // hulpvorm
        public var startedInCrisis: Bool  // gestart met crisis
        public var referrer: String?  // verwijzer (verwijstype)
        /// Perspectief: legacy (until 2018), kept for display, never written (§4).
        public var perspective: String?
        public var endReason: String?  // reden beëindiging
        public var youthSatisfaction: Int?  // tevredenheid jeugdige
        public var youthWithoutFurtherHelp: String?  // zonder hulp verder jeugdige
        public var parentSatisfaction: Int?  // tevredenheid ouder/opvoeder
        public var parentWithoutFurtherHelp: String?  // zonder hulp verder ouder/opvoeder
        /// Financing: "zin" (zorg in natura) or "pgb"; nil is zin. PGB is not delivered (§3).
        public var financing: String?

        public init(
            id: String,
            patientNumber: String,
            patientName: String,
            bsn: String?,
            birthDate: BirthDate?,
            sex: String?,
            postcode: String?,
            municipalityCode: String?,
            start: LocalDate,
            end: LocalDate?,
            careType: String?,
            startedInCrisis: Bool,
            referrer: String?,
            perspective: String?,
            endReason: String?,
            youthSatisfaction: Int?,
            youthWithoutFurtherHelp: String?,
            parentSatisfaction: Int?,
            parentWithoutFurtherHelp: String?,
            financing: String? = nil
        ) {
            self.financing = financing
            self.id = id
            self.patientNumber = patientNumber
            self.patientName = patientName
            self.bsn = bsn
            self.birthDate = birthDate
            self.sex = sex
            self.postcode = postcode
            self.municipalityCode = municipalityCode
            self.start = start
            self.end = end
            self.careType = careType
            self.startedInCrisis = startedInCrisis
            self.referrer = referrer
            self.perspective = perspective
            self.endReason = endReason
            self.youthSatisfaction = youthSatisfaction
            self.youthWithoutFurtherHelp = youthWithoutFurtherHelp
            self.parentSatisfaction = parentSatisfaction
            self.parentWithoutFurtherHelp = parentWithoutFurtherHelp
        }
    }
}
