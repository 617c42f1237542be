// The demo data set: an oefentherapie practice that opted in to the LDO and a jeugd-GGZ
// practice with its CBS settings, a few hundred patients with episodes and treatments over
// the last two years, and a realistic share of gaps (missing referrer, a BSN failing the
// elfproef, no consent, open episodes) so every check has something to show. Same seed and
// same reference date, same data. It is loaded through the ordinary import.

import Fluent
import Foundation
import LoketCore

enum DemoData {
    static let defaultSeed: UInt64 = 2026
    static let oefenPractice = "demo-oefen"
    static let jeugdPractice = "demo-jeugd"

    /// `pvmFolder`: the exercise practice's PVM folder (made when missing, 0700), so the LDO
    /// wizard works at once; nil leaves it unset. A folder set by hand is kept.
    static func load(into db: any Database, seed: UInt64, today: LocalDate, patientsPerPractice: Int = 150,
                     pvmFolder: String? = nil) async throws -> ExchangeImport.Summary {
        let doc = document(seed: seed, today: today, patientsPerPractice: patientsPerPractice)
        let summary = try await ExchangeImport.run(doc, on: db, actor: "cli:demo")
        if let pvmFolder { try await givePVMFolder(pvmFolder, on: db) }
        return summary
    }

    private static func givePVMFolder(_ folder: String, on db: any Database) async throws {
        guard let practice = try await Practice.find(oefenPractice, on: db), practice.ldoPVMFolder == nil else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        practice.ldoPVMFolder = PVMRoot.realPath(folder) ?? folder
        try await practice.save(on: db)
    }

    static func document(seed: UInt64, today: LocalDate, patientsPerPractice: Int = 150) -> ExchangeDocument {
        var g = DemoGenerator(random: SeededRandom(seed: seed), today: today)
        g.doc.practices = [
            .init(id: oefenPractice, name: "Oefentherapie Cesar De Linde", kvk: "12345678", agb: "07012345", ldoOptIn: true),
            .init(id: jeugdPractice, name: "Jeugd-GGZ Het Kompas", kvk: "87654321", agb: "94012345", ldoOptIn: false,
                  cbsCorrespondenceNumber: "4711", cbsEmail: "aanlevering@hetkompas.nl", cbsPhone: "030-1234567",
                  cbsMirrorReportConsent: "ja"),
        ]
        g.employees(for: oefenPractice, names: ["A. de Vries", "M. Bakker", "S. Visser", "L. Smit"])
        g.employees(for: jeugdPractice, names: ["R. Mulder", "F. de Boer", "K. Bos"])
        for _ in 0..<patientsPerPractice { g.oefenPatient() }
        for _ in 0..<patientsPerPractice { g.jeugdPatient() }
        return g.doc
    }
}

/// Builds the demo document step by step from one random sequence.
struct DemoGenerator {
    var random: SeededRandom
    let today: LocalDate
    var doc = ExchangeDocument()
    private var staff: [String: [String]] = [:]
    private var patientCount = 0, episodeCount = 0, treatmentCount = 0, measurementCount = 0

    init(random: SeededRandom, today: LocalDate) {
        self.random = random
        self.today = today
    }

    static let firstNames = ["Sam", "Noah", "Emma", "Julia", "Daan", "Tess", "Liam", "Sophie", "Finn", "Mila", "Lucas",
                             "Zoë", "Levi", "Nora", "Milan", "Saar", "Bram", "Evi", "Jesse", "Lotte", "Mohamed", "Fenna",
                             "Sem", "Yara", "Thijs", "Anna", "Ruben", "Isa", "Ahmed", "Femke"]
    static let lastNames = ["Jansen", "de Jong", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                            "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
                            "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani", "Kramer"]
    static let dcsphCodes = ["1906", "0612", "7921", "3420", "1520", "4640", "2131", "8702"]

    mutating func employees(for practice: String, names: [String]) {
        for (i, name) in names.enumerated() {
            let id = "\(practice)-e\(i + 1)"
            // One practitioner without a BIG number: the LDO check has to show it.
            let big = i == names.count - 1 ? nil : String(random.int(10_000_000_000...99_999_999_999))
            doc.employees.append(.init(id: id, practiceId: practice, name: name, big: big,
                                       agb: "0" + String(random.int(1_000_000...9_999_999))))
            staff[practice, default: []].append(id)
        }
    }

