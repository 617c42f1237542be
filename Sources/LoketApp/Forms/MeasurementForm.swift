// The form of one measurement (meting) on the episode page: instrument (a common one or a
// code typed by hand), moment, date and score. It keeps what the LDO needs to send the
// measurement (spec/ldo.md §4) as required here, except the score: a measurement may be
// recorded before its score is known, and the LDO check then warns that it is left out.

import LoketCore
import Vapor

struct MeasurementForm: Content {
    var instrument: String?
    var moment: String?
    var date: String?
    /// A number; a decimal comma (7,5) or point (7.5).
    var score: String?

    init(instrument: String? = nil, moment: String? = nil, date: String? = nil, score: String? = nil) {
        self.instrument = instrument; self.moment = moment; self.date = date; self.score = score
    }

    /// The stored measurement, to be corrected.
    init(_ m: MeasurementRow) {
        self.init(instrument: m.instrument, moment: m.moment, date: m.date, score: m.score.map(Self.dutch))
    }

    /// A score as the page shows and takes it: with a decimal comma (7,5).
    static func dutch(_ score: Double) -> String {
        DecimalText.of(score).replacingOccurrences(of: ".", with: ",")
    }

    /// Scores beyond this are typing errors: no outcome instrument's scale comes near it.
    static let largestScore = 1_000_000.0

    /// Writes the values into `m`, or returns what is wrong; nothing is written on an error.
    func validate(into m: Measurement) -> FormErrors {
        var errors = FormErrors()
        errors.limit([("instrument", instrument, .code), ("moment", moment, .code), ("date", date, .text), ("score", score, .code)])
        let instrument = clean(self.instrument)?.uppercased()
        if let instrument {
            if instrument.count > LDO.maxInstrumentLength {
                errors.add("instrument", "Een instrumentcode heeft hoogstens \(LDO.maxInstrumentLength) tekens.")
            }
        } else {
            errors.add("instrument", "Kies een instrument of vul de code in.")
        }
        let moment = clean(self.moment)
        if moment.flatMap(LDO.MeasurementMoment.init(rawValue:)) == nil { errors.add("moment", "Kies begin, tussentijds of eind.") }
        var date: LocalDate?
        if let raw = clean(self.date) { date = errors.date(raw, field: "date") }
        else { errors.add("date", "Vul de datum van de meting in.") }
        var score: Double?
        if let raw = clean(self.score) {
            // Digits, a sign and one decimal separator only: Double would also read "nan" or "0x1p3".
            let plain = raw.allSatisfy { "0123456789-+,.".contains($0) }
            score = plain ? Double(raw.replacingOccurrences(of: ",", with: ".")) : nil
            if score == nil || !score!.isFinite || abs(score!) > Self.largestScore {
                errors.add("score", "Vul een getal in, zoals 7 of 7,5.")
            }
        }
        guard errors.isEmpty, let instrument, let moment, let date else { return errors }
        m.instrument = instrument
        m.moment = moment
        m.date = date.iso
        m.score = score
        return errors
    }
}
