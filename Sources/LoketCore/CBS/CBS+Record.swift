// The delivery record: what goes into the file for one youngster, one hulpvorm, one plan
// (spec/cbs-jeugdhulp.md §4, §5). Only deliverable values, already normalised; never the
// patient number or name, which belong to the control overview alone.

extension CBS {
    public struct Record: Hashable, Sendable, Codable {
        /// Nine digits, or a placeholder (`999999999` unknown, `000000000` unborn).
        public var bsn: String
        /// JJJJMMDD.
        public var birthDate: String
        /// M, V or O.
        public var sex: String
        /// `1234AB`, or the 4-digit CBS gemeentecode when the postcode is unknown.
        public var postcode: String
        public var referrer: String  // verwijzer
        public var careType: String  // hulpvorm
        public var startedInCrisis: Bool  // gestart met crisis
        public var start: LocalDate  // datum aanvang
        /// Datum einde; nil when the episode still runs at the end of the period.
        public var end: LocalDate?
        public var endReason: String?  // reden beëindiging
        public var youthSatisfaction: Int?
        public var youthWithoutFurtherHelp: String?
        public var parentSatisfaction: Int?
        public var parentWithoutFurtherHelp: String?

        public init(bsn: String, birthDate: String, sex: String, postcode: String, referrer: String,
                    careType: String, startedInCrisis: Bool, start: LocalDate, end: LocalDate?,
                    endReason: String?, youthSatisfaction: Int?, youthWithoutFurtherHelp: String?,
                    parentSatisfaction: Int?, parentWithoutFurtherHelp: String?) {
            self.bsn = bsn
            self.birthDate = birthDate
            self.sex = sex
            self.postcode = postcode
            self.referrer = referrer
            self.careType = careType
            self.startedInCrisis = startedInCrisis
            self.start = start
            self.end = end
            self.endReason = endReason
            self.youthSatisfaction = youthSatisfaction
            self.youthWithoutFurtherHelp = youthWithoutFurtherHelp
            self.parentSatisfaction = parentSatisfaction
            self.parentWithoutFurtherHelp = parentWithoutFurtherHelp
        }

        /// The field's value as the file holds it, unpadded ("" for an empty optional value).
        /// A layout pads it to its width; the spreadsheet takes it as it is.
        public func value(for field: Field) -> String {
            switch field {
            case .bsn: bsn
            case .birthDate: birthDate
            case .sex: sex
            case .postcode: postcode
            case .referrer: referrer
            case .careType: careType
            case .startedInCrisis: CBS.crisisCode(startedInCrisis)
            case .startDate: start.compact
            case .endDate: end?.compact ?? ""
            case .endReason: endReason ?? ""
            case .youthSatisfaction: youthSatisfaction.map(String.init) ?? ""
            case .youthWithoutFurtherHelp: youthWithoutFurtherHelp ?? ""
            case .parentSatisfaction: parentSatisfaction.map(String.init) ?? ""
            case .parentWithoutFurtherHelp: parentWithoutFurtherHelp ?? ""
            }
        }
    }

    /// spec/cbs-jeugdhulp.md §4 — gestart met crisis: 01 Ja, 02 Nee.
    public static func crisisCode(_ startedInCrisis: Bool) -> String {
        startedInCrisis ? "01" : "02"
    }
}
