// Every Dutch text of the LDO rules in one place, so the web page, the API and the CLI say
// the same thing and a wording change is one edit.

extension LDO {
    enum Message {
        static let optInOff = "Deze praktijk levert niet aan de LDO. Zet ‘Aanleveren aan LDO’ aan bij Praktijkinstellingen → Aanleveringen."

        static let kvkMissing = "Het KvK-nummer van de praktijk ontbreekt."
        static let kvkInvalid = "Het KvK-nummer van de praktijk moet uit 8 cijfers bestaan."
        static let mainPractitionerMissing = "Er is geen hoofdbehandelaar vastgelegd op de episode."
        static let bigMissing = "Het BIG-nummer van de hoofdbehandelaar ontbreekt."
        static let bigInvalid = "Het BIG-nummer van de hoofdbehandelaar moet uit 11 cijfers bestaan."
        static let birthDateMissing = "De geboortedatum van de patiënt ontbreekt."
        static let birthDatePartial = "De geboortedatum van de patiënt is onvolledig (dag of maand onbekend): de LDO vraagt de hele datum."
        static let birthDateInvalid = "De geboortedatum van de patiënt is ongeldig: deze ligt na de startdatum van de episode of vóór 1900."
        static let sexMissing = "Het geslacht van de patiënt ontbreekt."
        static let sexInvalid = "Het geslacht van de patiënt moet M, V of O zijn."
        static let postcodeMissing = "De postcode van de patiënt ontbreekt."
        static let postcodeInvalid = "De postcode van de patiënt is ongeldig (verwacht: 1234AB)."
        static let accessRouteMissing = "De toegang (verwijzing of direct toegankelijk) ontbreekt."
        static let referrerTypeMissing = "Het type verwijzer ontbreekt, terwijl de patiënt verwezen is."
        static let referrerTypeInvalid = "Het type verwijzer is onbekend (huisarts, medisch specialist, bedrijfsarts, jeugdarts of overig)."
        static let dcsphMissing = "De DCSPH-code ontbreekt."
        static let dcsphInvalid = "De DCSPH-code moet uit 4 cijfers bestaan."
        static let endBeforeStart = "De einddatum van de episode ligt vóór de startdatum."
        static let endReasonMissing = "De reden van beëindiging ontbreekt bij een afgesloten episode."
        static let endReasonInvalid = "De reden van beëindiging is onbekend (01 tot en met 04)."
        static let screeningConclusionMissing = "De conclusie van de screening ontbreekt bij een direct toegankelijke episode (DTO); de episode wordt wel aangeleverd."
        static let goalsAchievedInvalid = "‘Doelen bereikt’ heeft een onbekende waarde (ja, gedeeltelijk of nee) en wordt niet aangeleverd."
        static let measurementScoreMissing = "Een meting heeft geen score en wordt niet aangeleverd; de episode wel."
        static let measurementIncomplete = "Een meting mist het instrument (hoogstens 20 tekens), het meetmoment of de datum en wordt niet aangeleverd; de episode wel."
        static let consentMissing = "Er is geen toestemming voor aanlevering aan de LDO geregistreerd."
        static let consentNotAsked = "De patiënt is niet om toestemming voor aanlevering aan de LDO gevraagd."
        static let consentRefused = "De patiënt heeft bezwaar gemaakt tegen aanlevering aan de LDO; de episode wordt niet aangeleverd."
    }
}

extension LDOProcessingReport.ParseError.Problem {
    /// The Dutch text of a parse problem; the line number is added by `ParseError`.
    var dutch: String {
        switch self {
        case .notUTF8: "het bestand is geen UTF-8-tekst"
        case .empty: "het verslag is leeg"
        case .missingHeader(let found): "verwacht ‘VERSLAG|1’ als eerste regel, gevonden ‘\(found)’"
        case .unsupportedVersion(let v): "formaatversie ‘\(v)’ wordt niet ondersteund (alleen 1)"
        case .unknownRecordType(let t): "onbekend regeltype ‘\(t)’"
        case .wrongFieldCount(let type, let expected, let found):
            "een \(type)-regel heeft \(expected) velden, gevonden \(found)"
        case .emptyValue(let part): "\(part.dutch) is leeg"
        case .invalidCode(let c): "meldingscode ‘\(c)’ is geen 4 cijfers"
        case .invalidEpisodeStatus(let s): "episodestatus ‘\(s)’ is niet GEACCEPTEERD of AFGEKEURD"
        case .duplicateDelivery: "de AANLEVERING-regel komt twee keer voor"
        case .missingDelivery: "de AANLEVERING-regel ontbreekt vóór de eerste episode of melding"
        case .duplicateEpisode(let id): "episode ‘\(id)’ komt twee keer voor"
        case .fieldForUnknownEpisode(let id): "VELD-regel voor episode ‘\(id)’ die niet eerder genoemd is"
        case .invalidCount(let c): "aantal ‘\(c)’ in de EINDE-regel is geen getal"
        case .countMismatch(let stated, let found):
            "de EINDE-regel noemt \(stated) episodes, het verslag bevat er \(found)"
        case .contentAfterEnd: "er staat nog tekst na de EINDE-regel"
        case .missingEnd: "de EINDE-regel ontbreekt: het verslag is onvolledig"
        }
    }
}

extension LDOProcessingReport.ParseError.Part {
    var dutch: String {
        switch self {
        case .deliveryReference: "de aanleverreferentie"
        case .episodeId: "het episode-id"
        case .fieldName: "de veldnaam"
        }
    }
}
