"""Signed in as a practice's users: find a patient, change an episode and the patient's
data, sign out; and what each role may and may not see.

The demo data are shared by all tests of a run: every test that changes a patient uses a
patient of its own (NORA, JULIA, FENNA below), so the tests pass in any order.
"""

import datetime
import urllib.parse

from selenium.webdriver.common.by import By

import ui

OEFEN = "Oefentherapie Cesar De Linde"
PATIENTS_URL = "/praktijken/demo-oefen/patienten"
# Demo patients of demo-oefen (numbers 1001…1150), one per test that changes or reads one.
NORA = {"id": "demo-oefen-pt0031", "number": "1031", "name": "Nora Jansen"}  # the main flow
JULIA = {"id": "demo-oefen-pt0045", "number": "1045", "name": "Julia Dijkstra"}  # the audit log
FENNA = {"id": "demo-oefen-pt0060", "number": "1060", "name": "Fenna Yilmaz"}  # administratie (read only)

SAVED = "De wijzigingen zijn opgeslagen."
BAD_BSN_ERROR = "Dit BSN bestaat niet: het voldoet niet aan de elfproef."


def path(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def query(driver):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)


def day(iso, days):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def dutch(iso):
    return datetime.date.fromisoformat(iso).strftime("%d-%m-%Y")


def open_patient_list(driver):
    """From the dashboard, through the practice card's "Patiënten" button."""
    card = driver.find_element(By.XPATH, f"//section[contains(@class,'card')][.//h2[normalize-space()='{OEFEN}']]")
    ui.follow(driver, card.find_element(By.LINK_TEXT, "Patiënten"))
    ui.wait_for_h1(driver, "Patiënten")
    assert path(driver) == PATIENTS_URL
    return driver


def search(driver, text):
    ui.fill(driver, "Zoek op naam, patiëntnummer of BSN", text)
    ui.follow(driver, ui.button(driver, "Zoeken"))
    assert query(driver)["q"] == [text]
    return ui.table_rows(driver)


def edit_patient(driver, patient, **fields):
    """Open the patient form from the dossier, fill in {label: value}, save; returns the
    driver on the page that came back (the dossier, or the form with its errors)."""
    ui.follow(driver, driver.find_element(By.LINK_TEXT, "Gegevens wijzigen"))
    ui.wait_for_h1(driver, "Patiënt bewerken")
    assert path(driver).endswith(f"/patienten/{patient['id']}/bewerken")
    for label, value in fields.items():
        ui.fill(driver, label, value)
    return ui.follow(driver, ui.button(driver, "Opslaan"))


