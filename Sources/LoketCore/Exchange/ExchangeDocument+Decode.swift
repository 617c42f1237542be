// Reading an exchange document: every structural error is collected with its JSON path,
// so a practice fixes its export in one round instead of one error per attempt.
// References between records are checked in `ExchangeDocument+References.swift`, because
// they may point to records already in the database.

extension ExchangeDocument {
    /// Parses and checks the structure of a document. Throws `ExchangeErrors` listing every
    /// problem (a malformed text gives one error with its line and column).
    /// Record by record (ExchangeDocument+Stream.swift): never the whole document as a tree.
    public static func decode(_ bytes: [UInt8]) throws(ExchangeErrors) -> ExchangeDocument {
        try bytes.withUnsafeBufferPointer { buffer throws(ExchangeErrors) in try decode(buffer) }
    }

    public static func decode(_ json: JSONValue) throws(ExchangeErrors) -> ExchangeDocument {
        var r = FieldReader()
        var doc = ExchangeDocument()
        guard let root = r.object(json, at: "", keys: ["format", "practices", "employees", "patients", "episodes", "treatments", "measurements"]) else {
            throw ExchangeErrors(r.errors)
        }
        checkFormat(root["format"], into: &r)
        doc.practices = r.array(root, "practices", at: "") { r, v, p in decodePractice(&r, v, p) }
        doc.employees = r.array(root, "employees", at: "") { r, v, p in decodeEmployee(&r, v, p) }
        doc.patients = r.array(root, "patients", at: "") { r, v, p in decodePatient(&r, v, p) }
        doc.episodes = r.array(root, "episodes", at: "") { r, v, p in decodeEpisode(&r, v, p) }
        doc.treatments = r.array(root, "treatments", at: "") { r, v, p in decodeTreatment(&r, v, p) }
        doc.measurements = r.array(root, "measurements", at: "") { r, v, p in decodeMeasurement(&r, v, p) }
        r.errors += doc.duplicateIDErrors()
        guard r.errors.isEmpty else { throw ExchangeErrors(r.errors) }
        return doc
    }

    /// The document's `format`: this format's name, and nothing else.
    static func checkFormat(_ value: JSONValue?, into r: inout FieldReader) {
        switch value {
        case .string(formatName)?: break
        case nil, .null?: r.fail("format", "required: \"\(formatName)\"")
        case .string(let other)?: r.fail("format", "unknown format \(TextLimit.quoted(other)); expected \"\(formatName)\"")
        case let other?: r.fail("format", "expected a string, found \(other.typeName)")
        }
    }

