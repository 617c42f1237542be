// References between records: an episode names its patient, practice and main
// practitioner; a treatment its episode and practitioner; a measurement its episode. A reference may point into the
// same document or to a record already stored (a second import may bring only new
// treatments), so the app looks up what the document does not contain and passes it in.

/// Records already stored that a document refers to, each with the practice it belongs to.
public struct ExchangeStoredRecords: Sendable {
    public var practices: Set<String> = []
    public var employees: [String: String] = [:]
    public var patients: [String: String] = [:]
    public var episodes: [String: String] = [:]

    public init(practices: Set<String> = [], employees: [String: String] = [:],
                patients: [String: String] = [:], episodes: [String: String] = [:]) {
        self.practices = practices
        self.employees = employees
        self.patients = patients
        self.episodes = episodes
    }
}

/// The ids a document refers to without containing them.
public struct ExchangeOutsideReferences: Equatable, Sendable {
    public var practices: Set<String> = []
    public var employees: Set<String> = []
    public var patients: Set<String> = []
    public var episodes: Set<String> = []
    public var isEmpty: Bool { practices.isEmpty && employees.isEmpty && patients.isEmpty && episodes.isEmpty }
}

extension ExchangeDocument {
    public var outsideReferences: ExchangeOutsideReferences {
        let practiceIDs = Set(practices.map(\.id)), employeeIDs = Set(employees.map(\.id))
        let patientIDs = Set(patients.map(\.id)), episodeIDs = Set(episodes.map(\.id))
        var out = ExchangeOutsideReferences()
        for e in employees where !practiceIDs.contains(e.practiceId) { out.practices.insert(e.practiceId) }
        for p in patients where !practiceIDs.contains(p.practiceId) { out.practices.insert(p.practiceId) }
        for e in episodes {
            if !practiceIDs.contains(e.practiceId) { out.practices.insert(e.practiceId) }
            if !patientIDs.contains(e.patientId) { out.patients.insert(e.patientId) }
            if let m = e.mainPractitionerId, !employeeIDs.contains(m) { out.employees.insert(m) }
        }
        for m in measurements where !episodeIDs.contains(m.episodeId) { out.episodes.insert(m.episodeId) }
        for t in treatments {
            if !episodeIDs.contains(t.episodeId) { out.episodes.insert(t.episodeId) }
            if let p = t.practitionerId, !employeeIDs.contains(p) { out.employees.insert(p) }
        }
        return out
    }

    /// Every reference that points nowhere, or to a record of another practice.
    public func referenceErrors(stored: ExchangeStoredRecords) -> [ExchangeError] {
        let index = ExchangeReferenceIndex(self, stored: stored)
        return headReferenceErrors(index) + index.errors(treatments, first: 0) + index.errors(measurements, first: 0)
    }

    /// The references of the employees, patients and episodes.
    public func headReferenceErrors(_ index: ExchangeReferenceIndex) -> [ExchangeError] {
        var errors: [ExchangeError] = []
        func fail(_ path: String, _ message: String) { errors.append(ExchangeError(path: path, message: message)) }
        func practice(_ id: String, _ path: String) {
            if !index.practices.contains(id) { fail(path, "no practice with id \"\(id)\"") }
        }
        for (i, e) in employees.enumerated() { practice(e.practiceId, "employees[\(i)].practiceId") }
        for (i, p) in patients.enumerated() { practice(p.practiceId, "patients[\(i)].practiceId") }
        for (i, e) in episodes.enumerated() {
            let path = "episodes[\(i)]"
            practice(e.practiceId, path + ".practiceId")
            if let owner = index.patients[e.patientId] {
                if owner != e.practiceId {
                    fail(path + ".patientId", "patient \"\(e.patientId)\" belongs to practice \"\(owner)\", not \"\(e.practiceId)\"")
                }
            } else {
                fail(path + ".patientId", "no patient with id \"\(e.patientId)\"")
            }
            if let m = e.mainPractitionerId {
                if let owner = index.employees[m] {
                    if owner != e.practiceId {
                        fail(path + ".mainPractitionerId", "employee \"\(m)\" works for practice \"\(owner)\", not \"\(e.practiceId)\"")
                    }
                } else {
                    fail(path + ".mainPractitionerId", "no employee with id \"\(m)\"")
                }
            }
        }
        return errors
    }
}

/// The practice of every record a document's references may point to: the document's own
/// and those stored. The import checks its treatments and measurements against it a chunk
/// at a time, adding the stored episodes and employees each chunk names (`add`).
public struct ExchangeReferenceIndex: Sendable {
    public private(set) var practices: Set<String>
    public private(set) var employees: [String: String]
    public private(set) var patients: [String: String]
    public private(set) var episodes: [String: String]

    public init(_ doc: ExchangeDocument, stored: ExchangeStoredRecords) {
        practices = stored.practices.union(doc.practices.map(\.id))
        employees = stored.employees
        patients = stored.patients
        episodes = stored.episodes
        for e in doc.employees { employees[e.id] = e.practiceId }
        for p in doc.patients { patients[p.id] = p.practiceId }
        for e in doc.episodes { episodes[e.id] = e.practiceId }
    }

    /// Stored records found for ids the index did not know; the document's own stay.
    public mutating func add(storedEmployees: [String: String], storedEpisodes: [String: String]) {
        employees.merge(storedEmployees) { known, _ in known }
        episodes.merge(storedEpisodes) { known, _ in known }
    }

    /// The episode and employee ids these records name that the index does not know.
    public func unknown(_ treatments: some Collection<ExchangeDocument.Treatment>,
                        _ measurements: some Collection<ExchangeDocument.Measurement>) -> (episodes: Set<String>, employees: Set<String>) {
        var out: (episodes: Set<String>, employees: Set<String>) = ([], [])
        for t in treatments {
            if episodes[t.episodeId] == nil { out.episodes.insert(t.episodeId) }
            if let p = t.practitionerId, employees[p] == nil { out.employees.insert(p) }
        }
        for m in measurements where episodes[m.episodeId] == nil { out.episodes.insert(m.episodeId) }
        return out
    }

    /// The references of treatments numbered from `first` in their section.
    public func errors(_ treatments: some Collection<ExchangeDocument.Treatment>, first: Int) -> [ExchangeError] {
        var errors: [ExchangeError] = []
        func fail(_ path: String, _ message: String) { errors.append(ExchangeError(path: path, message: message)) }
        for (n, t) in treatments.enumerated() {
            let path = "treatments[\(first + n)]"
            guard let owner = episodes[t.episodeId] else {
                fail(path + ".episodeId", "no episode with id \"\(t.episodeId)\"")
                continue
            }
            if let p = t.practitionerId {
                if let employer = employees[p] {
                    if employer != owner {
                        fail(path + ".practitionerId", "employee \"\(p)\" works for practice \"\(employer)\", not \"\(owner)\"")
                    }
                } else {
                    fail(path + ".practitionerId", "no employee with id \"\(p)\"")
                }
            }
        }
        return errors
    }

    /// The references of measurements numbered from `first` in their section.
    public func errors(_ measurements: some Collection<ExchangeDocument.Measurement>, first: Int) -> [ExchangeError] {
        measurements.enumerated().compactMap { n, m in
            episodes[m.episodeId] == nil
                ? ExchangeError(path: "measurements[\(first + n)].episodeId", message: "no episode with id \"\(m.episodeId)\"") : nil
        }
    }
}
