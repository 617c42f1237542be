// The header values of a delivery file: the practice's CBS settings plus the period
// (spec/cbs-jeugdhulp.md §2 "these four values are written into the delivery file", §1).

extension CBS {
    /// A value of the file's header record.
    public enum HeaderField: String, CaseIterable, Hashable, Sendable, Codable {
        case correspondenceNumber  // correspondentienummer
        case email
        case phone  // telefoonnummer
        case mirrorReportConsent  // akkoord doorlevering spiegelrapport
        case year  // aanleverjaar
        case period  // aanleverperiode

        public var title: String {
            switch self {
            case .correspondenceNumber: "Correspondentienummer"
            case .email: "E-mail"
            case .phone: "Telefoonnummer"
            case .mirrorReportConsent: "Akkoord doorlevering spiegelrapport"
            case .year: "Aanleverjaar"
            case .period: "Aanleverperiode"
            }
        }
    }

    public struct Header: Hashable, Sendable {
        /// Always 10 digits, left-padded with zeros (§2).
        public var correspondenceNumber: CBSCorrespondenceNumber
        /// Of the person who delivers (§2).
        public var email: String
        public var phone: String
        /// Ja / Nee / not filled (nil). Only an explicit Ja lets CBS forward mirror reports
        /// to municipalities; not filled means no (§2), so nil is written as N.
        public var mirrorReportConsent: Bool?
        public var year: Int
        /// "JH1", "JH2"; legacy "Q1" for the one quarter period (2015 Q1, §1).
        public var period: String

        /// The header of a half-year delivery (the normal case).
        public init(correspondenceNumber: CBSCorrespondenceNumber, email: String, phone: String,
                    mirrorReportConsent: Bool?, period: HalfYear) {
            self.correspondenceNumber = correspondenceNumber
            self.email = email
            self.phone = phone
            self.mirrorReportConsent = mirrorReportConsent
            self.year = period.year
            self.period = "JH\(period.half)"
        }

        /// The header of a legacy quarter delivery (only 2015 Q1 existed, §1).
        public init(correspondenceNumber: CBSCorrespondenceNumber, email: String, phone: String,
                    mirrorReportConsent: Bool?, quarter: Quarter) {
            self.correspondenceNumber = correspondenceNumber
            self.email = email
            self.phone = phone
            self.mirrorReportConsent = mirrorReportConsent
            self.year = quarter.year
            self.period = "Q\(quarter.quarter)"
        }

        /// The value as the file holds it, unpadded.
        public func value(for field: HeaderField) -> String {
            switch field {
            case .correspondenceNumber: correspondenceNumber.value
            case .email: email
            case .phone: phone
            case .mirrorReportConsent: mirrorReportConsent == true ? "J" : "N"
            case .year: String(year)
            case .period: period
            }
        }
    }
}