    private mutating func patient(practice: String, born: ClosedRange<Int>) -> ExchangeDocument.Patient {
        patientCount += 1
        let municipality = random.pick(Municipality.all2026)
        let birth = LocalDate(year: random.int(born), month: random.int(1...12), day: random.int(1...28))!
        let letters = Array("ABCDEGHJKLMNPRSTVWXZ")
        var p = ExchangeDocument.Patient(
            id: "\(practice)-pt\(zeroPad(patientCount, 4))", practiceId: practice,
            number: String(1000 + patientCount),
            name: "\(random.pick(Self.firstNames)) \(random.pick(Self.lastNames))",
            bsn: validBSN(), birthDate: BirthDate(birth), sex: random.chance(0.02) ? "O" : random.pick(["M", "V"]),
            postcode: "\(random.int(1000...9999))\(random.pick(letters))\(random.pick(letters))",
            municipalityCode: municipality.code, insurerUzovi: random.pick(["3311", "3343", "7029", "3358", "0101"]),
            identityVerified: random.chance(0.9))
        // The gaps the checks exist to show.
        if random.chance(0.04) { p.bsn = failingBSN() }
        if random.chance(0.03) { p.bsn = nil }
        if random.chance(0.05) { p.postcode = nil }
        if random.chance(0.02) { p.birthDate = nil }
        doc.patients.append(p)
        return p
    }

    /// An episode start within the last two years, and an end for about a third.
    private mutating func run() -> (LocalDate, LocalDate?) {
        let start = today.adding(days: -random.int(14...730))
        guard random.chance(0.35) else { return (start, nil) }
        let end = start.adding(days: random.int(30...240))
        return end < today ? (start, end) : (start, nil)
    }

    mutating func oefenPatient() {
        let p = patient(practice: DemoData.oefenPractice, born: 1945...2016)
        for _ in 0..<random.int(1...2) {
            let (start, end) = run()
            episodeCount += 1
            let referral = random.chance(0.6)
            var ldo = ExchangeDocument.LDOPart(
                consent: random.chance(0.85) ? "given" : random.pick(["refused", "not_asked"]),
                accessRoute: referral ? "referral" : "direct",
                referrerType: referral ? random.pick(["huisarts", "huisarts", "medisch_specialist", "bedrijfsarts"]) : nil,
                dcsph: random.pick(Self.dcsphCodes),
                endReason: end == nil ? nil : random.pick(["01", "01", "02", "03", "04"]),
                goalsAchieved: end == nil ? nil : random.pick(["yes", "yes", "partly", "no"]))
            if random.chance(0.05) { ldo.consent = nil }
            if referral && random.chance(0.06) { ldo.referrerType = nil }
            if random.chance(0.05) { ldo.dcsph = random.pick([nil, "19"]) }
            if end != nil && random.chance(0.05) { ldo.endReason = nil }
            // The v2 data and the measurements draw from a generator of their own, so the rest
            // of the demo (its counts, which the tests and manuals name) stays as it was.
            var extra = SeededRandom(seed: 0x4D45_5449_4E47 &+ UInt64(episodeCount))
            if referral, !extra.chance(0.1) { ldo.referralDate = start.adding(days: -extra.int(3...30)) }
            if !referral, !extra.chance(0.15) { ldo.screeningConclusion = extra.pick(["treat", "treat", "treat", "no_indication"]) }
            if !extra.chance(0.1) { ldo.chronic = extra.chance(0.15) }
            let episode = ExchangeDocument.Episode(
                id: "ep\(zeroPad(episodeCount, 5))-\(DemoData.oefenPractice)", patientId: p.id,
                practiceId: p.practiceId, mainPractitionerId: random.pick(staff[p.practiceId]!), start: start, end: end, ldo: ldo)
            doc.episodes.append(episode)
            treatments(for: episode, codes: ["074", "075", "077"])
            measurements(for: episode, using: &extra)
        }
    }

