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
    public let dcsph: String
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
