// The LDO delivery file layout, versioned [design]. No field-level LDO specification is
// public (spec/ldo.md intro), so the element names and file codes are ours and live here,
// in one definition: a changed layout is a new `vN` beside this one plus its XSD
// (Resources/Formats/ldo-vN.xsd), not new writer code.
//
// v1 document, in order (no namespace; Dutch names, as the receiver is Dutch):
//   LDOAanlevering
//     Kop: Formaatversie, PraktijkAGB?, PraktijkKvK?, PeriodeBegin, PeriodeEinde, Aanmaakmoment
//     Episode* (one per included episode):
//       PraktijkAGB?, PraktijkKvK, ZorgverlenerAGB?, ZorgverlenerBIG,
//       PatientPseudoniem, BSN?, Geboortedatum, Geslacht, Postcode, UZOVI?,
//       EpisodeID, Begindatum, Einddatum?, Toegang, Verwijzer?, DCSPH,
//       AantalBehandelingen, Behandelingen(Behandeling(Datum, Prestatiecode?, ZorgverlenerAGB?)*),
//       Metingen(Meting(Instrument, Moment?, Score?)+), RedenEinde?, DoelenBereikt?
//     Slot: AantalEpisodes, NExclusie
// The counts are in a trailer (Slot), not the header, so the file can be written in one
// pass while the episodes stream from the database.
//
// v2 (the current layout) adds, in this order: Verwijsdatum? and Screeningsconclusie?
// after Verwijzer, Chronisch? after DCSPH, and a measurement's Datum; Moment and Score take
// fixed forms (begin/tussentijds/eind, a decimal). Elements a layout does not have are nil
// here and not written.

/// spec/ldo.md §4 — the versioned layout of the LDO delivery file.
import Foundation

public struct LDORecordLayout: Hashable, Sendable {
    public let version: String
    /// The XSD in Resources/Formats that documents of this version validate against.
    public let schemaFile: String
    /// That XSD's text, built into the binary (EmbedResources), wherever Loket runs.
    public var schema: Data? { EmbeddedResources.data("Resources/Formats/" + schemaFile) }

    public let root: String
    public let header: String
    public let formatVersion: String
    public let practiceAGB: String
    public let practiceKvK: String
    public let windowStart: String
    public let windowEnd: String
    public let createdAt: String

    public let record: String
    public let practitionerAGB: String
    public let practitionerBIG: String
    public let patientPseudonym: String
    public let bsn: String
    public let birthDate: String
    public let sex: String
    public let postcode: String
    public let insurerUzovi: String
    public let episodeId: String
    public let start: String
    public let end: String
    public let accessRoute: String
    public let referrerType: String
    /// v2: the referral letter's date, on a referral.
    public var referralDate: String? = nil
    /// v2: the DTO screening's conclusion, on direct access.
    public var screeningConclusion: String? = nil
    public let dcsph: String
    /// v2: the chronic-list flag.
    public var chronic: String? = nil
    public let numberOfTreatments: String
    public let treatments: String
    public let treatment: String
    public let treatmentDate: String
    public let treatmentCode: String
    public let treatmentPractitionerAGB: String
    public let measurements: String
    public let measurement: String
    public let instrument: String
    public let moment: String
    /// v2: the measurement's date.
    public var measurementDate: String? = nil
    public let score: String
    public let endReason: String
    public let goalsAchieved: String

    public let trailer: String
    public let includedCount: String
    public let excludedForConsentCount: String

    /// File codes for values whose stored raw value is not what the file carries.
    public let accessRouteCodes: [LDO.AccessRoute: String]
    public let goalsAchievedCodes: [LDO.GoalsAchieved: String]
    /// Instrument code meaning "no measurement" (spec/ldo.md §4: 998).
    public let noMeasurementCode: String
    /// v2 file codes; without one the stored raw value is written.
    public var screeningConclusionCodes: [LDO.ScreeningConclusion: String] = [:]
    public var momentCodes: [LDO.MeasurementMoment: String] = [:]
    public var yesNoCodes: [Bool: String] = [true: "ja", false: "nee"]

