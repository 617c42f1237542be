"""The monthly LDO delivery as a new administratie user of the exercise practice would do
it: the PVM folder in the settings, the three steps of the wizard, the file landing in the
folder, PVM's processing report dropped there and fetched, and the status and the rejected fields on
the episode; the command line makes the same selection."""

import datetime
import json
import re

from selenium.webdriver.common.by import By

import ui
from conftest import TODAY


def window(today):
    """The three whole months before today's month, as the wizard shows them."""
    first = today.replace(day=1)
    end = first - datetime.timedelta(days=1)
    start = first
    for _ in range(3):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    return f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"


def test_three_steps_file_in_pvm_folder_report_and_rejected_fields(signed_in, visit, loket, tmp_path, screenshot):
    pvm = tmp_path / "pvm"
    pvm.mkdir()
    driver = signed_in("administratie@oefen.demo")

    # Settings: the opt-in is on; the PVM folder is where the delivery goes.
    visit("/praktijken/demo-oefen/instellingen", driver)
    assert ui.field(driver, "Aanleveren aan LDO").is_selected()
    ui.fill(driver, "Map van PVM", str(tmp_path / "bestaat-niet"))
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert driver.find_element(By.ID, "ldoPVMFolder-error").text == "Deze map bestaat niet op de server."
    ui.fill(driver, "Map van PVM", str(pvm))
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert "De instellingen zijn opgeslagen." in driver.page_source

    # Dashboard → Aanleveringen → LDO → Nieuwe aanlevering.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, "Aanleveringen"))
    assert ui.h1(driver).startswith("Landelijke Database Oefentherapie")
    ui.follow(driver, driver.find_element(By.LINK_TEXT, "Nieuwe aanlevering"))
    # Stap 1 Selecteren: the window is fixed, not a field.
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "1 Selecteren"
    assert driver.find_element(By.ID, "ldo-window").text == window(datetime.date.fromisoformat(TODAY))
    assert not driver.find_elements(By.CSS_SELECTOR, "input[type=date]")
    screenshot("step1")
    ui.follow(driver, ui.button(driver, "Volgende: controleren"))

    # Stap 2 Controleren: counts and messages, each linking to its episode; the CLI agrees.
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "2 Controleren"
    included = int(driver.find_element(By.ID, "ldo-included").text)
    without_consent = int(driver.find_element(By.ID, "ldo-without-consent").text)
    messages = ui.table_rows(driver, "table.ldo-messages")
    assert included > 0 and without_consent > 0 and messages
    links = driver.find_elements(By.CSS_SELECTOR, "table.ldo-messages a[href*='/episodes/']")
    assert links
    cli = json.loads(loket("ldo", "check", "--practice", "demo-oefen"))
    assert len(cli["included"]) == included and cli["excludedForConsent"] == without_consent
    assert len(cli["excluded"]) == int(driver.find_element(By.ID, "ldo-with-findings").text)
    screenshot("step2")

    # Stap 3 Aanleveren: the file lands in the PVM folder, status klaargezet.
    ui.follow(driver, ui.button(driver, "Aanleveren"))
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "3 Aanleveren"
    assert driver.find_element(By.ID, "ldo-status").text == "Klaargezet"
    files = sorted(p.name for p in pvm.iterdir())
    assert len(files) == 1 and files[0].endswith(".xml"), files
    xml = (pvm / files[0]).read_text()
    sent = re.findall(r"<EpisodeID>([^<]+)</EpisodeID>", xml)
    assert sent == cli["included"], "the file holds exactly the selection"
    screenshot("step3")
    delivery_url = driver.current_url

    # PVM answers: one episode rejected for its DCSPH code.
    rejected = sent[0]
    (pvm / (files[0] + ".verslag.txt")).write_text(
        f"VERSLAG|1\nAANLEVERING|{files[0]}\nEPISODE|{rejected}|AFGEKEURD\n"
        f"VELD|{rejected}|DCSPH|1203|Onbekende DCSPH-code\n"
        + "".join(f"EPISODE|{e}|GEACCEPTEERD\n" for e in sent[1:]) + f"EINDE|{len(sent)}\n")
    # Opening a page takes nothing in; "Verslagen ophalen" on the overview does.
    driver.get(delivery_url.split("?")[0])
    assert driver.find_element(By.ID, "ldo-status").text == "Klaargezet"
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "nav.subtabs").find_element(By.LINK_TEXT, "LDO"))
    ui.follow(driver, ui.button(driver, "Verslagen ophalen"))
    assert "De verslagen in de PVM-map zijn opgehaald." in driver.page_source
    line = ui.table_rows(driver, "table.ldo-deliveries")[0]
    assert line["Status van PVM"] == "Verwerkt" and int(line["Episodes"]) == included

    driver.get(delivery_url.split("?")[0])
    assert driver.find_element(By.ID, "ldo-status").text == "Verwerkt"
    assert driver.find_element(By.LINK_TEXT, "Verwerkingsverslag downloaden")
    rows = ui.table_rows(driver, "table.ldo-episodes")
    assert any(r["Verwerking"].startswith("Afgekeurd") and "DCSPH" in r["Verwerking"] for r in rows)

    # The rejected episode says so on its form.
    visit(f"/praktijken/demo-oefen/episodes/{rejected}", driver)
    box = driver.find_element(By.ID, "ldo-rejected")
    assert "Afgekeurd door de LDO" in box.text and "DCSPH: Onbekende DCSPH-code (code 1203)" in box.text
    screenshot("episode-rejected")

    # The "LDO" button checks this one episode.
    ui.follow(driver, driver.find_element(By.ID, "ldo-button"))
    assert driver.find_element(By.ID, "ldo-check").is_displayed()
    assert driver.find_elements(By.ID, "ldo-recheck")
