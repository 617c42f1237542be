// Writing an exchange document. Every key is always written (null when not registered)
// in the order of spec/exchange-format.md, so export → import → export is identical.
// `ExchangeStreamWriter` writes record by record, so an export of a large practice does
// not hold the whole document in memory.

extension ExchangeDocument.Practice {
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("kvk", str(kvk)), ("agb", str(agb)),
            ("ldo", .object([("optIn", .bool(ldoOptIn)), ("pseudonymKey", str(ldoPseudonymKey))])),
            ("cbs", .object([
                ("correspondenceNumber", str(cbsCorrespondenceNumber)), ("email", str(cbsEmail)),
                ("phone", str(cbsPhone)), ("mirrorReportConsent", str(cbsMirrorReportConsent)),
            ])),
        ])
    }
}

extension ExchangeDocument.Employee {
    public var json: JSONValue {
        .object([("id", .string(id)), ("practiceId", .string(practiceId)), ("name", .string(name)),
                 ("big", str(big)), ("agb", str(agb))])
    }
}

extension ExchangeDocument.Patient {
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("practiceId", .string(practiceId)), ("number", .string(number)),
            ("name", str(name)), ("bsn", str(bsn)), ("birthDate", str(birthDate?.iso)), ("sex", str(sex)),
            ("postcode", str(postcode)), ("municipalityCode", str(municipalityCode)),
            ("insurerUzovi", str(insurerUzovi)), ("identityVerified", .bool(identityVerified)),
        ])
    }
}

extension ExchangeDocument.Episode {
    public var json: JSONValue {
        .object([
            ("id", .string(id)), ("patientId", .string(patientId)), ("practiceId", .string(practiceId)),
            ("mainPractitionerId", str(mainPractitionerId)), ("start", .string(start.iso)), ("end", str(end?.iso)),
            ("ldo", .object([
                ("consent", str(ldo.consent)), ("accessRoute", str(ldo.accessRoute)),
                ("referrerType", str(ldo.referrerType)), ("referralDate", str(ldo.referralDate?.iso)),
                ("screeningConclusion", str(ldo.screeningConclusion)), ("chronic", ldo.chronic.map(JSONValue.bool) ?? .null),
                ("dcsph", str(ldo.dcsph)),
                ("endReason", str(ldo.endReason)), ("goalsAchieved", str(ldo.goalsAchieved)),
            ])),
            ("cbs", .object([
                ("financing", str(cbs.financing)),
                ("careType", str(cbs.careType)), ("startedInCrisis", .bool(cbs.startedInCrisis)),
                ("referrer", str(cbs.referrer)), ("perspective", str(cbs.perspective)),
                ("endReason", str(cbs.endReason)),
                ("outcome", .object([
                    ("youthSatisfaction", int(cbs.youthSatisfaction)),
                    ("youthWithoutFurtherHelp", str(cbs.youthWithoutFurtherHelp)),
                    ("parentSatisfaction", int(cbs.parentSatisfaction)),
                    ("parentWithoutFurtherHelp", str(cbs.parentWithoutFurtherHelp)),
                ])),
            ])),
        ])
    }
}

extension ExchangeDocument.Treatment {
    public var json: JSONValue {
        .object([("id", .string(id)), ("episodeId", .string(episodeId)), ("practitionerId", str(practitionerId)),
                 ("date", .string(date.iso)), ("status", .string(status)), ("code", str(code))])
    }
}

extension ExchangeDocument.Measurement {
    public var json: JSONValue {
        .object([("id", .string(id)), ("episodeId", .string(episodeId)), ("instrument", str(instrument)),
                 ("moment", str(moment)), ("date", str(date?.iso)),
                 ("score", score.map { .number(DecimalText.of($0)) } ?? .null)])
    }
}

extension ExchangeDocument {
    public var json: JSONValue {
        .object([
            ("format", .string(ExchangeDocument.formatName)),
            ("practices", .array(practices.map(\.json))), ("employees", .array(employees.map(\.json))),
            ("patients", .array(patients.map(\.json))), ("episodes", .array(episodes.map(\.json))),
            ("treatments", .array(treatments.map(\.json))), ("measurements", .array(measurements.map(\.json))),
        ])
    }

    /// The whole document as text, the same bytes `ExchangeStreamWriter` produces.
    public func text() -> String { JSONWriter.write(json) }
}

/// Writes a document section by section and record by record to `sink`, producing exactly
/// the text of `ExchangeDocument.text()`.
public struct ExchangeStreamWriter {
    public enum Section: String, CaseIterable, Sendable {
        case practices, employees, patients, episodes, treatments, measurements
    }

    private let sink: (String) throws -> Void
    private var section: Section?
    private var countInSection = 0
    private var sectionsDone = 0

    public init(sink: @escaping (String) throws -> Void) throws {
        self.sink = sink
        try sink("{\n  \"format\": \"\(ExchangeDocument.formatName)\"")
    }

    /// Starts the next section; sections come in the order of `Section.allCases`.
    public mutating func begin(_ next: Section) throws {
        try closeSection()
        section = next
        countInSection = 0
        try sink(",\n  \"\(next.rawValue)\": [")
    }

    public mutating func write(_ record: JSONValue) throws {
        var out = countInSection == 0 ? "\n    " : ",\n    "
        JSONWriter.write(record, into: &out, indent: 2)
        countInSection += 1
        try sink(out)
    }

    public mutating func finish() throws {
        try closeSection()
        try sink("\n}\n")
    }

    private mutating func closeSection() throws {
        guard section != nil else { return }
        try sink(countInSection == 0 ? "]" : "\n  ]")
        section = nil
    }
}

private func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
private func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
