// The exchange document used across the app tests: the spec's example, slightly extended.

import Foundation

let sampleDocument = """
{
  "format": "loket-exchange/1",
  "practices": [{
    "id": "p1", "name": "Praktijk De Linde", "kvk": "12345678", "agb": "07012345",
    "ldo": { "optIn": true },
    "cbs": { "correspondenceNumber": "4711", "email": "aanlevering@delinde.nl",
             "phone": "030-1234567", "mirrorReportConsent": "ja" }
  }, {
    "id": "p2", "name": "Jeugdpraktijk Oost", "kvk": null, "agb": null
  }],
  "employees": [{ "id": "e1", "practiceId": "p1", "name": "A. de Vries", "big": "19012345601", "agb": "07123456" },
                { "id": "e2", "practiceId": "p2", "name": "B. Pieters" }],
  "patients": [{
    "id": "pt1", "practiceId": "p1", "number": "1001", "name": "Sam Jansen",
    "bsn": "111222333", "birthDate": "2012-03-04", "sex": "M", "postcode": "3511AB",
    "municipalityCode": "0344", "insurerUzovi": "3311", "identityVerified": false
  }, {
    "id": "pt2", "practiceId": "p2", "number": "7", "name": "Mila Bos", "bsn": "123456789", "sex": "V"
  }],
  "episodes": [{
    "id": "ep1", "patientId": "pt1", "practiceId": "p1", "mainPractitionerId": "e1",
    "start": "2026-01-10", "end": null,
    "ldo": { "consent": "given", "accessRoute": "referral", "referrerType": "huisarts",
             "dcsph": "1906", "endReason": null, "goalsAchieved": null },
    "cbs": { "careType": "02", "startedInCrisis": false, "referrer": "02",
             "perspective": null, "endReason": null,
             "outcome": { "youthSatisfaction": null, "youthWithoutFurtherHelp": null,
                          "parentSatisfaction": null, "parentWithoutFurtherHelp": null } }
  }, {
    "id": "ep2", "patientId": "pt2", "practiceId": "p2", "start": "2025-11-01", "end": "2026-02-28",
    "cbs": { "careType": "01", "startedInCrisis": true, "referrer": null, "endReason": "01",
             "outcome": { "youthSatisfaction": 8, "youthWithoutFurtherHelp": "04" } }
  }],
  "treatments": [{ "id": "t1", "episodeId": "ep1", "practitionerId": "e1", "date": "2026-02-01",
                   "status": "attended", "code": "074" },
                 { "id": "t2", "episodeId": "ep1", "date": "2026-02-08", "status": "no_show" },
                 { "id": "t3", "episodeId": "ep2", "practitionerId": "e2", "date": "2025-12-01", "status": "cancelled" }]
}
"""

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
