"""Issue 18 in the browser: a behandelaar records a start and an end measurement on an
episode in "Metingen", corrects one, and the administratie's monthly LDO delivery carries
them, in the file and in "Aangeleverde gegevens"."""

import json
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

import ui
from conftest import TODAY


def add_measurement(driver, instrument, moment, date, score):
    ui.fill(driver, "Instrument", instrument)
    ui.select(driver, "Meetmoment", moment)
    ui.set_date(driver, "Meetdatum", date)
    ui.fill(driver, "Score", score)
    ui.follow(driver, driver.find_element(By.ID, "meting-opslaan"))
    assert "De meting is opgeslagen." in driver.page_source


def test_measurements_recorded_corrected_and_delivered(signed_in, new_browser, visit, loket, tmp_path, screenshot):
    # An episode that the delivery of today includes.
    check = json.loads(loket("ldo", "check", "--practice", "demo-oefen"))
    episode = check["included"][0]
    driver = signed_in("behandelaar@oefen.demo")
    visit(f"/praktijken/demo-oefen/episodes/{episode}#metingen", driver)
    start = driver.find_element(By.CSS_SELECTOR, "input[name=start]").get_attribute("value")

    # A wrong score is refused at its field, nothing is saved.
    ui.fill(driver, "Instrument", "NPRS")
    ui.select(driver, "Meetmoment", "Begin")
    ui.set_date(driver, "Meetdatum", start)
    ui.fill(driver, "Score", "acht")
    ui.follow(driver, driver.find_element(By.ID, "meting-opslaan"))
    assert driver.find_element(By.ID, "m-score-error").text == "Vul een getal in, zoals 7 of 7,5."
    assert driver.find_element(By.ID, "m-score").get_attribute("aria-invalid") == "true"

    visit(f"/praktijken/demo-oefen/episodes/{episode}#metingen", driver)
    before = len(ui.table_rows(driver, "table.measurements")) if driver.find_elements(By.CSS_SELECTOR, "table.measurements") else 0
    add_measurement(driver, "NPRS", "Begin", start, "8")
    add_measurement(driver, "NPRS", "Eind", TODAY, "3,5")
    rows = ui.table_rows(driver, "table.measurements")
    assert len(rows) == before + 2
    mine = [r for r in rows if r["Instrument"] == "NPRS"]
    assert [r["Score"] for r in mine][-2:] == ["8", "3,5"], mine

    # Correct the end score: the form opens filled in, the correction replaces the value.
    end_row = driver.find_elements(By.CSS_SELECTOR, "table.measurements tbody tr")[-1]
    ui.follow(driver, end_row.find_element(By.LINK_TEXT, "Corrigeren"))
    assert driver.find_element(By.ID, "m-score").get_attribute("value") == "3,5"
    ui.fill(driver, "Score", "2")
    ui.follow(driver, driver.find_element(By.ID, "meting-opslaan"))
    assert ui.table_rows(driver, "table.measurements")[-1]["Score"] == "2"
    screenshot("measurements", driver)

    # The administratie delivers; the file carries the two measurements.
    pvm = tmp_path / "pvm"
    pvm.mkdir()
    admin = signed_in("administratie@oefen.demo", new_browser("administratie"))
    visit("/praktijken/demo-oefen/instellingen", admin)
    ui.fill(admin, "Map van PVM", str(pvm))
    ui.follow(admin, ui.button(admin, "Opslaan"))
    visit("/praktijken/demo-oefen/aanleveringen/ldo/nieuw", admin)
    ui.follow(admin, ui.button(admin, "Volgende: controleren"))
    assert admin.find_element(By.CSS_SELECTOR, ".steps li.current").text == "2 Controleren"
    # Step 2 warns of what goes without its data (a DTO episode without screening, a
    # measurement without score) apart from the causes that keep episodes out.
    warnings = [li.find_element(By.CSS_SELECTOR, ".ldo-warning-headline").text
                for li in admin.find_elements(By.CSS_SELECTOR, "li.ldo-warning-cause")]
    assert any("screening" in w for w in warnings) and any("score" in w for w in warnings), warnings
    screenshot("step2-warnings", admin)
    ui.follow(admin, ui.button(admin, "Aanleveren"))
    assert admin.find_element(By.ID, "ldo-status").text == "Klaargezet"
    files = sorted(p.name for p in pvm.iterdir())
    xml = (pvm / files[0]).read_text()
    record = re.search(rf"<Episode>(?:(?!</Episode>).)*<EpisodeID>{re.escape(episode)}</EpisodeID>.*?</Episode>", xml, re.S).group(0)
    assert f"<Instrument>NPRS</Instrument>\n        <Moment>begin</Moment>\n        <Datum>{start}</Datum>\n        <Score>8</Score>" in record
    assert f"<Moment>eind</Moment>\n        <Datum>{TODAY}</Datum>\n        <Score>2</Score>" in record
    assert "<Instrument>998</Instrument>" not in record

    # "Aangeleverde gegevens" shows them, page by page until the episode's row.
    while True:
        rows = admin.find_elements(By.CSS_SELECTOR, "table.ldo-episodes tbody tr")
        row = next((r for r in rows if r.find_elements(By.CSS_SELECTOR, f"a[href$='/episodes/{episode}']")), None)
        if row is not None:
            break
        ui.follow(admin, admin.find_element(By.LINK_TEXT, "Volgende"))
    row.find_element(By.TAG_NAME, "summary").click()
    shown = row.find_element(By.CSS_SELECTOR, "dl.record").text
    assert f"NPRS, begin, {start}, 8" in shown and f"NPRS, eind, {TODAY}, 2" in shown, shown
    screenshot("delivered", admin)

    # Removing asks first; "Annuleren" keeps the measurement.
    visit(f"/praktijken/demo-oefen/episodes/{episode}#metingen", driver)
    count = len(ui.table_rows(driver, "table.measurements"))
    last = driver.find_elements(By.CSS_SELECTOR, "table.measurements tbody tr")[-1]
    last.find_element(By.XPATH, ".//button[normalize-space()='Verwijderen']").click()
    alert = ui.wait_for(driver, EC.alert_is_present(), "no question before removing")
    assert alert.text.startswith("Meting NPRS van ") and alert.text.endswith(" verwijderen?"), alert.text
    alert.dismiss()
    assert len(ui.table_rows(driver, "table.measurements")) == count
    last = driver.find_elements(By.CSS_SELECTOR, "table.measurements tbody tr")[-1]
    last.find_element(By.XPATH, ".//button[normalize-space()='Verwijderen']").click()
    ui.wait_for(driver, EC.alert_is_present(), "no question before removing").accept()
    ui.wait_for(driver, lambda d: "De meting is verwijderd." in d.page_source, "not removed")
    assert len(ui.table_rows(driver, "table.measurements")) == count - 1
