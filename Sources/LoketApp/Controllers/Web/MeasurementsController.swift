// The episode page's "Metingen": adding, correcting and removing an outcome measurement
// (spec/ldo.md §4). Each change is one audited write; a form with an error shows the
// episode page again with the message at its field and writes nothing.

import Fluent
import LoketCore
import Vapor

struct MeasurementsController {
    func add(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let (episode, patient) = try await EpisodesController.episode(req, practice)
        let form = try req.content.decode(MeasurementForm.self)
        let measurement = Measurement()
        measurement.id = "m_" + randomHex(bytes: 8)
        measurement.episodeID = episode.id!
        let errors = form.validate(into: measurement)
        guard errors.isEmpty else { return try await invalid(req, practice, episode, patient, form, errors, editing: nil) }
        try await req.auditedChange(practice: practice.id, action: .measurementChange, patientID: patient.id,
                                    detail: "added \(measurement.id!)") { try await measurement.create(on: $0) }
        return req.redirect(to: Paths.episode(practice.id!, episode.id!) + "?meting-opgeslagen=1#metingen")
    }

    func update(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let (episode, patient) = try await EpisodesController.episode(req, practice)
        let measurement = try await Self.measurement(req, of: episode)
        let form = try req.content.decode(MeasurementForm.self)
        let errors = form.validate(into: measurement)
        guard errors.isEmpty else { return try await invalid(req, practice, episode, patient, form, errors, editing: measurement.id) }
        try await req.auditedChange(practice: practice.id, action: .measurementChange, patientID: patient.id,
                                    detail: "changed \(measurement.id!)") { try await measurement.save(on: $0) }
        return req.redirect(to: Paths.episode(practice.id!, episode.id!) + "?meting-opgeslagen=1#metingen")
    }

    func remove(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writePatients)
        let (episode, patient) = try await EpisodesController.episode(req, practice)
        let measurement = try await Self.measurement(req, of: episode)
        try await req.auditedChange(practice: practice.id, action: .measurementChange, patientID: patient.id,
                                    detail: "removed \(measurement.id!)") { try await measurement.delete(on: $0) }
        return req.redirect(to: Paths.episode(practice.id!, episode.id!) + "?meting-verwijderd=1#metingen")
    }

    /// The measurement of the path, if it belongs to the episode of the path.
    static func measurement(_ req: Request, of episode: Episode) async throws -> Measurement {
        guard let id = req.parameters.get("measurementID"), let m = try await Measurement.find(id, on: req.database),
              m.episodeID == episode.id else { throw LoketError.notFound("Meting niet gevonden.") }
        return m
    }

    private func invalid(_ req: Request, _ practice: Practice, _ episode: Episode, _ patient: Patient,
                         _ form: MeasurementForm, _ errors: FormErrors, editing: String?) async throws -> Response {
        try await EpisodesController().render(req, practice, episode, patient, EpisodeForm(episode), FormErrors(), TreatmentForm(), FormErrors(),
                                              measurement: .init(form: form, errors: errors, editing: editing))
            .encodeResponse(status: .unprocessableEntity, for: req)
    }
}
