// Page models of the patient pages: the list, the dossier, the form.

import Foundation
import LoketCore

struct PatientListPage: Encodable {
    struct Row: Encodable { var number: String; var name: String; var birthDate: String; var href: String }
    var title: String
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var newHref: String?
    var q: String
    var sort: String
    var total: Int
    var page: Int
    var pages: Int
    var rows: [Row]
    var base: String
    var previousPage: Int? { page > 1 ? page - 1 : nil }
    /// The search text for links (Leaf has no URL encoding of its own).
    var qEncoded: String { Paths.queryValue(q) }
    var totalText: String { total == 1 ? "1 patiënt" : "\(total) patiënten" }
    var nextPage: Int? { page < pages ? page + 1 : nil }

    enum CodingKeys: String, CodingKey { case title, layout, practice, tabs, newHref, q, qEncoded, totalText, sort, total, page, pages, rows, base, previousPage, nextPage }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title); try c.encode(layout, forKey: .layout); try c.encode(practice, forKey: .practice); try c.encode(tabs, forKey: .tabs)
        try c.encodeIfPresent(newHref, forKey: .newHref); try c.encode(q, forKey: .q); try c.encode(qEncoded, forKey: .qEncoded); try c.encode(totalText, forKey: .totalText); try c.encode(sort, forKey: .sort)
        try c.encode(total, forKey: .total); try c.encode(page, forKey: .page); try c.encode(pages, forKey: .pages)
        try c.encode(rows, forKey: .rows); try c.encode(base, forKey: .base)
        try c.encodeIfPresent(previousPage, forKey: .previousPage); try c.encodeIfPresent(nextPage, forKey: .nextPage)
    }
}

struct PatientDossierPage: Encodable {
    struct Details: Encodable {
        var number: String, name: String, bsn: String, birthDate: String, sex: String, postcode: String
        var municipality: String, insurerUzovi: String, identityVerified: String

        init(_ p: Patient) {
            number = p.number
            name = p.name ?? ""
            bsn = p.bsn ?? ""
            birthDate = p.birthDate.flatMap(dutchBirthDate) ?? ""
            sex = ["M": "Man", "V": "Vrouw", "O": "Onbekend"][p.sex ?? ""] ?? ""
            // Stored as 1234AB (as registries want it), shown as 1234 AB (as people write it).
            postcode = p.postcode.map { Postcode($0).map { "\($0.value.prefix(4)) \($0.value.suffix(2))" } ?? $0 } ?? ""
            municipality = p.municipalityCode.map { code in
                Municipality.lookup(code: code).map { "\($0.name) (\(code))" } ?? code
            } ?? ""
            insurerUzovi = p.insurerUzovi ?? ""
            identityVerified = p.identityVerified ? "Ja" : "Nee"
        }
    }

    struct EpisodeLine: Encodable { var start: String; var end: String; var href: String }

    var title: String
    var layout: Layout
    var practice: String
    var patient: Details
    var saved: Bool
    var editHref: String?
    var newEpisodeHref: String?
    var episodes: [EpisodeLine]
    /// Other patients of the practice with this BSN: a warning, since one child is then
    /// counted twice by CBS and has two pseudonyms at LDO.
    var sameBSN: [PatientLink]
    var backHref: String

    struct PatientLink: Encodable { var number: String; var name: String; var href: String }
}

struct PatientFormPage: Encodable {
    var title: String
    var layout: Layout
    var practice: String
    var action: String
    var cancelHref: String
    var form: PatientForm
    var errors: FormErrors
    /// Only the registry data may change (the administratie): number, name and the WID
    /// check are shown, not sent.
    var registryOnly = false
    var sexOptions = [SelectOption(value: "M", label: "Man"), SelectOption(value: "V", label: "Vrouw"), SelectOption(value: "O", label: "Onbekend")]
}
