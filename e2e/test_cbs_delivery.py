"""The half-yearly CBS delivery as a new administratie user would do it: the settings, a
control, fixing an episode from the overview, a new control, the definitive file after its
confirmation and its download, a herlevering that replaces it and what it changes, a withdrawal; the command
line gives the same rows, and the episode its history."""

import json
import time

from selenium.webdriver.common.by import By

import ui


def control(driver, year="2026", period="JH-1 (januari – juni)"):
    ui.fill(driver, "Jaar", year)
    ui.select(driver, "Periode", period)
    ui.follow(driver, ui.button(driver, "Controle maken"))
    return ui.table_rows(driver, "table.cbs-control")


def counts(driver):
    text = driver.find_element(By.CSS_SELECTOR, ".cbs-counts strong").text  # "90 van 106 rijen aanleverbaar"
    deliverable, _, rows = text.split()[:3]
    return int(deliverable), int(rows)


def test_settings_control_fix_definitive_download(signed_in, visit, loket, download_dir, screenshot):
    driver = signed_in("administratie@jeugd.demo")

    # Settings: a short correspondentienummer is stored and shown padded to 10 digits.
    visit("/praktijken/demo-jeugd/instellingen", driver)
    ui.fill(driver, "Correspondentienummer", "4711")
    ui.fill(driver, "E-mail", "aanlevering@hetkompas.nl")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert "De instellingen zijn opgeslagen." in driver.page_source
    assert ui.field(driver, "Correspondentienummer").get_attribute("value") == "0000004711"

    # Aanleveringen → CBS Jeugd: a control of JH-1 2026.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, "Aanleveringen"))
    assert ui.h1(driver).startswith("CBS Beleidsinformatie Jeugd")
    rows = control(driver)
    before, total = counts(driver)
    assert 0 < before < total, "the demo data has rows to fix"
    assert "Herlevering" in driver.page_source and "Aanleveren vóór" in driver.page_source
    screenshot("control")

    # A row whose only problem is the verwijzer: open its episode and fix it there.
    table = driver.find_element(By.CSS_SELECTOR, "table.cbs-control")
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    referrer_column = headers.index("Verwijzer")
    target = None
    for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr.not-deliverable"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        flagged = [i for i, c in enumerate(cells) if "cell-missing" in c.get_attribute("class") or "cell-invalid" in c.get_attribute("class")]
        if flagged == [referrer_column] and cells[referrer_column].text == "Ontbreekt":
            target = tr
            break
    assert target is not None, "a row that only misses its verwijzer"
    number = target.find_elements(By.TAG_NAME, "td")[1].text
    ui.follow(driver, target.find_element(By.TAG_NAME, "a"))
    assert ui.h1(driver) == "Behandelepisode"
    episode_url = driver.current_url
    assert driver.find_element(By.ID, "cbs").is_displayed()  # Gegevens CBS
    ui.select(driver, "Verwijstype", "02 Huisarts")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert "De wijzigingen zijn opgeslagen." in driver.page_source
    screenshot("episode-fixed")

    # A new control: that row is deliverable now. Back through the practice's page.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "header nav.practices").find_element(By.PARTIAL_LINK_TEXT, "Het Kompas"))
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, "Aanleveringen"))
    rows = control(driver)
    after, total_after = counts(driver)
    assert (after, total_after) == (before + 1, total)
    assert any(r["Patiëntnummer"] == number and r["Aanleverbaar"] == "Ja" for r in rows)

    # The command line gives the same rows.
    cli = json.loads(loket("cbs", "control", "--practice", "demo-jeugd", "--year", "2026", "--period", "1"))
    assert sorted((r["patientNumber"], r["deliverable"]) for r in cli["rows"]) == \
        sorted((r["Patiëntnummer"], r["Aanleverbaar"] == "Ja") for r in rows)

    # Definitief: a confirmation page first, then the file, listed with its counts.
    ui.select(driver, "Bestandsformaat", "ASCII vast formaat (.txt)")
    ui.follow(driver, ui.button(driver, "Definitief maken"))
    assert ui.h1(driver) == "Definitieve aanlevering bevestigen"
    assert driver.find_element(By.ID, "confirm-period").text == "JH-1 2026"
    assert "Bestandsdefinitie 5.4" in driver.page_source
    assert not driver.find_elements(By.ID, "confirm-replaces"), "the first one replaces nothing"
    screenshot("confirm")
    ui.follow(driver, ui.button(driver, "Bevestigen: definitief maken"))
    assert driver.find_element(By.ID, "final-made").is_displayed()
    deliveries = ui.table_rows(driver, "table.deliveries")
    final = next(d for d in deliveries if d["Soort"] == "Definitief")
    assert final["Periode"] == "JH-1 2026" and int(final["Aanleverbaar"]) == after
    assert final["Layout"] == "5.4" and final["Status"].startswith("Huidige aanlevering")
    screenshot("definitive")
    folder = download_dir(driver)
    driver.find_element(By.CSS_SELECTOR, "table.deliveries").find_element(By.LINK_TEXT, "Bestand downloaden").click()
    path = folder / "CBS_jeugd_0000004711_2026_JH1.txt"
    ui.wait_for(driver, lambda d: path.exists() and path.stat().st_size > 0, "the file was not downloaded")
    time.sleep(0.2)
    lines = path.read_bytes().split(b"\r\n")
    assert lines[0].startswith(b"H0000004711aanlevering@hetkompas.nl")
    assert len([l for l in lines if l.startswith(b"D")]) == int(final["Records"])

    # A herlevering: the verwijzer corrected once more, then a second definitive delivery of
    # the period, which says it replaces the first.
    visit(episode_url[episode_url.index("/praktijken"):], driver)
    ui.select(driver, "Verwijstype", "03 Jeugdarts")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert "De wijzigingen zijn opgeslagen." in driver.page_source
    visit("/praktijken/demo-jeugd/aanleveringen/cbs?jaar=2026&periode=1", driver)
    ui.follow(driver, ui.button(driver, "Definitief maken"))
    assert "vervangt de definitieve aanlevering" in driver.find_element(By.ID, "confirm-replaces").text
    ui.follow(driver, ui.button(driver, "Bevestigen: definitief maken"))
    finals = [d for d in ui.table_rows(driver, "table.deliveries") if d["Soort"] == "Definitief"]
    assert len(finals) == 2
    assert finals[0]["Status"].startswith("Huidige aanlevering")
    assert finals[1]["Status"].startswith("Vervangen door")
    screenshot("herlevering")

    # What the herlevering changes for CBS: that one record, by patient number, without BSN.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "table.deliveries tbody tr").find_element(By.LINK_TEXT, "Wijzigingen"))
    assert ui.h1(driver) == "Wijzigingen in de aanlevering"
    assert "0 toegevoegd, 0 verwijderd, 1 gewijzigd" in driver.find_element(By.ID, "changes-counts").text
    changed = ui.table_rows(driver, "#changes-changed")
    assert [(r["Patiëntnummer"], r["Wijziging"]) for r in changed] == [(number, "Verwijzer: 02 → 03")]
    screenshot("changes")
    ui.follow(driver, driver.find_element(By.LINK_TEXT, "Terug naar de aanleveringen"))

    # Withdrawn with a reason: the first one is current again.
    ui.fill(driver, "Reden", "Verkeerde periode aangeleverd")
    ui.follow(driver, ui.button(driver, "Intrekken"))
    assert "is ingetrokken" in driver.find_element(By.ID, "cbs-notice").text
    finals = [d for d in ui.table_rows(driver, "table.deliveries") if d["Soort"] == "Definitief"]
    assert finals[0]["Status"].startswith("Ingetrokken") and "Verkeerde periode" in finals[0]["Status"]
    assert finals[1]["Status"].startswith("Huidige aanlevering")

    # The command line lists the same: one replaced-and-restored, one withdrawn.
    listed = [d for d in json.loads(loket("cbs", "list", "--practice", "demo-jeugd", "--format", "json")) if d["kind"] == "final"]
    assert [d.get("withdrawnAt") is not None for d in listed] == [True, False]
    assert all(d["layout"] == "5.4" and d.get("replacedBy") is None for d in listed)

    # The episode shows each delivery it went out in.
    driver.get(episode_url)
    rows = ui.table_rows(driver, "table.episode-deliveries")
    assert len(rows) == 2 and all(r["Register"] == "CBS" and r["Periode"] == "JH-1 2026" for r in rows)
    assert {r["Status"] for r in rows} == {"ingetrokken", "huidige"}
