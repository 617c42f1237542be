// Writes an LDO delivery document in pieces, so the app can stream a million episodes to
// a file: `begin(header:)` once, `record(_:)` per included episode, `end(excludedForConsent:)`
// once. The writer counts the records itself, so the trailer's count always matches the
// file. It produces text only; where it goes (a temp file renamed at the end, so a killed
// process leaves no half delivery) is the app's business.

import Foundation

/// spec/ldo.md §4 — the delivery file, laid out by an `LDORecordLayout`.
public struct LDOXMLWriter: Sendable {
    /// The document's header (Kop).
    public struct Header: Hashable, Sendable {
        public var practice: LDO.Practice
        public var window: DateRange
        /// When the file was made; passed in so output is reproducible in tests.
        public var createdAt: Date

        public init(practice: LDO.Practice, window: DateRange, createdAt: Date) {
            self.practice = practice
            self.window = window
            self.createdAt = createdAt
        }
    }

    public let layout: LDORecordLayout
    /// Records written so far; goes into the trailer.
    public private(set) var recordCount = 0

    public init(layout: LDORecordLayout = .current) {
        self.layout = layout
    }

    /// The XML declaration, the root's opening tag and the header.
    public func begin(header: Header) -> String {
        let l = layout
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(l.root)>\n  <\(l.header)>\n"
        Self.element(&x, l.formatVersion, l.version, indent: .field)
        Self.element(&x, l.practiceAGB, header.practice.agb.flatMap { AGBCode($0)?.value }, indent: .field)
        Self.element(&x, l.practiceKvK, header.practice.kvk.flatMap { KvKNumber($0)?.value }, indent: .field)
        Self.element(&x, l.windowStart, header.window.start.iso, indent: .field)
        Self.element(&x, l.windowEnd, header.window.end.iso, indent: .field)
        Self.element(&x, l.createdAt, Self.utcTimestamp(header.createdAt), indent: .field)
        x += "  </\(l.header)>\n"
        return x
    }

    /// One `Episode` element.
    public mutating func record(_ r: LDO.Record) -> String {
        recordCount += 1
        let l = layout
        // One string grown in place: a record is ~40 elements, and a string per element was
        // most of a delivery's time after the query.
        var x = ""
        x.reserveCapacity(4096)
        x += "  <\(l.record)>\n"
        func add(_ name: String, _ value: String?) { Self.element(&x, name, value, indent: .field) }
        add(l.practiceAGB, r.practiceAGB)
        add(l.practiceKvK, r.practiceKvK)
        add(l.practitionerAGB, r.practitionerAGB)
        add(l.practitionerBIG, r.practitionerBIG)
        add(l.patientPseudonym, r.patientPseudonym)
        add(l.bsn, r.bsn)
        add(l.birthDate, r.birthDate.iso)
        add(l.sex, r.sex.rawValue)
        add(l.postcode, r.postcode)
        add(l.insurerUzovi, r.insurerUzovi)
        add(l.episodeId, r.episodeId)
        add(l.start, r.start.iso)
        add(l.end, r.end?.iso)
        add(l.accessRoute, l.accessRouteCodes[r.accessRoute] ?? r.accessRoute.rawValue)
        add(l.referrerType, r.referrerType?.rawValue)
        if let name = l.referralDate { add(name, r.referralDate?.iso) }
        if let name = l.screeningConclusion {
            add(name, r.screeningConclusion.map { l.screeningConclusionCodes[$0] ?? $0.rawValue })
        }
        add(l.dcsph, r.dcsph)
        if let name = l.chronic { add(name, r.chronic.map { l.yesNoCodes[$0] ?? String($0) }) }
        add(l.numberOfTreatments, String(r.numberOfTreatments))
        if r.treatments.isEmpty {
            x += "    <\(l.treatments)/>\n"
        } else {
            x += "    <\(l.treatments)>\n"
            for t in r.treatments {
                x += "      <\(l.treatment)>\n"
                Self.element(&x, l.treatmentDate, t.date.iso, indent: .nested)
                Self.element(&x, l.treatmentCode, t.code, indent: .nested)
                Self.element(&x, l.treatmentPractitionerAGB, t.practitionerAGB, indent: .nested)
                x += "      </\(l.treatment)>\n"
            }
            x += "    </\(l.treatments)>\n"
        }
        x += "    <\(l.measurements)>\n"
        if r.measurements.isEmpty {
            x += "      <\(l.measurement)>\n"
            Self.element(&x, l.instrument, l.noMeasurementCode, indent: .nested)
            x += "      </\(l.measurement)>\n"
        }
        for m in r.measurements {
            x += "      <\(l.measurement)>\n"
            Self.element(&x, l.instrument, m.instrument, indent: .nested)
            Self.element(&x, l.moment, l.momentCodes[m.moment] ?? m.moment.rawValue, indent: .nested)
            if let name = l.measurementDate { Self.element(&x, name, m.date.iso, indent: .nested) }
            Self.element(&x, l.score, DecimalText.of(m.score), indent: .nested)
            x += "      </\(l.measurement)>\n"
        }
        x += "    </\(l.measurements)>\n"
        add(l.endReason, r.endReason?.rawValue)
        add(l.goalsAchieved, r.goalsAchieved.map { l.goalsAchievedCodes[$0] ?? $0.rawValue })
        x += "  </\(l.record)>\n"
        return x
    }

    /// The trailer with the counts, and the root's closing tag.
    /// - Parameter excludedForConsent: `NExclusie`, candidates left out for want of consent
    ///   (spec/ldo.md §4), usually `LDO.Selection.excludedForConsent`.
    public func end(excludedForConsent: Int) -> String {
        let l = layout
        var x = "  <\(l.trailer)>\n"
        Self.element(&x, l.includedCount, String(recordCount), indent: .field)
        Self.element(&x, l.excludedForConsentCount, String(excludedForConsent), indent: .field)
        return x + "  </\(l.trailer)>\n</\(l.root)>\n"
    }

    /// Appends `<name>escaped value</name>` on its own line; nothing for a nil value.
    private static func element(_ x: inout String, _ name: String, _ value: String?, indent: Indent) {
        guard let value else { return }
        x += indent.rawValue
        x += "<"
        x += name
        x += ">"
        x += escape(value)
        x += "</"
        x += name
        x += ">\n"
    }

    /// The spaces before an element: a record's fields, and those of its treatments and
    /// measurements.
    private enum Indent: String {
        case field = "    ", nested = "        "
    }

    /// XML text escaping (`XMLText.escape`).
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC (xs:dateTime), computed without a formatter or a
    /// calendar so it is the same on every machine.
    static func utcTimestamp(_ date: Date) -> String {
        let (day, s) = LocalDate.utc(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))Z"
    }
}
