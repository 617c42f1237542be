// Page models of Aanleveringen → LDO: the deliveries overview, the three-step wizard
// (Selecteren, Controleren, Aanleveren) and a delivery with "Aangeleverde gegevens".

import Foundation
import LoketCore

struct LDODeliveriesPage: Encodable {
    struct Line: Encodable {
        var href: String, window: String, madeAt: String, madeBy: String
        var included: Int, withFindings: Int, withoutConsent: Int
        var status: String, statusLabel: String, reportHref: String?
    }

    var title = "LDO-aanleveringen"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    /// Why no delivery can be made now (no opt-in, no PVM folder), with where to fix it.
    var blocker: String?
    var settingsHref: String
    var newHref: String
    /// Reports in the PVM folder that could not be read.
    var reportProblems: [String]
    var notice: String?
    /// POST: takes in the reports PVM left in the folder.
    var fetchAction: String
    var lines: [Line]
}

struct LDOWizardPage: Encodable {
    /// One episode under a cause, or left out for want of consent. `href` goes to where the
    /// fix is made (with `?terug=` to step 2), `episodeHref` to the episode itself.
    struct EpisodeLine: Encodable, Equatable {
        var patientNumber: String, patientName: String, start: String
        var href: String, fixLabel: String, episodeHref: String
        /// Left out for want of consent: what is registered ("Bezwaar", …).
        var note: String = ""
    }

    /// Step 2's findings grouped by cause (LDOCauses), most episodes first.
    struct Cause: Encodable, Equatable {
        var headline: String
        var count: Int
        var countLabel: String
        /// One place fixes every episode of the cause (a BIG number, the practice's KvK).
        var fixHref: String?
        var fixLabel: String
        /// Shown open when short; long lists start folded.
        var open: Bool
        var episodes: [EpisodeLine]
    }

    var title = "Nieuwe LDO-aanlevering"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    /// 1 Selecteren or 2 Controleren (step 3 is the delivery's own page).
    var step: Int
    var window: String
    var deliveryDate: String
    var folder: String
    var blocker: String?
    var settingsHref: String
    var backHref: String
    var nextHref: String
    var deliverAction: String
    var included = 0
    var withFindings = 0
    var withoutConsent = 0
    var causes: [Cause] = []
    /// The warnings by cause (spec/ldo.md §4): the episodes go, without the data named.
    var warnings: [Cause] = []
    /// The candidates left out for want of consent, listed (not only counted).
    var withoutConsentEpisodes: [EpisodeLine] = []
    /// The busy text while step 2 runs the whole check (Public/js/loket.js, data-busy).
    var checkBusy = "Bezig met controleren van alle episodes… Dit kan even duren; sluit deze pagina niet."
}

struct LDODeliveryPage: Encodable {
    struct Episode: Encodable {
        var patientNumber: String, patientName: String, href: String, start: String
        var result: String, resultLabel: String, messages: [String]
        /// The record sent, readable and without the BSN (LDORecordLayout.readableFields).
        var fields: [LDORecordLayout.Field]
    }

    var title = "LDO-aanlevering"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    var justMade: Bool
    var error: String?
    var notice: String?
    var window: String
    var madeAt: String
    var madeBy: String
    var file: String
    var status: String
    var statusLabel: String
    var included: Int
    var withFindings: Int
    var withoutConsent: Int
    var reportHref: String?
    var reportReceivedAt: String?
    /// PVM's messages about the whole delivery (MELDING), with their codes.
    var pvmMessages: [LDOReports.DeliveryMessage]
    /// A report in the PVM folder for this delivery that cannot be read, and why.
    var unreadableReport: String?
    var uploadAction: String
    var backHref: String
    var episodes: [Episode]
    var page: Int
    var previousHref: String?
    var nextHref: String?
}

extension LDODelivery {
    var windowLabel: String {
        "\(dutchDate(iso: windowStart) ?? windowStart) t/m \(dutchDate(iso: windowEnd) ?? windowEnd)"
    }
}