def test_behandelaar_finds_a_patient_changes_an_episode_and_the_patients_data(
        signed_in, visit, screenshot):
    driver = signed_in("behandelaar@oefen.demo")
    assert path(driver) == "/"
    assert ui.h1(driver) == "Dashboard"
    assert driver.find_element(By.CSS_SELECTOR, "header .who .user").text == "Anna de Vries"
    screenshot("dashboard")

    # The patient list: paged, 25 a page.
    open_patient_list(driver)
    assert driver.find_element(By.CSS_SELECTOR, "nav.pager").text.startswith("Pagina 1 van 6")
    assert len(ui.table_rows(driver)) == 25
    screenshot("patient-list")

    # Find the patient by name.
    rows = search(driver, NORA["name"])
    assert [(r["Patiëntnummer"], r["Naam"]) for r in rows] == [(NORA["number"], NORA["name"])]
    ui.follow(driver, driver.find_element(By.LINK_TEXT, NORA["name"]))

    # The dossier.
    assert path(driver) == f"{PATIENTS_URL}/{NORA['id']}"
    assert ui.h1(driver) == f"{NORA['name']} ({NORA['number']})"
    facts = ui.facts(driver)
    assert facts["Patiëntnummer"] == NORA["number"]
    assert {"BSN", "Geboortedatum", "Postcode", "Gemeente"} <= facts.keys()
    assert driver.find_element(By.LINK_TEXT, "Gegevens wijzigen").is_displayed()
    episodes = driver.find_elements(By.CSS_SELECTOR, "ul.episodes a")
    assert episodes, "the demo patient has no episode"
    screenshot("dossier")

    # An episode: change its end date. First one before the start: refused, next to the field.
    ui.follow(driver, episodes[0])
    assert "/praktijken/demo-oefen/episodes/" in path(driver)
    episode_url = path(driver)
    assert ui.h1(driver) == "Behandelepisode"
    assert f"{NORA['name']} ({NORA['number']})" in driver.find_element(By.CSS_SELECTOR, ".crumbs").text
    start = ui.field(driver, "Startdatum").get_attribute("value")
    old_end = ui.field(driver, "Einddatum").get_attribute("value")
    ui.set_date(driver, "Einddatum", day(start, -1))
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert ui.http_status(driver) == 422
    assert driver.find_element(By.ID, "end-error").text == "De einddatum ligt vóór de startdatum."
    assert ui.field(driver, "Einddatum").get_attribute("value") == day(start, -1)
    assert not driver.find_elements(By.CSS_SELECTOR, ".notice")

    new_end = day(old_end or start, 7)
    ui.set_date(driver, "Einddatum", new_end)
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert path(driver) == episode_url
    assert query(driver).get("opgeslagen") == ["1"]
    assert driver.find_element(By.CSS_SELECTOR, ".notice").text == SAVED
    assert ui.field(driver, "Einddatum").get_attribute("value") == new_end
    assert ui.field(driver, "Startdatum").get_attribute("value") == start
    assert not driver.find_elements(By.ID, "end-error")
    screenshot("episode")

    # Back to the dossier through the crumb: the episode shows its new end.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, ".crumbs a"))
    assert path(driver) == f"{PATIENTS_URL}/{NORA['id']}"
    assert f"{dutch(start)} – {dutch(new_end)}" in [a.text for a in driver.find_elements(By.CSS_SELECTOR, "ul.episodes a")]

    # The patient form: a BSN that fails the elfproef is refused, next to the field, and what
    # was typed stays in it.
    edit_patient(driver, NORA, BSN="123456783")
    assert ui.http_status(driver) == 422
    assert ui.h1(driver) == "Patiënt bewerken"
    error = driver.find_element(By.ID, "bsn-error")
    assert error.text == BAD_BSN_ERROR
    bsn = ui.field(driver, "BSN")
    assert bsn.get_attribute("value") == "123456783"
    assert bsn.get_attribute("aria-invalid") == "true"
    assert bsn.get_attribute("aria-describedby") == "bsn-error"
    # Next to the field: in the same field block, right below the input.
    assert error.find_element(By.XPATH, "..") == bsn.find_element(By.XPATH, "..")
    assert 0 <= error.rect["y"] - (bsn.rect["y"] + bsn.rect["height"]) < 30
    assert ui.field(driver, "Naam").get_attribute("value") == NORA["name"]  # the rest is kept too
    assert driver.find_element(By.CSS_SELECTOR, "p.error[role=alert]").is_displayed()
    screenshot("patient-form-error")

    # Fixed: a valid BSN and a postcode typed the way people do.
    ui.fill(driver, "BSN", "111222333")
    ui.fill(driver, "Postcode", "1234 ab")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert path(driver) == f"{PATIENTS_URL}/{NORA['id']}"
    facts = ui.facts(driver)
    assert facts["BSN"] == "111222333"
    assert facts["Postcode"] == "1234 AB"
    assert facts["Patiëntnummer"] == NORA["number"]
    screenshot("dossier-saved")

    # Sign out: the sign-in page says so, and the start page and the dossier ask to sign in.
    ui.sign_out(driver)
    assert path(driver) == "/aanmelden"
    assert query(driver).get("afgemeld") == ["1"]
    assert driver.find_element(By.CSS_SELECTOR, ".notice").text == "U bent afgemeld."
    assert not driver.find_elements(By.CSS_SELECTOR, "header .who")
    # The browser's Back button does not bring the dossier back (on a shared practice PC).
    driver.back()
    ui.wait_for(driver, lambda d: path(d) == "/aanmelden"
                and query(d).get("terug") == [f"{PATIENTS_URL}/{NORA['id']}"],
                f"Back showed {driver.current_url}")
    assert NORA["name"] not in driver.find_element(By.TAG_NAME, "body").text
    visit("/", driver)
    assert path(driver) == "/aanmelden" and query(driver) == {"terug": ["/"]}
    assert ui.h1(driver) == "Aanmelden"
    visit(f"{PATIENTS_URL}/{NORA['id']}", driver)
    assert path(driver) == "/aanmelden"
    assert NORA["name"] not in driver.find_element(By.TAG_NAME, "body").text


def test_wrong_password_is_refused(visit, screenshot):
    # A user no other test signs in with; one failure is far from the throttle's five.
    driver = visit("/aanmelden")
    ui.submit_sign_in(driver, "administratie@jeugd.demo", "niet-het-wachtwoord")
    assert path(driver) == "/aanmelden"
    assert ui.http_status(driver) == 401
    assert driver.find_element(By.ID, "sign-in-error").text == \
        "Dit e-mailadres en wachtwoord horen niet bij elkaar."
    assert ui.field(driver, "E-mailadres").get_attribute("value") == "administratie@jeugd.demo"
    assert ui.field(driver, "Wachtwoord").get_attribute("value") == ""
    assert not driver.find_elements(By.CSS_SELECTOR, "header .who")
    screenshot("error")
    # The right password still works, and ends up on the dashboard.
    ui.submit_sign_in(driver, "administratie@jeugd.demo")
    assert path(driver) == "/"
    assert ui.h1(driver) == "Dashboard"


