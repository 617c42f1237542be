"""A delivery PVM rejects as a whole (issue 17): PVM writes a processing report with a fatal
MELDING (2001, "Bestand kon niet worden ontsleuteld") into the PVM folder; after "Verslagen
ophalen" the overview, the delivery's page and the dashboard say "Afgekeurd", and the
delivery's page says why: the MELDING's code and text, and that nothing was taken."""

from selenium.webdriver.common.by import By

import ui

REASON = "Bestand kon niet worden ontsleuteld"


def test_rejected_delivery_shows_the_melding(signed_in, visit, tmp_path, screenshot):
    pvm = tmp_path / "pvm"
    pvm.mkdir()
    driver = signed_in("administratie@oefen.demo")

    # The practice's PVM folder: where the delivery goes and the report comes back.
    visit("/praktijken/demo-oefen/instellingen", driver)
    ui.fill(driver, "Map van PVM", str(pvm))
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert "De instellingen zijn opgeslagen." in driver.page_source

    # A delivery through the wizard; it lands in the folder.
    visit("/praktijken/demo-oefen/aanleveringen/ldo/nieuw", driver)
    ui.follow(driver, ui.button(driver, "Volgende: controleren"))
    ui.follow(driver, ui.button(driver, "Aanleveren"))
    assert driver.find_element(By.ID, "ldo-status").text == "Klaargezet"
    # The page shows where the file went; PVM names its report after the file.
    written = driver.find_element(By.ID, "ldo-file").text
    assert written.startswith(str(pvm) + "/")
    file_name = written.rsplit("/", 1)[1]
    assert (pvm / file_name).exists()
    delivery_path = driver.current_url.split("?")[0]

    # PVM could not decrypt the file: one fatal MELDING, no episodes.
    (pvm / (file_name + ".verslag.txt")).write_text(
        f"VERSLAG|1\nAANLEVERING|{file_name}\nMELDING|2001|{REASON}\nEINDE|0\n")
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "nav.subtabs").find_element(By.LINK_TEXT, "LDO"))
    ui.follow(driver, ui.button(driver, "Verslagen ophalen"))
    assert "De verslagen in de PVM-map zijn opgehaald." in driver.page_source
    # The overview lists the newest first: this delivery.
    row = driver.find_element(By.CSS_SELECTOR, "table.ldo-deliveries tbody tr")
    assert row.find_element(By.LINK_TEXT, "Aangeleverde gegevens").get_attribute("href").split("?")[0] == delivery_path
    assert row.find_element(By.CSS_SELECTOR, "span.status").text == "Afgekeurd"

    # The dashboard: the last delivery is the rejected one, and its link leads to why.
    visit("/", driver)
    card = driver.find_element(By.ID, "registry-demo-oefen-ldo")
    last = card.find_element(By.CSS_SELECTOR, "p.last a")
    assert last.text.endswith("· Afgekeurd"), last.text
    assert last.get_attribute("href").split("?")[0] == delivery_path
    ui.follow(driver, last)

    # The delivery's page: the status, the MELDING with its code and text, and what it means.
    assert driver.find_element(By.ID, "ldo-status").text == "Afgekeurd"
    messages = driver.find_element(By.ID, "ldo-pvm-messages")
    items = [li.text for li in messages.find_elements(By.CSS_SELECTOR, "ul.messages li")]
    assert items == [f"Melding 2001 — {REASON} (de aanlevering is afgekeurd)"], items
    assert "Niets van deze aanlevering is door de LDO opgenomen." in messages.text
    assert driver.find_element(By.LINK_TEXT, "Verwerkingsverslag downloaden")
    screenshot("rejected")
