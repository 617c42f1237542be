// A treatment episode: its page (general data, the CBS and LDO sections, treatments and
// measurements — their changes in MeasurementsController), the
// new-episode form, adding treatments and marking them attended, no-show or cancelled, and
// the "LDO" button that checks this one episode.

import Fluent
import LoketCore
import SQLKit
import Vapor

struct EpisodesController {
    func show(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readPatients)
        let (episode, patient) = try await Self.episode(req, practice)
        let user = try req.currentUser
        try await req.audit(AuditEvent(actor: user.actor, practiceID: practice.id, action: .episodeView,
                                               patientID: patient.id, detail: episode.id, address: req.clientAddress))
        return try await render(req, practice, episode, patient, EpisodeForm(episode), FormErrors(), TreatmentForm(), FormErrors(),
                                measurement: .init(editing: req.query[String.self, at: "meting"]))
    }

    func newForm(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .writePatients)
        let patient = try await PatientsController.patient(req, practice)
        let model = NewEpisodePage(title: "Nieuwe behandelepisode", layout: try await Layout.make(for: req), practice: practice.name,
                                   patient: patient.name ?? patient.number, action: Paths.newEpisode(practice.id!, patient.id!),
                                   cancelHref: Paths.patient(practice.id!, patient.id!),
                                   form: EpisodeForm(start: req.dependencies.clock.today.iso), errors: FormErrors(),
                                   employees: try await employees(req, practice).map { SelectOption(value: $0.id!, label: $0.name) })
        return try await req.view.render("episode-new", model)
    }

    func create(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let patient = try await PatientsController.patient(req, practice)
        let form = try req.content.decode(EpisodeForm.self)
        let staff = try await employees(req, practice)
        let episode = Episode()
        episode.id = "ep_" + randomHex(bytes: 8)
        episode.patientID = patient.id!
        episode.practiceID = practice.id!
        episode.cbsStartedInCrisis = false
        // spec/cbs-jeugdhulp.md §4: a new episode of a CBS practice starts as hulpvorm 02.
        if practice.usesCBS { episode.cbsCareType = CBS.Codes.defaultCareType }
        let errors = form.validate(into: episode, employees: staff)
        guard errors.isEmpty else {
            let model = NewEpisodePage(title: "Nieuwe behandelepisode", layout: try await Layout.make(for: req), practice: practice.name,
                                       patient: patient.name ?? patient.number, action: Paths.newEpisode(practice.id!, patient.id!),
                                       cancelHref: Paths.patient(practice.id!, patient.id!), form: form, errors: errors,
                                       employees: staff.map { SelectOption(value: $0.id!, label: $0.name) })
            return try await req.view.render("episode-new", model).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .episodeChange, patientID: patient.id, detail: "created \(episode.id!)") { try await episode.create(on: $0) }
        return req.redirect(to: Paths.episode(practice.id!, episode.id!))
    }

    func update(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .fixRegistryData)
        let (episode, patient) = try await Self.episode(req, practice)
        var form = try req.content.decode(EpisodeForm.self)
        // Without writePatients only the registry sections change: the general part is the
        // stored one, whatever was sent.
        if try !req.currentUser.may(.writePatients, in: practice.id!) {
            form.start = episode.startDate
            form.end = episode.endDate
            form.mainPractitionerID = episode.mainPractitionerID
        }
        let errors = form.validate(into: episode, employees: try await employees(req, practice))
        guard errors.isEmpty else {
            return try await render(req, practice, episode, patient, form, errors, TreatmentForm(), FormErrors())
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .episodeChange, patientID: patient.id, detail: episode.id!) { try await episode.save(on: $0) }
        // With the LDO panel open, the save re-runs the check ("Opnieuw controleren"). The
        // way back (`terug`, a hidden field) stays on the page after saving.
        let saved = Paths.episode(practice.id!, episode.id!) + "?opgeslagen=1" + (form.ldoCheck == "1" ? "&ldo=1#ldo" : "")
        return req.redirect(to: Layout.carrying(try? req.content.get(String.self, at: "terug"), to: saved))
    }

    func addTreatment(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let (episode, patient) = try await Self.episode(req, practice)
        let form = try req.content.decode(TreatmentForm.self)
        let treatment = Treatment()
        treatment.id = "t_" + randomHex(bytes: 8)
        treatment.episodeID = episode.id!
        let errors = form.validate(into: treatment, employees: try await employees(req, practice))
        guard errors.isEmpty else {
            return try await render(req, practice, episode, patient, EpisodeForm(episode), FormErrors(), form, errors)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .treatmentChange, patientID: patient.id, detail: "added \(treatment.id!)") { try await treatment.create(on: $0) }
        return req.redirect(to: Layout.carrying(try? req.content.get(String.self, at: "terug"),
                                                to: Paths.episode(practice.id!, episode.id!) + "#behandelingen"))
    }

    func setTreatmentStatus(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let (episode, patient) = try await Self.episode(req, practice)
        guard let id = req.parameters.get("treatmentID"), let treatment = try await Treatment.find(id, on: req.database),
              treatment.episodeID == episode.id else { throw LoketError.notFound("Behandeling niet gevonden.") }
        let status = try req.content.get(String.self, at: "status")
        guard ExchangeValues.treatmentStatus.contains(status) else { throw LoketError.badRequest("Onbekende status.") }
        treatment.status = status
        try await req.auditedChange(practice: practice.id, action: .treatmentChange, patientID: patient.id, detail: "\(id) \(status)") { try await treatment.save(on: $0) }
        return req.redirect(to: Layout.carrying(try? req.content.get(String.self, at: "terug"),
                                                to: Paths.episode(practice.id!, episode.id!) + "#behandelingen"))
    }

    private func employees(_ req: Request, _ practice: Practice) async throws -> [Employee] {
        try await Employee.query(on: req.database).filter(\.$practiceID == practice.id!).sort(\.$name).all()
    }

    func render(_ req: Request, _ practice: Practice, _ episode: Episode, _ patient: Patient,
                _ form: EpisodeForm, _ errors: FormErrors, _ treatmentForm: TreatmentForm,
                _ treatmentErrors: FormErrors, measurement: EpisodePage.MeasurementInput = .init()) async throws -> View {
        let p = practice.id!, e = episode.id!
        let staff = try await EpisodePageQuery.staff(of: p, on: req.database)
        let names = Dictionary(staff.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a })
        let treatments = try await EpisodePageQuery.treatments(of: e, on: req.database)
        let measurements = try await EpisodePageQuery.measurements(of: e, on: req.database)
        let history = try await CBSDeliveryHistory.of(episode: e, on: req.database)
        let canWrite = try req.currentUser.may(.writePatients, in: p)
        let canFixRegistry = try req.currentUser.may(.fixRegistryData, in: p)
        var form = form
        let ldoCheck = req.query[String.self, at: "ldo"] == "1" || form.ldoCheck == "1"
        form.ldoCheck = ldoCheck ? "1" : nil
        let statusOptions = ExchangeValues.treatmentStatus.map { SelectOption(value: $0, label: TreatmentStatusLabel.label($0)) }
        var model = EpisodePage(
            title: "Behandelepisode", layout: try await Layout.make(for: req), practice: practice.name,
            patient: patient.name ?? patient.number, patientNumber: patient.number, patientHref: Paths.patient(p, patient.id!),
            canWrite: canWrite, canFixRegistry: canFixRegistry, saved: req.query[String.self, at: "opgeslagen"] != nil,
            deliveries: history.map { EpisodePage.DeliveryLine($0, practice: p) },
            action: Paths.episode(p, e), form: form, errors: errors,
            employees: staff,
            treatments: treatments.map { t in
                .init(date: dutchDate(iso: t.date) ?? t.date, status: t.status,
                      statusLabel: TreatmentStatusLabel.label(t.status), code: t.code ?? "",
                      practitioner: t.practitionerID.flatMap { names[$0] } ?? "", statusAction: Paths.treatmentStatus(p, e, t.id),
                      otherStatuses: statusOptions.filter { $0.value != t.status })
            },
            treatmentAction: Paths.treatments(p, e), treatmentForm: treatmentForm, treatmentErrors: treatmentErrors,
            statusOptions: statusOptions,
            measurements: .make(measurements, input: measurement, practice: p, episode: e,
                                saved: req.query[String.self, at: "meting-opgeslagen"] != nil,
                                removed: req.query[String.self, at: "meting-verwijderd"] != nil),
            cbs: practice.usesCBS || episode.hasCBSData ? .make(episode) : nil,
            ldo: practice.ldoOptIn || episode.hasLDOData ? .make(episode, practice: practice) : nil,
            ldoCheck: ldoCheck ? try await EpisodePage.LDOCheck.run(req, practice, episode) : nil,
            ldoRejection: try await LDOReports.latestRejection(episode: e, on: req.database).map {
                .init(title: "Pas de gegevens aan; de volgende aanlevering stuurt de episode opnieuw.",
                      messages: $0.messages, deliveryHref: Paths.ldoDelivery(p, $0.delivery), deliveryName: $0.name)
            })
        if model.cbs != nil {
            model.cbsCheck = EpisodePage.CBSCheck.run(episode, patient, practice: p, today: req.dependencies.clock.today,
                                                      back: Paths.episode(p, e))
        }
        model.marks = EpisodePage.marks(errors: errors, ldoCheck: model.ldoCheck, cbsCheck: model.cbsCheck)
        if let check = model.ldo?.checkHref { model.ldo?.checkHref = Layout.carrying(model.layout.back, to: check) }
        model.selectFormValues()
        return try await req.view.render("episode", model)
    }

    /// The episode of the path and its patient, if it belongs to the practice of the path.
    static func episode(_ req: Request, _ practice: Practice) async throws -> (Episode, Patient) {
        guard let id = req.parameters.get("episodeID"), let episode = try await Episode.load(id, on: req.database),
              episode.practiceID == practice.id, let patient = try await Patient.load(episode.patientID, on: req.database)
        else { throw LoketError.notFound("Behandelepisode niet gevonden.") }
        return (episode, patient)
    }
}

