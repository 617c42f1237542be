"""The monthly LDO routine from the dashboard, as an administratie user who does not know
where anything is (issue 17): the exercise practice's LDO card says what is due and offers
the action; step 1 runs the check with progress shown; step 2 groups the control messages
by cause ("L. Smit heeft geen BIG-nummer: N episodes"); its link goes to the employee, where
the BIG number is filled in; back at step 2 the cause is gone; step 3 delivers; and the
dashboard then shows this month's delivery as made, with a link to it."""

import re

from selenium.webdriver.common.by import By

import ui


def ldo_card(driver):
    return driver.find_element(By.ID, "registry-demo-oefen-ldo")


def causes(driver):
    """{headline: episode count} of step 2."""
    out = {}
    for li in driver.find_elements(By.CSS_SELECTOR, "li.ldo-cause"):
        headline = li.find_element(By.CSS_SELECTOR, ".ldo-cause-headline").text
        count = int(re.match(r"(\d+) episodes?", li.find_element(By.CSS_SELECTOR, ".ldo-cause-count").text).group(1))
        out[headline] = count
    return out


def test_ldo_routine_from_the_dashboard(signed_in, visit, screenshot):
    driver = signed_in("administratie@oefen.demo")

    # The dashboard: the LDO card says what is due this month and what blocks most.
    card = ldo_card(driver)
    assert "Laatste aanleveringen: nog geen." not in driver.page_source
    assert "Aanlevering van november 2026" in card.text
    blockers = [li.text for li in card.find_elements(By.CSS_SELECTOR, "ul.blockers li")]
    smit = [b for b in blockers if b.startswith("L. Smit heeft geen BIG-nummer: ")]
    assert smit, blockers
    blocked = int(re.search(r": (\d+) episodes?", smit[0]).group(1))
    action = driver.find_element(By.ID, "action-demo-oefen-ldo")
    if "nog niet gedaan" in card.text:
        assert action.text == "Aanleveren"
    else:  # another flow of this run delivered already: the card offers to deliver again
        assert action.text == "Aanlevering van deze maand bekijken"
        action = card.find_element(By.LINK_TEXT, "Opnieuw aanleveren")
    screenshot("dashboard-before")
    ui.follow(driver, action)

    # Step 1: the button runs the whole check and says so while it runs.
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "1 Selecteren"
    form = driver.find_element(By.CSS_SELECTOR, "form[data-busy]")
    assert "Bezig met controleren" in form.get_attribute("data-busy")
    # The busy text appears as soon as the form is sent; the page may already have changed
    # when we look, so it is checked by the script's own hook: the status element.
    driver.execute_script("arguments[0].addEventListener('submit', function (e) { e.preventDefault(); }, {once: true})", form)
    ui.button(driver, "Volgende: controleren").click()
    status = ui.wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "form[data-busy] .busy"), "no progress shown")
    assert status.text.startswith("Bezig met controleren") and status.get_attribute("role") == "status"
    driver.refresh()  # the prevented submit left the buttons disabled; start over as the user would
    ui.wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    ui.follow(driver, ui.button(driver, "Volgende: controleren"))

    # Step 2: grouped by cause, with the count the dashboard showed.
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "2 Controleren"
    step2 = driver.current_url
    found = causes(driver)
    assert found.get("L. Smit heeft geen BIG-nummer") == blocked, found
    assert list(found.values()) == sorted(found.values(), reverse=True), "most episodes first"
    assert driver.find_elements(By.CSS_SELECTOR, "table.ldo-without-consent tbody tr"), "episodes without consent listed"
    screenshot("step2")

    # The fix: the cause's link goes to the employee, with the way back to step 2.
    cause = next(li for li in driver.find_elements(By.CSS_SELECTOR, "li.ldo-cause")
                 if li.find_element(By.CSS_SELECTOR, ".ldo-cause-headline").text == "L. Smit heeft geen BIG-nummer")
    fix = cause.find_element(By.LINK_TEXT, "Naar de medewerker")
    assert "terug=%2Fpraktijken%2Fdemo%2Doefen%2Faanleveringen%2Fldo%2Fnieuw%2Fcontroleren" in fix.get_attribute("href")
    ui.follow(driver, fix)
    assert ui.field(driver, "Naam").get_attribute("value") == "L. Smit"
    ui.fill(driver, "BIG-nummer", "19012345601")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    back = driver.find_elements(By.ID, "terug")
    if back:  # the page offers the way back (?terug=)
        ui.follow(driver, back[0])
    else:
        visit(step2.replace(step2.split("/praktijken")[0], ""), driver)
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "2 Controleren"
    assert "L. Smit heeft geen BIG-nummer" not in causes(driver)

    # Step 3 delivers.
    included = int(driver.find_element(By.ID, "ldo-included").text)
    ui.follow(driver, ui.button(driver, "Aanleveren"))
    assert driver.find_element(By.CSS_SELECTOR, ".steps li.current").text == "3 Aanleveren"
    assert driver.find_element(By.ID, "ldo-status").text == "Klaargezet"
    delivery = driver.current_url.split("?")[0]

    # The dashboard: this month's delivery is made, and links to it.
    ui.follow(driver, driver.find_element(By.CSS_SELECTOR, "header a.brand"))
    card = ldo_card(driver)
    assert "Gedaan:" in card.text and "is gedaan op" in card.text, card.text
    action = driver.find_element(By.ID, "action-demo-oefen-ldo")
    assert action.text == "Aanlevering van deze maand bekijken" and action.get_attribute("href") == delivery
    last = card.find_element(By.CSS_SELECTOR, "p.last a")
    assert last.get_attribute("href") == delivery and "Klaargezet" in last.text
    assert not any(li.text.startswith("L. Smit") for li in card.find_elements(By.CSS_SELECTOR, "ul.blockers li"))
    assert included > 0
    screenshot("dashboard-after")