    /// The layout new deliveries are written in.
    public static let current = v2

    /// Layout version 2: v1 with the referral date, the screening conclusion, the chronic
    /// flag and dated measurements (spec/ldo.md §4).
    public static let v2: LDORecordLayout = {
        var l = v1.renamed(version: "2", schemaFile: "ldo-v2.xsd")
        l.referralDate = "Verwijsdatum"
        l.screeningConclusion = "Screeningsconclusie"
        l.chronic = "Chronisch"
        l.measurementDate = "Datum"
        l.screeningConclusionCodes = [.treat: "behandelen", .refer: "verwijzen", .noIndication: "geen_indicatie"]
        l.momentCodes = [.start: "begin", .interim: "tussentijds", .end: "eind"]
        return l
    }()

    /// The same layout under another version and schema.
    private func renamed(version: String, schemaFile: String) -> LDORecordLayout {
        LDORecordLayout(
            version: version, schemaFile: schemaFile, root: root, header: header, formatVersion: formatVersion,
            practiceAGB: practiceAGB, practiceKvK: practiceKvK, windowStart: windowStart, windowEnd: windowEnd,
            createdAt: createdAt, record: record, practitionerAGB: practitionerAGB, practitionerBIG: practitionerBIG,
            patientPseudonym: patientPseudonym, bsn: bsn, birthDate: birthDate, sex: sex, postcode: postcode,
            insurerUzovi: insurerUzovi, episodeId: episodeId, start: start, end: end, accessRoute: accessRoute,
            referrerType: referrerType, dcsph: dcsph, numberOfTreatments: numberOfTreatments, treatments: treatments,
            treatment: treatment, treatmentDate: treatmentDate, treatmentCode: treatmentCode,
            treatmentPractitionerAGB: treatmentPractitionerAGB, measurements: measurements, measurement: measurement,
            instrument: instrument, moment: moment, score: score, endReason: endReason, goalsAchieved: goalsAchieved,
            trailer: trailer, includedCount: includedCount, excludedForConsentCount: excludedForConsentCount,
            accessRouteCodes: accessRouteCodes, goalsAchievedCodes: goalsAchievedCodes, noMeasurementCode: noMeasurementCode)
    }

    /// Layout version 1.
    public static let v1 = LDORecordLayout(
        version: "1",
        schemaFile: "ldo-v1.xsd",
        root: "LDOAanlevering",
        header: "Kop",
        formatVersion: "Formaatversie",
        practiceAGB: "PraktijkAGB",
        practiceKvK: "PraktijkKvK",
        windowStart: "PeriodeBegin",
        windowEnd: "PeriodeEinde",
        createdAt: "Aanmaakmoment",
        record: "Episode",
        practitionerAGB: "ZorgverlenerAGB",
        practitionerBIG: "ZorgverlenerBIG",
        patientPseudonym: "PatientPseudoniem",
        bsn: "BSN",
        birthDate: "Geboortedatum",
        sex: "Geslacht",
        postcode: "Postcode",
        insurerUzovi: "UZOVI",
        episodeId: "EpisodeID",
        start: "Begindatum",
        end: "Einddatum",
        accessRoute: "Toegang",
        referrerType: "Verwijzer",
        dcsph: "DCSPH",
        numberOfTreatments: "AantalBehandelingen",
        treatments: "Behandelingen",
        treatment: "Behandeling",
        treatmentDate: "Datum",
        treatmentCode: "Prestatiecode",
        treatmentPractitionerAGB: "ZorgverlenerAGB",
        measurements: "Metingen",
        measurement: "Meting",
        instrument: "Instrument",
        moment: "Moment",
        score: "Score",
        endReason: "RedenEinde",
        goalsAchieved: "DoelenBereikt",
        trailer: "Slot",
        includedCount: "AantalEpisodes",
        excludedForConsentCount: "NExclusie",
        accessRouteCodes: [.referral: "verwijzing", .direct: "dto"],
        goalsAchievedCodes: [.yes: "ja", .partly: "gedeeltelijk", .no: "nee"],
        noMeasurementCode: "998"
    )
}
