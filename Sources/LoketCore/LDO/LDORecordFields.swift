// A sent LDO record (the <Episode> fragment kept with the delivery) as the page "Aangeleverde
// gegevens" shows it: each value with its Dutch name, treatments and measurements one line
// each, and never the BSN — it is in the file only for PVM to make the pseudonym, and a
// screen that lists a month of records should not show it.

import Foundation

extension LDORecordLayout {
    /// One line of the readable record.
    public struct Field: Hashable, Sendable, Encodable {
        public var label: String
        public var value: String
    }

    /// The Dutch names of the record's elements, by element name.
    var labels: [String: String] {
        var labels = [practiceAGB: "AGB-code praktijk", practiceKvK: "KvK-nummer praktijk", practitionerAGB: "AGB-code zorgverlener",
         practitionerBIG: "BIG-nummer zorgverlener", patientPseudonym: "Pseudoniem patiënt", birthDate: "Geboortedatum",
         sex: "Geslacht", postcode: "Postcode", insurerUzovi: "UZOVI-code verzekeraar", episodeId: "Episode",
         start: "Begindatum", end: "Einddatum", accessRoute: "Toegang", referrerType: "Verwijzer", dcsph: "DCSPH-code",
         numberOfTreatments: "Aantal behandelingen", endReason: "Reden einde", goalsAchieved: "Doelen bereikt"]
        if let referralDate { labels[referralDate] = "Verwijsdatum" }
        if let screeningConclusion { labels[screeningConclusion] = "Conclusie screening" }
        if let chronic { labels[chronic] = "Chronisch" }
        return labels
    }

    /// The record's fields in file order, without the BSN. Reads only what Loket wrote (one
    /// element per line, LDOXMLWriter); a line it does not know is left out.
    public func readableFields(of record: String) -> [Field] {
        var fields: [Field] = []
        var group: (label: String, parts: [String])?
        for raw in record.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line == "<\(treatment)>" || line == "<\(measurement)>" {
                group = (line == "<\(treatment)>" ? "Behandeling" : "Meting", [])
                continue
            }
            if line == "</\(treatment)>" || line == "</\(measurement)>", let g = group {
                fields.append(Field(label: g.label, value: g.parts.joined(separator: ", ")))
                group = nil
                continue
            }
            // `<Name>value</Name>`; an opening or closing tag alone (`<Behandelingen>`,
            // `</Episode>`) or an empty element (`<Behandelingen/>`) holds no value.
            guard line.hasPrefix("<"), !line.hasPrefix("</"), let open = line.firstIndex(of: ">"),
                  let close = line.range(of: "</", range: open..<line.endIndex) else { continue }
            let name = String(line[line.index(after: line.startIndex)..<open])
            let value = Self.unescape(String(line[line.index(after: open)..<close.lowerBound]))
            if name == bsn { continue }
            if group != nil {
                group!.parts.append(name == treatmentPractitionerAGB ? "AGB \(value)" : value)
            } else if let label = labels[name] {
                fields.append(Field(label: label, value: value))
            }
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#13;", with: "\r").replacingOccurrences(of: "&amp;", with: "&")
    }
}