    static func decodePractice(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Practice? {
        guard let o = r.object(v, at: p, keys: ["id", "name", "kvk", "agb", "ldo", "cbs"]) else { return nil }
        let id = r.id(o, at: p), name = r.requiredString(o, "name", at: p, .name)
        var practice = Practice(id: id ?? "", name: name ?? "", kvk: r.string(o, "kvk", at: p, .code), agb: r.string(o, "agb", at: p, .code))
        if let ldo = r.nested(o, "ldo", at: p, keys: ["optIn", "pseudonymKey"]) {
            practice.ldoOptIn = r.bool(ldo, "optIn", at: p + ".ldo") ?? false
            if let key = r.string(ldo, "pseudonymKey", at: p + ".ldo", .code) {
                if key.utf8.count == 64, key.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }) {
                    practice.ldoPseudonymKey = key.lowercased()
                } else {
                    r.fail(p + ".ldo.pseudonymKey", "not 64 hexadecimal digits: \(TextLimit.quoted(key))")
                }
            }
        }
        if let cbs = r.nested(o, "cbs", at: p, keys: ["correspondenceNumber", "email", "phone", "mirrorReportConsent"]) {
            let c = p + ".cbs"
            practice.cbsCorrespondenceNumber = r.string(cbs, "correspondenceNumber", at: c, .code)
            practice.cbsEmail = r.string(cbs, "email", at: c, .name)
            practice.cbsPhone = r.string(cbs, "phone", at: c, .code)
            practice.cbsMirrorReportConsent = r.oneOf(cbs, "mirrorReportConsent", ExchangeValues.mirrorReportConsent, at: c)
        }
        return id == nil || name == nil ? nil : practice
    }

    static func decodeEmployee(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Employee? {
        guard let o = r.object(v, at: p, keys: ["id", "practiceId", "name", "big", "agb"]) else { return nil }
        let id = r.id(o, at: p), practice = r.requiredString(o, "practiceId", at: p, .id), name = r.requiredString(o, "name", at: p, .name)
        let big = r.string(o, "big", at: p, .code), agb = r.string(o, "agb", at: p, .code)
        guard let id, let practice, let name else { return nil }
        return Employee(id: id, practiceId: practice, name: name, big: big, agb: agb)
    }

    static func decodePatient(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Patient? {
        let keys: [String] = ["id", "practiceId", "number", "name", "bsn", "birthDate", "sex", "postcode",
                                 "municipalityCode", "insurerUzovi", "identityVerified"]
        guard let o = r.object(v, at: p, keys: keys) else { return nil }
        let id = r.id(o, at: p), practice = r.requiredString(o, "practiceId", at: p, .id)
        let number = r.requiredString(o, "number", at: p, .code)
        let patient = Patient(
            id: id ?? "", practiceId: practice ?? "", number: number ?? "",
            name: r.string(o, "name", at: p, .name), bsn: r.string(o, "bsn", at: p, .code),
            birthDate: r.birthDate(o, "birthDate", at: p), sex: r.oneOf(o, "sex", ExchangeValues.sex, at: p),
            postcode: r.string(o, "postcode", at: p, .code), municipalityCode: r.string(o, "municipalityCode", at: p, .code),
            insurerUzovi: r.string(o, "insurerUzovi", at: p, .code),
            identityVerified: r.bool(o, "identityVerified", at: p) ?? false)
        return id == nil || practice == nil || number == nil ? nil : patient
    }

    static func decodeEpisode(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Episode? {
        let keys: [String] = ["id", "patientId", "practiceId", "mainPractitionerId", "start", "end", "ldo", "cbs"]
        guard let o = r.object(v, at: p, keys: keys) else { return nil }
        let id = r.id(o, at: p), patient = r.requiredString(o, "patientId", at: p, .id)
        let practice = r.requiredString(o, "practiceId", at: p, .id)
        let main = r.string(o, "mainPractitionerId", at: p, .id)
        let start = r.requiredDate(o, "start", at: p), end = r.date(o, "end", at: p)
        var ldo = LDOPart(), cbs = CBSPart()
        let ldoKeys: [String] = ["consent", "accessRoute", "referrerType", "referralDate", "screeningConclusion", "chronic",
                                 "dcsph", "endReason", "goalsAchieved"]
        if let l = r.nested(o, "ldo", at: p, keys: ldoKeys) {
            let q = p + ".ldo"
            ldo = LDOPart(consent: r.oneOf(l, "consent", ExchangeValues.consent, at: q),
                          accessRoute: r.oneOf(l, "accessRoute", ExchangeValues.accessRoute, at: q),
                          referrerType: r.string(l, "referrerType", at: q, .code), referralDate: r.date(l, "referralDate", at: q),
                          screeningConclusion: r.oneOf(l, "screeningConclusion", ExchangeValues.screeningConclusion, at: q),
                          chronic: r.bool(l, "chronic", at: q), dcsph: r.string(l, "dcsph", at: q, .code),
                          endReason: r.string(l, "endReason", at: q, .code), goalsAchieved: r.string(l, "goalsAchieved", at: q, .code))
        }
        let cbsKeys: [String] = ["financing", "careType", "startedInCrisis", "referrer", "perspective", "endReason", "outcome"]
        if let c = r.nested(o, "cbs", at: p, keys: cbsKeys) {
            let q = p + ".cbs"
            cbs = CBSPart(careType: r.string(c, "careType", at: q, .code), startedInCrisis: r.bool(c, "startedInCrisis", at: q) ?? false,
                          referrer: r.string(c, "referrer", at: q, .code), perspective: r.string(c, "perspective", at: q, .code),
                          endReason: r.string(c, "endReason", at: q, .code),
                          financing: r.oneOf(c, "financing", ExchangeValues.financing, at: q))
            let outcomeKeys: [String] = ["youthSatisfaction", "youthWithoutFurtherHelp", "parentSatisfaction", "parentWithoutFurtherHelp"]
            if let out = r.nested(c, "outcome", at: q, keys: outcomeKeys) {
                let s = q + ".outcome"
                cbs.youthSatisfaction = r.integer(out, "youthSatisfaction", at: s)
                cbs.youthWithoutFurtherHelp = r.string(out, "youthWithoutFurtherHelp", at: s, .code)
                cbs.parentSatisfaction = r.integer(out, "parentSatisfaction", at: s)
                cbs.parentWithoutFurtherHelp = r.string(out, "parentWithoutFurtherHelp", at: s, .code)
            }
        }
        guard let id, let patient, let practice, let start else { return nil }
        return Episode(id: id, patientId: patient, practiceId: practice, mainPractitionerId: main,
                       start: start, end: end, ldo: ldo, cbs: cbs)
    }

    static func decodeTreatment(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Treatment? {
        guard let o = r.object(v, at: p, keys: ["id", "episodeId", "practitionerId", "date", "status", "code"]) else { return nil }
        let id = r.id(o, at: p), episode = r.requiredString(o, "episodeId", at: p, .id)
        let practitioner = r.string(o, "practitionerId", at: p, .id), date = r.requiredDate(o, "date", at: p)
        let status = r.oneOf(o, "status", ExchangeValues.treatmentStatus, at: p, required: true)
        let code = r.string(o, "code", at: p, .code)
        guard let id, let episode, let date, let status else { return nil }
        return Treatment(id: id, episodeId: episode, practitionerId: practitioner, date: date, status: status, code: code)
    }

    static func decodeMeasurement(_ r: inout FieldReader, _ v: JSONValue, _ p: String) -> Measurement? {
        guard let o = r.object(v, at: p, keys: ["id", "episodeId", "instrument", "moment", "date", "score"]) else { return nil }
        let id = r.id(o, at: p), episode = r.requiredString(o, "episodeId", at: p, .id)
        let instrument = r.string(o, "instrument", at: p, .code)
        let moment = r.oneOf(o, "moment", ExchangeValues.measurementMoment, at: p)
        let date = r.date(o, "date", at: p), score = r.number(o, "score", at: p)
        guard let id, let episode else { return nil }
        return Measurement(id: id, episodeId: episode, instrument: instrument, moment: moment, date: date, score: score)
    }

    /// Each id may occur once per kind of record: a second one would overwrite the first.
    func duplicateIDErrors() -> [ExchangeError] {
        var errors: [ExchangeError] = []
        func check(_ name: String, _ ids: [String]) {
            var first: [String: Int] = [:]
            for (i, id) in ids.enumerated() {
                if let j = first[id] {
                    errors.append(ExchangeError(path: "\(name)[\(i)].id", message: "duplicate id \(TextLimit.quoted(id)) (also at \(name)[\(j)])"))
                } else {
                    first[id] = i
                }
            }
        }
        check("practices", practices.map(\.id))
        check("employees", employees.map(\.id))
        check("patients", patients.map(\.id))
        check("episodes", episodes.map(\.id))
        check("treatments", treatments.map(\.id))
        check("measurements", measurements.map(\.id))
        return errors
    }
}

/// Reads typed fields out of parsed objects and records an error, with its path, for
/// every field that is not of the expected shape.
/// An object's known members. A record has at most a dozen keys: looking one up by
/// comparing is faster than hashing them into a dictionary, once per record of a
/// document of a million records. A key given twice counts as its last value, as JSON
/// parsers commonly do.
struct JSONFields {
    let members: [(key: String, value: JSONValue)]

    subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }
}

struct FieldReader {
    var errors: [ExchangeError] = []

    mutating func fail(_ path: String, _ message: String) {
        errors.append(ExchangeError(path: path, message: message))
    }

    private func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// An object whose keys are all known; unknown keys are errors (a typo must not lose data).
    mutating func object(_ value: JSONValue, at path: String, keys: [String]) -> JSONFields? {
        guard case .object(let members) = value else {
            fail(path, "expected an object, found \(value.typeName)")
            return nil
        }
        var known = members
        known.removeAll { m in
            guard !keys.contains(m.key) else { return false }
            // A key is quoted like a value: at most 40 characters of it reach the message.
            fail(join(path, String(TextLimit.quoted(m.key).dropFirst().dropLast())), "unknown key")
            return true
        }
        return JSONFields(members: known)
    }

    mutating func nested(_ o: JSONFields, _ key: String, at path: String, keys: [String]) -> JSONFields? {
        guard let v = o[key], v != .null else { return nil }
        return object(v, at: join(path, key), keys: keys)
    }

    mutating func array<T>(_ o: JSONFields, _ key: String, at path: String,
                           _ element: (inout FieldReader, JSONValue, String) -> T?) -> [T] {
        guard let v = o[key], v != .null else { return [] }
        guard case .array(let items) = v else {
            fail(join(path, key), "expected an array, found \(v.typeName)")
            return []
        }
        var out: [T] = []
        out.reserveCapacity(items.count)
        let prefix = join(path, key) + "["
        for (i, item) in items.enumerated() {
            if let t = element(&self, item, prefix + String(i) + "]") { out.append(t) }
        }
        return out
    }

    /// A string within the limits of its kind of field (TextLimit); anything else is an error.
    mutating func string(_ o: JSONFields, _ key: String, at path: String, _ kind: TextLimit = .text) -> String? {
        switch o[key] {
        case nil, .null?: return nil
        case .string(let s)?:
            if let problem = kind.problem(s) {
                fail(join(path, key), "\(problem.message): \(TextLimit.quoted(s))")
                return nil
            }
            return s
        case let other?: fail(join(path, key), "expected a string, found \(other.typeName)"); return nil
        }
    }

    mutating func requiredString(_ o: JSONFields, _ key: String, at path: String, _ kind: TextLimit = .text) -> String? {
        switch o[key] {
        case nil, .null?: fail(join(path, key), "required"); return nil
        case .string(let s)? where s.isEmpty: fail(join(path, key), "must not be empty"); return nil
        default: return string(o, key, at: path, kind)
        }
    }

    mutating func id(_ o: JSONFields, at path: String) -> String? {
        requiredString(o, "id", at: path, .id)
    }

    mutating func bool(_ o: JSONFields, _ key: String, at path: String) -> Bool? {
        switch o[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: fail(join(path, key), "expected true or false, found \(other.typeName)"); return nil
        }
    }

    mutating func integer(_ o: JSONFields, _ key: String, at path: String) -> Int? {
        switch o[key] {
        case nil, .null?: return nil
        case .number(let n)?:
            if let i = Int(n) { return i }
            fail(join(path, key), "not a whole number: \(TextLimit.quoted(n))"); return nil
        case let other?: fail(join(path, key), "expected a whole number, found \(other.typeName)"); return nil
        }
    }

    /// A number that a Double holds finitely (a score); `1e999` is an error, not infinity.
    mutating func number(_ o: JSONFields, _ key: String, at path: String) -> Double? {
        switch o[key] {
        case nil, .null?: return nil
        case .number(let n)?:
            if let d = Double(n), d.isFinite { return d }
            fail(join(path, key), "not a finite number: \(TextLimit.quoted(n))"); return nil
        case let other?: fail(join(path, key), "expected a number, found \(other.typeName)"); return nil
        }
    }

    mutating func date(_ o: JSONFields, _ key: String, at path: String) -> LocalDate? {
        guard let s = string(o, key, at: path) else { return nil }
        switch LocalDate.input(s) {
        case .date(let d): return d
        case .notADate: fail(join(path, key), "not a date (YYYY-MM-DD): \(TextLimit.quoted(s))")
        case .outOfRange:
            fail(join(path, key), "a year outside \(LocalDate.supportedYears.lowerBound)–\(LocalDate.supportedYears.upperBound): \(TextLimit.quoted(s))")
        }
        return nil
    }

    /// A birth date, whole or partial (`YYYY-MM`, `YYYY`).
    mutating func birthDate(_ o: JSONFields, _ key: String, at path: String) -> BirthDate? {
        guard let s = string(o, key, at: path) else { return nil }
        guard let d = BirthDate(text: s) else {
            fail(join(path, key), "not a birth date (YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is unknown): \(TextLimit.quoted(s))")
            return nil
        }
        guard d.isSupported else {
            fail(join(path, key), "a year outside \(LocalDate.supportedYears.lowerBound)–\(LocalDate.supportedYears.upperBound): \(TextLimit.quoted(s))")
            return nil
        }
        return d
    }

    mutating func requiredDate(_ o: JSONFields, _ key: String, at path: String) -> LocalDate? {
        if o[key] == nil || o[key] == .null { fail(join(path, key), "required"); return nil }
        return date(o, key, at: path)
    }

    mutating func oneOf(_ o: JSONFields, _ key: String, _ allowed: [String], at path: String,
                        required: Bool = false) -> String? {
        if required, o[key] == nil || o[key] == .null { fail(join(path, key), "required"); return nil }
        guard let s = string(o, key, at: path, .code) else { return nil }
        guard allowed.contains(s) else {
            fail(join(path, key), "\(TextLimit.quoted(s)) is not one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        return s
    }
}