struct EpisodePage: Encodable {
    struct DeliveryLine: Encodable {
        var registry: String, period: String, madeAt: String, state: String, href: String, id: String
    }
    struct TreatmentLine: Encodable {
        var date: String, status: String, statusLabel: String, code: String, practitioner: String, statusAction: String
        /// The statuses a button may change this treatment to.
        var otherStatuses: [SelectOption]
    }
    var title: String
    var layout: Layout
    var practice: String
    var patient: String
    var patientNumber: String
    var patientHref: String
    var canWrite: Bool
    /// May change the registry sections (the administratie too).
    var canFixRegistry: Bool
    var saved: Bool
    /// Every delivery the episode went out in, both registries, newest first.
    var deliveries: [DeliveryLine]
    var action: String
    var form: EpisodeForm
    var errors: FormErrors
    var employees: [SelectOption]
    var treatments: [TreatmentLine]
    var treatmentAction: String
    var treatmentForm: TreatmentForm
    var treatmentErrors: FormErrors
    var statusOptions: [SelectOption]
    /// The section "Metingen".
    var measurements: MeasurementsSection
    /// The section "Gegevens CBS", for a practice that delivers to CBS.
    var cbs: CBSSection?
    /// The section "Gegevens LDO", for a practice that delivers to LDO.
    var ldo: LDOSection?
    /// The result of the "LDO" button, when asked for.
    var ldoCheck: LDOCheck?
    /// What the last LDO processing report said against this episode, if it was rejected.
    var ldoRejection: LDORejection?
    /// What the CBS control says of this episode, when it has findings.
    var cbsCheck: CBSCheck?
    /// Per field id: its error and LDO and CBS findings, as the form marks them.
    var marks: [String: FieldMark] = [:]
}

struct NewEpisodePage: Encodable {
    var title: String
    var layout: Layout
    var practice: String
    var patient: String
    var action: String
    var cancelHref: String
    var form: EpisodeForm
    var errors: FormErrors
    var employees: [SelectOption]
}
