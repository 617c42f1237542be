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
    struct Message: Encodable { var patientNumber: String, patientName: String, href: String, message: String }

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
    var messages: [Message] = []
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