def test_idle_session_is_told_as_a_warning(visit):
    # Where RequireSignIn sends a session it ended for idleness (the Swift tests move the
    # clock past the 30 minutes; here the browser reads the page it leads to).
    driver = visit("/aanmelden?terug=%2F&verlopen=1")
    warning = driver.find_element(By.ID, "sign-in-expired")
    assert "U was een tijd niet actief. Meld u opnieuw aan." in warning.text
    assert warning.get_attribute("class") == "warning"
    # Amber, not the green of "U bent afgemeld." nor the red of an error.
    assert warning.value_of_css_property("background-color") == "rgba(255, 244, 229, 1)"
    assert not driver.find_elements(By.CSS_SELECTOR, ".notice, .error")
    ui.submit_sign_in(driver, "behandelaar@oefen.demo")
    assert path(driver) == "/"


def test_sign_in_returns_to_the_page_asked_for(visit):
    driver = visit(f"{PATIENTS_URL}/{FENNA['id']}")
    assert path(driver) == "/aanmelden"
    assert query(driver)["terug"] == [f"{PATIENTS_URL}/{FENNA['id']}"]
    ui.submit_sign_in(driver, "behandelaar@oefen.demo")
    assert path(driver) == f"{PATIENTS_URL}/{FENNA['id']}"
    assert ui.h1(driver) == f"{FENNA['name']} ({FENNA['number']})"


def test_another_practice_is_out_of_reach(signed_in, visit, screenshot):
    driver = signed_in("behandelaar@oefen.demo")
    header = driver.find_element(By.CSS_SELECTOR, "header nav.practices")
    assert [a.text for a in header.find_elements(By.TAG_NAME, "a")] == [OEFEN]
    for url in ("/praktijken/demo-jeugd/patienten", "/praktijken/demo-jeugd",
                "/praktijken/demo-jeugd/patienten/demo-jeugd-pt0151"):
        visit(url, driver)
        assert ui.h1(driver) == "Geen toegang", url
        assert "Geen toegang" in driver.title
        assert ui.http_status(driver) == 403, url
        assert "Jeugd-GGZ" not in driver.find_element(By.TAG_NAME, "body").text
    screenshot("403")
    # A patient id of the other practice under one's own practice reveals nothing either.
    visit(f"{PATIENTS_URL}/demo-jeugd-pt0151", driver)
    assert ui.http_status(driver) == 404
    assert ui.h1(driver) == "Niet gevonden"


def test_beheerder_sees_the_behandelaars_change_in_the_audit_log(signed_in, new_browser, visit, screenshot):
    # The behandelaar changes a patient (a patient of this test only).
    anna = signed_in("behandelaar@oefen.demo")
    visit(f"{PATIENTS_URL}/{JULIA['id']}", anna)
    edit_patient(anna, JULIA, Postcode="2511 cv")
    assert ui.facts(anna)["Postcode"] == "2511 CV"

    # The beheerder, in a browser of their own, has the audit log and no patient pages.
    carla = signed_in("beheerder@oefen.demo", new_browser("beheerder"))
    card = carla.find_element(By.CSS_SELECTOR, ".cards section.card")
    assert not card.find_elements(By.LINK_TEXT, "Patiënten")
    ui.follow(carla, card.find_element(By.LINK_TEXT, "Auditlog"))
    assert path(carla) == "/praktijken/demo-oefen/auditlog"
    assert ui.h1(carla) == "Auditlog"
    assert ui.table_rows(carla, "table.audit")
    screenshot("audit-log", carla)

    ui.fill(carla, "Patiëntnummer", JULIA["number"])
    ui.follow(carla, ui.button(carla, "Filteren"))
    assert query(carla)["patient"] == [JULIA["number"]]
    rows = ui.table_rows(carla, "table.audit")
    assert rows and {r["Patiënt"] for r in rows} == {JULIA["number"]}
    by_anna = {r["Handeling"] for r in rows if r["Wie"] == "Anna de Vries"}
    assert {"Patiënt bekeken", "Patiënt gewijzigd"} <= by_anna, rows
    change = next(r for r in rows if r["Handeling"] == "Patiënt gewijzigd")
    assert change["Wie"] == "Anna de Vries"
    assert change["Details"] == "postcode"  # which field, not its value
    assert "2511" not in carla.find_element(By.CSS_SELECTOR, "table.audit").text
    # Newest first: the dossier after saving, the change, the dossier before it.
    assert [r["Handeling"] for r in rows if r["Wie"] == "Anna de Vries"] == \
        ["Patiënt bekeken", "Patiënt gewijzigd", "Patiënt bekeken"]
    # Sequence numbers line up as numbers do.
    numbers = carla.find_elements(By.CSS_SELECTOR, "table.audit td.num")
    assert numbers and {c.value_of_css_property("text-align") for c in numbers} == {"right"}
    screenshot("audit-log-filtered", carla)

    # Filtered by user as well: only Anna's entries.
    ui.select(carla, "Gebruiker", "Anna de Vries")
    ui.follow(carla, ui.button(carla, "Filteren"))
    rows = ui.table_rows(carla, "table.audit")
    assert rows and {r["Wie"] for r in rows} == {"Anna de Vries"}
    assert {r["Patiënt"] for r in rows} == {JULIA["number"]}

    # No patient pages for the beheerder.
    visit(PATIENTS_URL, carla)
    assert ui.h1(carla) == "Geen toegang"
    assert ui.http_status(carla) == 403


