// The patient form: what the user typed, and its check. A BSN must pass the elfproef, a
// postcode must be Dutch, a municipality code must exist in 2026; values are stored
// normalised (1234AB). The delivery checks judge the rest of the care data.

import LoketCore
import Vapor

struct PatientForm: Content {
    var number: String?
    var name: String?
    var bsn: String?
    var birthDate: String?
    var sex: String?
    var postcode: String?
    var municipalityCode: String?
    var insurerUzovi: String?
    var identityVerified: String?

    init(number: String? = nil, name: String? = nil, bsn: String? = nil, birthDate: String? = nil, sex: String? = nil,
         postcode: String? = nil, municipalityCode: String? = nil, insurerUzovi: String? = nil, identityVerified: String? = nil) {
        self.number = number; self.name = name; self.bsn = bsn; self.birthDate = birthDate; self.sex = sex
        self.postcode = postcode; self.municipalityCode = municipalityCode; self.insurerUzovi = insurerUzovi
        self.identityVerified = identityVerified
    }

    init(_ p: Patient) {
        self.init(number: p.number, name: p.name, bsn: p.bsn, birthDate: p.birthDate, sex: p.sex, postcode: p.postcode,
                  municipalityCode: p.municipalityCode, insurerUzovi: p.insurerUzovi,
                  identityVerified: p.identityVerified ? "on" : nil)
    }

    /// Names of the fields that differ, for the audit log (names only, never values).
    func changedFields(comparedTo other: PatientForm) -> [String] {
        let pairs: [(String, String?, String?)] = [
            ("number", number, other.number), ("name", name, other.name), ("bsn", bsn, other.bsn),
            ("birthDate", birthDate, other.birthDate), ("sex", sex, other.sex), ("postcode", postcode, other.postcode),
            ("municipalityCode", municipalityCode, other.municipalityCode), ("insurerUzovi", insurerUzovi, other.insurerUzovi),
            ("identityVerified", identityVerified, other.identityVerified),
        ]
        return pairs.filter { $0.1 != $0.2 }.map(\.0)
    }

    /// Checks every field; on success writes the normalised values into `patient`.
    func validate(into patient: Patient, today: LocalDate) -> FormErrors {
        var errors = FormErrors()
        errors.limit([("number", number, .code), ("name", name, .name), ("bsn", bsn, .code), ("birthDate", birthDate, .text),
                      ("sex", sex, .code), ("postcode", postcode, .code), ("municipalityCode", municipalityCode, .code),
                      ("insurerUzovi", insurerUzovi, .code)])
        let number = clean(self.number)
        if number == nil { errors.add("number", "Vul een patiëntnummer in.") }
        let name = clean(self.name)
        if name == nil { errors.add("name", "Vul de naam in.") }
        var bsn: String?
        if let raw = clean(self.bsn) {
            switch BSN.validate(raw) {
            case .success(let b): bsn = b.value
            case .failure(.notNineDigits): errors.add("bsn", "Een BSN heeft 9 cijfers.")
            case .failure(.failsElfproef): errors.add("bsn", "Dit BSN bestaat niet: het voldoet niet aan de elfproef.")
            }
        }
        var birth: BirthDate?
        if let raw = clean(birthDate) {
            // Whole, or partial as CBS allows: jjjj-mm (day unknown), jjjj (month unknown too).
            if let b = BirthDate(text: raw) {
                if !b.isSupported {
                    errors.add("birthDate", "Vul een datum in tussen \(LocalDate.supportedYears.lowerBound) en \(LocalDate.supportedYears.upperBound).")
                } else if (b.date ?? LocalDate.firstDay(year: b.year, month: b.month ?? 1)) > today {
                    errors.add("birthDate", "De geboortedatum ligt in de toekomst.")
                } else {
                    birth = b
                }
            } else {
                errors.add("birthDate", "Vul een geldige datum in (jjjj-mm-dd; jjjj-mm als de dag onbekend is, jjjj als ook de maand onbekend is).")
            }
        }
        let sex = clean(self.sex)
        if let sex, !ExchangeValues.sex.contains(sex) { errors.add("sex", "Kies man, vrouw of onbekend.") }
        var postcode: String?
        if let raw = clean(self.postcode) {
            postcode = Postcode(raw)?.value
            if postcode == nil { errors.add("postcode", "Vul een postcode in zoals 1234 AB.") }
        }
        let municipality = clean(municipalityCode)
        if let m = municipality, Municipality.lookup(code: m) == nil {
            errors.add("municipalityCode", "Onbekende gemeentecode: gebruik de 4 cijfers van het CBS (bijv. 0344).")
        }
        let uzovi = clean(insurerUzovi)
        if let u = uzovi, u.count != 4 || !u.allSatisfy(\.isASCII) || !u.allSatisfy(\.isNumber) {
            errors.add("insurerUzovi", "Een UZOVI-code heeft 4 cijfers.")
        }
        guard errors.isEmpty else { return errors }
        patient.number = number!
        patient.name = name
        patient.bsn = bsn
        patient.birthDate = birth?.iso
        patient.sex = sex
        patient.postcode = postcode
        patient.municipalityCode = municipality
        patient.insurerUzovi = uzovi
        patient.identityVerified = identityVerified != nil
        return errors
    }
}