    mutating func jeugdPatient() {
        let p = patient(practice: DemoData.jeugdPractice, born: (today.year - 17)...(today.year - 3))
        let (start, end) = run()
        episodeCount += 1
        let careType = random.chance(0.85) ? "02" : random.pick(["01", "03", "04"])
        var cbs = ExchangeDocument.CBSPart(
            careType: careType, startedInCrisis: random.chance(0.05),
            referrer: careType == "01" ? "06" : random.pick(["01", "02", "02", "02", "03", "04", "05", "08"]),
            endReason: end == nil ? nil : random.pick(["01", "01", "01", "02", "03", "04", "05"]))
        if end != nil && random.chance(0.6) {
            cbs.youthSatisfaction = random.int(5...10)
            cbs.youthWithoutFurtherHelp = random.pick(["02", "03", "04", "04"])
            cbs.parentSatisfaction = random.int(4...10)
            cbs.parentWithoutFurtherHelp = random.pick(["01", "02", "04", "04"])
        }
        if random.chance(0.08) { cbs.referrer = nil }
        if end != nil && random.chance(0.06) { cbs.endReason = nil }
        if random.chance(0.02) { cbs.careType = "09" }
        let episode = ExchangeDocument.Episode(
            id: "ep\(zeroPad(episodeCount, 5))-\(DemoData.jeugdPractice)", patientId: p.id,
            practiceId: p.practiceId, mainPractitionerId: random.pick(staff[p.practiceId]!), start: start, end: end, cbs: cbs)
        doc.episodes.append(episode)
        treatments(for: episode, codes: ["194001", "194003", "194005"])
    }

    /// 5 to 15 treatments between start and end (or today), mostly attended.
    private mutating func treatments(for episode: ExchangeDocument.Episode, codes: [String]) {
        let last = min(episode.end ?? today, today)
        let span = max(0, last.dayNumber - episode.start.dayNumber)
        let dates = (0..<random.int(5...15)).map { _ in episode.start.adding(days: random.int(0...span)) }.sorted()
        for date in dates {
            treatmentCount += 1
            let roll = random.int(1...100)
            doc.treatments.append(.init(
                id: "t\(zeroPad(treatmentCount, 6))", episodeId: episode.id,
                practitionerId: episode.mainPractitionerId, date: date,
                status: roll <= 87 ? "attended" : roll <= 95 ? "no_show" : "cancelled", code: random.pick(codes)))
        }
    }

    /// Most episodes a start measurement and, once ended, an end one; some none; a few a
    /// measurement whose score was never filled in (the LDO check warns of it).
    private mutating func measurements(for episode: ExchangeDocument.Episode, using r: inout SeededRandom) {
        guard !r.chance(0.15) else { return }
        let (instrument, scale) = r.pick([("PSK", 0...10), ("NPRS", 0...10), ("QBPDS", 0...100), ("NDI", 0...50)])
        var score = Double(r.int(scale.upperBound / 2...scale.upperBound))
        var moments: [(String, LocalDate)] = [("start", episode.start)]
        if let end = episode.end {
            moments.append(("end", end))
        } else if today.dayNumber - episode.start.dayNumber > 90, r.chance(0.3) {
            moments.append(("interim", episode.start.adding(days: 60)))
        }
        for (i, (moment, date)) in moments.enumerated() {
            measurementCount += 1
            doc.measurements.append(.init(
                id: "m\(zeroPad(measurementCount, 6))", episodeId: episode.id, instrument: instrument, moment: moment,
                date: min(date, today), score: r.chance(0.03) ? nil : score))
            if i == 0 { score = (score * Double(r.int(20...80)) / 100).rounded() }
        }
    }

    private mutating func validBSN() -> String {
        while true {
            let digits = (0..<8).map { _ in random.int(0...9) }
            guard digits[0] != 0 || digits[1] != 0 else { continue }
            let sum = digits.enumerated().reduce(0) { $0 + (9 - $1.offset) * $1.element }
            let check = sum % 11
            if check == 10 { continue }
            return digits.map(String.init).joined() + String(check)
        }
    }

    private mutating func failingBSN() -> String {
        let valid = validBSN()
        let last = Int(String(valid.last!))!
        return String(valid.dropLast()) + String((last + 1) % 10)
    }
}

extension LocalDate {
    /// Today in the Netherlands, from the system clock. Entry points ask `app.dependencies.clock`
    /// instead, so a test can pin the day.
    static var today: LocalDate { day(of: Date()) }
}

private func zeroPad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}