def test_administratie_reads_the_dossier_but_cannot_change_it(signed_in, visit, screenshot):
    driver = signed_in("administratie@oefen.demo")
    open_patient_list(driver)
    assert not driver.find_elements(By.LINK_TEXT, "Nieuwe patiënt")
    rows = search(driver, FENNA["number"])
    assert [(r["Patiëntnummer"], r["Naam"]) for r in rows] == [(FENNA["number"], FENNA["name"])]
    ui.follow(driver, driver.find_element(By.LINK_TEXT, FENNA["name"]))
    assert ui.h1(driver) == f"{FENNA['name']} ({FENNA['number']})"
    assert ui.facts(driver)["Patiëntnummer"] == FENNA["number"]
    assert not driver.find_elements(By.LINK_TEXT, "Gegevens wijzigen")
    assert not driver.find_elements(By.LINK_TEXT, "Nieuwe behandelepisode")
    screenshot("dossier")

    # The episode: the care record is read-only to her (dates, treatments); only the
    # registry sections, which she fixes after a control, can be saved.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "ul.episodes a"))
    assert ui.h1(driver) == "Behandelepisode"
    assert not ui.field(driver, "Einddatum").is_enabled()
    assert not ui.buttons(driver, "Toevoegen") and not ui.buttons(driver, "Geannuleerd")
    registry = driver.find_elements(By.CSS_SELECTOR, "fieldset#ldo, fieldset#cbs")
    assert registry and all(f.is_enabled() for f in registry)
    assert ui.buttons(driver, "Opslaan")

    # The patient form (where LDO step 2 and the CBS control send her) opens for the
    # registry data only: number, name and the WID check stay the behandelaar's.
    visit(f"{PATIENTS_URL}/{FENNA['id']}/bewerken", driver)
    assert ui.h1(driver) == "Patiënt bewerken"
    assert "Patiëntnummer, naam en de WID-controle wijzigt de behandelaar." in driver.find_element(By.ID, "registry-only").text
    assert ui.field(driver, "Naam").get_attribute("readonly") and ui.field(driver, "Patiëntnummer").get_attribute("readonly")
    assert not ui.field(driver, "Identiteit gecontroleerd (WID)").is_enabled()
    assert ui.field(driver, "Postcode").is_enabled() and ui.field(driver, "Postcode").get_attribute("readonly") is None


def test_patient_list_pages_sorts_and_finds_by_number(signed_in, visit):
    driver = signed_in("behandelaar@jeugd.demo")
    visit("/praktijken/demo-jeugd/patienten", driver)
    pager = driver.find_element(By.CSS_SELECTOR, "nav.pager")
    assert pager.text.startswith("Pagina 1 van 6")
    first = ui.table_rows(driver)
    assert [r["Patiëntnummer"] for r in first] == [str(n) for n in range(1151, 1176)]

    ui.follow(driver, pager.find_element(By.LINK_TEXT, "Volgende →"))
    assert "Pagina 2 van 6" in driver.find_element(By.CSS_SELECTOR, "nav.pager").text
    assert ui.table_rows(driver)[0]["Patiëntnummer"] == "1176"
    assert driver.find_element(By.LINK_TEXT, "← Vorige")

    ui.follow(driver, driver.find_element(By.LINK_TEXT, "Naam"))
    names = [r["Naam"] for r in ui.table_rows(driver)]
    assert len(names) == 25
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    assert "▲" in driver.find_element(By.XPATH, "//th[a[normalize-space()='Naam']]").text

    rows = search(driver, "1200")
    assert [r["Patiëntnummer"] for r in rows] == ["1200"]
