import Testing
@testable import LoketCore

@Suite("LDO selection over a practice (spec/ldo.md §2 step 2)")
struct LDOSelectionTests {
    @Test("Counts one outcome of each kind") func counts() {
        var refused = LDOFixture.episode(id: "E-refused")
        refused.consent = .refused
        var notAsked = LDOFixture.episode(id: "E-not-asked")
        notAsked.consent = .notAsked
        var incomplete = LDOFixture.episode(id: "E-incomplete")
        incomplete.dcsph = nil
        var outside = LDOFixture.episode(id: "E-outside")
        outside.treatments = [LDOFixture.treatment("2026-11-02")]
        let episodes = [LDOFixture.episode(id: "E-running"), refused, incomplete, outside,
                        LDOFixture.endedEpisode(id: "E-ended"), notAsked]

        var selection = LDO.Selection()
        var written: [String] = []
        for e in episodes {
            if case .included(let r) = selection.add(e, practice: LDOFixture.practice, window: LDOFixture.window) {
                written.append(r.episodeId)
            }
        }

        #expect(selection.includedIds == ["E-running", "E-ended"])
        #expect(written == selection.includedIds)
        #expect(selection.excluded.map(\.episodeId) == ["E-incomplete"])
        #expect(selection.excluded.first?.findings.map(\.field) == ["dcsph"])
        #expect(selection.excludedForConsent == 2)
        #expect(selection.notCandidates == 1)
        #expect(selection.candidates == 5)
    }

    @Test("An empty selection") func empty() {
        let selection = LDO.Selection()

        #expect(selection.candidates == 0)
        #expect(selection.includedIds.isEmpty && selection.excluded.isEmpty)
    }
}
