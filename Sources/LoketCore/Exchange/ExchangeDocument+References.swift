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
        var practiceIDs = stored.practices
        practiceIDs.formUnion(practices.map(\.id))
        var employeePractice = stored.employees, patientPractice = stored.patients, episodePractice = stored.episodes
        for e in employees { employeePractice[e.id] = e.practiceId }
        for p in patients { patientPractice[p.id] = p.practiceId }
        for e in episodes { episodePractice[e.id] = e.practiceId }

        var errors: [ExchangeError] = []
        func fail(_ path: String, _ message: String) { errors.append(ExchangeError(path: path, message: message)) }
        func practice(_ id: String, _ path: String) {
            if !practiceIDs.contains(id) { fail(path, "no practice with id \"\(id)\"") }
        }
        for (i, e) in employees.enumerated() { practice(e.practiceId, "employees[\(i)].practiceId") }
        for (i, p) in patients.enumerated() { practice(p.practiceId, "patients[\(i)].practiceId") }
        for (i, e) in episodes.enumerated() {
            let path = "episodes[\(i)]"
            practice(e.practiceId, path + ".practiceId")
            if let owner = patientPractice[e.patientId] {
                if owner != e.practiceId {
                    fail(path + ".patientId", "patient \"\(e.patientId)\" belongs to practice \"\(owner)\", not \"\(e.practiceId)\"")
                }
            } else {
                fail(path + ".patientId", "no patient with id \"\(e.patientId)\"")
            }
            if let m = e.mainPractitionerId {
                if let owner = employeePractice[m] {
                    if owner != e.practiceId {
                        fail(path + ".mainPractitionerId", "employee \"\(m)\" works for practice \"\(owner)\", not \"\(e.practiceId)\"")
                    }
                } else {
                    fail(path + ".mainPractitionerId", "no employee with id \"\(m)\"")
                }
            }
        }
        for (i, t) in treatments.enumerated() {
            let path = "treatments[\(i)]"
            guard let owner = episodePractice[t.episodeId] else {
                fail(path + ".episodeId", "no episode with id \"\(t.episodeId)\"")
                continue
            }
            if let p = t.practitionerId {
                if let employer = employeePractice[p] {
                    if employer != owner {
                        fail(path + ".practitionerId", "employee \"\(p)\" works for practice \"\(employer)\", not \"\(owner)\"")
                    }
                } else {
                    fail(path + ".practitionerId", "no employee with id \"\(p)\"")
                }
            }
        }
        for (i, m) in measurements.enumerated() where episodePractice[m.episodeId] == nil {
            fail("measurements[\(i)].episodeId", "no episode with id \"\(m.episodeId)\"")
        }
        return errors
    }
}
