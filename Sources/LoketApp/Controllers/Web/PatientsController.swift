// Patients of a practice: the paged, sorted list with search (name, number, BSN), the
// dossier with its episodes, and the patient form. Every view and change of a patient is
// an audit log entry; a list or search is one too, without what was searched for (it may be a BSN).

import Fluent
import LoketCore
import SQLKit
import Vapor

struct PatientsController {
    static let pageSize = 25

    func list(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readPatients)
        let user = try req.currentUser
        let q = clean(req.query[String.self, at: "q"])
        let sort = req.query[String.self, at: "sorteer"] == "naam" ? "naam" : "nummer"
        let page = max(1, req.query[Int.self, at: "pagina"] ?? 1)

        let (total, rows) = try await PatientListQuery.page(on: req.database, practice: practice.id!, search: q, byName: sort == "naam",
                                                            page: page, size: Self.pageSize)
        // A list shows names and numbers: reading it is a read of patient data, so it is
        // logged too, with what was shown (a count, a page), never what was searched for.
        try await req.audit(AuditEvent(actor: user.actor, practiceID: practice.id, action: .patientSearch,
                                               patientID: nil, detail: "\(q == nil ? "list" : "search"): \(total) results, page \(page)",
                                               address: req.clientAddress))
        let model = PatientListPage(
            title: "Patiënten", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Patiënten"),
            newHref: user.may(.writePatients, in: practice.id!) ? Paths.newPatient(practice.id!) : nil,
            q: q ?? "", sort: sort, total: total, page: page,
            pages: max(1, (total + Self.pageSize - 1) / Self.pageSize),
            rows: rows.map { .init(number: $0.number, name: $0.name ?? "", birthDate: $0.birthDate.flatMap(dutchBirthDate) ?? "",
                                   href: Paths.patient(practice.id!, $0.id)) },
            base: Paths.patients(practice.id!))
        return try await req.view.render("patients", model)
    }

    func dossier(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readPatients)
        let patient = try await Self.patient(req, practice)
        let user = try req.currentUser
        let episodes = try await PatientListQuery.episodes(of: patient.id!, on: req.database)
        let sameBSN = try await PatientListQuery.sameBSN(as: patient, on: req.database)
        try await req.audit(AuditEvent(actor: user.actor, practiceID: practice.id, action: .patientView,
                                               patientID: patient.id, detail: nil, address: req.clientAddress))
        let canWrite = user.may(.writePatients, in: practice.id!)
        let model = PatientDossierPage(
            title: patient.name ?? patient.number, layout: try await Layout.make(for: req), practice: practice.name,
            patient: .init(patient), saved: req.query[String.self, at: "opgeslagen"] != nil, editHref: canWrite ? Paths.editPatient(practice.id!, patient.id!) : nil,
            newEpisodeHref: canWrite ? Paths.newEpisode(practice.id!, patient.id!) : nil,
            episodes: episodes.map { .init(start: dutchDate(iso: $0.startDate) ?? $0.startDate,
                                           end: $0.endDate.flatMap(dutchDate(iso:)) ?? "loopt",
                                           href: Paths.episode(practice.id!, $0.id)) },
            sameBSN: sameBSN.map { .init(number: $0.number, name: $0.name ?? "", href: Paths.patient(practice.id!, $0.id!)) },
            backHref: Paths.patients(practice.id!))
        return try await req.view.render("patient", model)
    }

    func newForm(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .writePatients)
        return try await render(req, practice, nil, PatientForm(), FormErrors())
    }

    func create(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let form = try req.content.decode(PatientForm.self)
        let patient = Patient()
        patient.id = "pt_" + randomHex(bytes: 8)
        patient.practiceID = practice.id!
        var errors = form.validate(into: patient, today: req.dependencies.clock.today)
        if errors.isEmpty, try await numberTaken(req, practice, patient) { errors.add("number", "Dit patiëntnummer is al in gebruik.") }
        guard errors.isEmpty else { return try await render(req, practice, nil, form, errors).encodeResponse(status: .unprocessableEntity, for: req) }
        try await req.auditedChange(practice: practice.id, action: .patientCreate, patientID: patient.id, detail: nil) {
            try await patient.create(on: $0)
        }
        return req.redirect(to: Layout.carryingForm(of: req, to: Paths.patient(practice.id!, patient.id!)))
    }

    // The administratie fixes what a registry's control found (fixRegistryData): on the
    // patient that is the registry data (BSN, birth date, sex, postcode, municipality,
    // insurer), reached from the LDO wizard's step 2 and the CBS control. Number, name and
    // the WID check stay the care record's, changed only with writePatients.
    func editForm(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .fixRegistryData)
        let patient = try await Self.patient(req, practice)
        return try await render(req, practice, patient, PatientForm(patient), FormErrors())
    }

    func update(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .fixRegistryData)
        let patient = try await Self.patient(req, practice)
        var form = try req.content.decode(PatientForm.self)
        if try !req.currentUser.may(.writePatients, in: practice.id!) {
            let stored = PatientForm(patient)
            form.number = stored.number
            form.name = stored.name
            form.identityVerified = stored.identityVerified
        }
        let before = PatientForm(patient)
        var errors = form.validate(into: patient, today: req.dependencies.clock.today)
        if errors.isEmpty, try await numberTaken(req, practice, patient) { errors.add("number", "Dit patiëntnummer is al in gebruik.") }
        guard errors.isEmpty else { return try await render(req, practice, patient, form, errors).encodeResponse(status: .unprocessableEntity, for: req) }
        // Which fields changed, by name only: the log says what was done, not the data.
        let changed = before.changedFields(comparedTo: PatientForm(patient)).joined(separator: ",")
        try await req.auditedChange(practice: practice.id, action: .patientChange, patientID: patient.id, detail: changed) {
            try await patient.save(on: $0)
        }
        // Opened from step 2 of the LDO wizard: the way back (`terug`) stays after saving.
        return req.redirect(to: Layout.carryingForm(of: req, to: Paths.patient(practice.id!, patient.id!) + "?opgeslagen=1"))
    }

    private func render(_ req: Request, _ practice: Practice, _ patient: Patient?, _ form: PatientForm, _ errors: FormErrors) async throws -> View {
        let action = patient.map { Paths.editPatient(practice.id!, $0.id!) } ?? Paths.newPatient(practice.id!)
        let cancel = patient.map { Paths.patient(practice.id!, $0.id!) } ?? Paths.patients(practice.id!)
        return try await req.view.render("patient-form", PatientFormPage(
            title: patient == nil ? "Nieuwe patiënt" : "Patiënt bewerken", layout: try await Layout.make(for: req),
            practice: practice.name, action: action, cancelHref: cancel, form: form, errors: errors,
            registryOnly: try !req.currentUser.may(.writePatients, in: practice.id!)))
    }

    private func numberTaken(_ req: Request, _ practice: Practice, _ patient: Patient) async throws -> Bool {
        try await Patient.query(on: req.database).filter(\.$practiceID == practice.id!).filter(\.$number == patient.number)
            .filter(\.$id != patient.id!).count() > 0
    }

    /// The patient of the path, if it belongs to the practice of the path; 404 otherwise, so
    /// that a patient id of another practice reveals nothing.
    static func patient(_ req: Request, _ practice: Practice) async throws -> Patient {
        guard let id = req.parameters.get("patientID"), let patient = try await Patient.load(id, on: req.database),
              patient.practiceID == practice.id else { throw LoketError.notFound("Patiënt niet gevonden.") }
        return patient
    }
}

