// The episode page's section "Metingen" (spec/ldo.md §4): the measurements in date order,
// each with its way to be corrected and removed, and the form that adds one or corrects the
// one chosen. A measurement the LDO cannot send (no score, no instrument) says so on its line.

import Foundation
import LoketCore

extension EpisodePage {
    /// What the measurement form holds on this rendering: what was typed and its errors, and
    /// the measurement it corrects (nil: a new one).
    struct MeasurementInput {
        var form = MeasurementForm()
        var errors = FormErrors()
        var editing: String?
    }

    struct MeasurementLine: Encodable {
        var id: String, date: String, moment: String, instrument: String, score: String
        /// Why the LDO leaves it out, when it does.
        var unsent: String?
        var editHref: String
        var removeAction: String
        /// The line the form below is correcting.
        var editing: Bool
    }

    struct MeasurementsSection: Encodable {
        var lines: [MeasurementLine]
        var form: MeasurementForm
        var errors: FormErrors
        /// Adds, or corrects `editing`.
        var action: String
        var editing: Bool
        var cancelHref: String
        var moments: [SelectOption]
        /// The common instruments, offered as suggestions; any code may be typed.
        var instruments: [SelectOption]
        var saved: Bool
        var removed: Bool

        static func make(_ rows: [MeasurementRow], input: MeasurementInput, practice p: String, episode e: String,
                         saved: Bool, removed: Bool) -> MeasurementsSection {
            let editing = input.editing.flatMap { id in rows.first { $0.id == id } }
            var form = input.form
            if let editing, input.errors.isEmpty { form = MeasurementForm(editing) }
            let moments = LDO.MeasurementMoment.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) }
            return MeasurementsSection(
                lines: rows.map { m in
                    let value = m.value
                    return MeasurementLine(
                        id: m.id, date: m.date.flatMap { dutchDate(iso: $0) } ?? "—",
                        moment: value.moment?.label ?? m.moment ?? "—", instrument: m.instrument ?? "—",
                        score: m.score.map(MeasurementForm.dutch) ?? "—",
                        unsent: LDO.sendable(value) != nil ? nil
                            : m.score == nil ? "Zonder score gaat deze meting niet mee naar de LDO." : "Onvolledig: gaat niet mee naar de LDO.",
                        editHref: Paths.episode(p, e) + "?meting=\(m.id)#meting-form",
                        removeAction: Paths.measurement(p, e, m.id) + "/verwijderen",
                        editing: m.id == editing?.id)
                },
                form: form, errors: input.errors,
                action: editing.map { Paths.measurement(p, e, $0.id) } ?? Paths.measurements(p, e),
                editing: editing != nil, cancelHref: Paths.episode(p, e) + "#metingen",
                moments: moments.selecting(form.moment),
                instruments: LDO.commonInstruments.map { SelectOption(value: $0.code, label: $0.label) },
                saved: saved, removed: removed)
        }
    }
}
