"""The CBS control overview as the administratie of the jeugd-GGZ practice sees it: from
the dashboard to the overview, the cells that need work, and on to the episode to fix."""

import urllib.parse

from selenium.webdriver.common.by import By

import ui


def test_control_overview_from_the_dashboard_to_an_episode(signed_in, screenshot):
    driver = signed_in("administratie@jeugd.demo")
    card = driver.find_element(By.CSS_SELECTOR, ".cards section.card")
    assert "Jeugd-GGZ Het Kompas" in card.text
    assert "met controlemeldingen" in card.text  # the dashboard's count, from the same rules
    ui.follow(driver, card.find_element(By.LINK_TEXT, "CBS-controle"))
    assert urllib.parse.urlsplit(driver.current_url).path == "/praktijken/demo-jeugd/aanleveringen/cbs"
    rows = ui.table_rows(driver)
    assert rows, "the overview lists the selected episodes"
    assert {"Aanleverbaar", "Patiëntnummer", "Patiënt", "Burgerservicenummer", "Verwijzer"} <= set(rows[0])
    assert {r["Aanleverbaar"] for r in rows} == {"Ja", "Nee"}, "the demo data has both"
    # A cell that keeps a row out of the file stands out, with its reason.
    flagged = driver.find_elements(By.CSS_SELECTOR, "td.cell-missing, td.cell-invalid")
    assert flagged and all(c.text.strip() for c in flagged)
    screenshot("cbs-control")

    # Each row leads to its episode, to fix it there.
    link = driver.find_element(By.CSS_SELECTOR, "table.list tbody tr a")
    ui.follow(driver, link)
    assert "/praktijken/demo-jeugd/episodes/" in driver.current_url
    assert ui.h1(driver) == "Behandelepisode"
