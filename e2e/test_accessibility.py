"""Accessibility of the main pages, checked in the browser with axe-core (from the PyPI
package axe-selenium-python, which carries axe.min.js: it runs offline, and nothing of axe
is kept in this repository): no serious or critical violation on sign-in, dashboard, patient
list, a patient form with errors, an episode with its LDO check, step 2 of the LDO wizard and
the audit log. Then what axe cannot see: the focus on the first field with an error, the skip
link, aria-describedby pointing at a message that is there, and "← Terug" from step 2."""

import os
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import ui

# e2e/run installs it; only a run by hand without it skips these tests, never CI.
if os.environ.get("CI"):
    import axe_selenium_python
else:
    axe_selenium_python = pytest.importorskip(
        "axe_selenium_python", reason="pip install axe-selenium-python (it bundles axe-core)")

PRACTICE = "/praktijken/demo-oefen"
BLOCKING = {"serious", "critical"}


def violations(driver):
    """The serious and critical axe-core violations of the page shown, as readable lines."""
    driver.set_script_timeout(120)
    axe = axe_selenium_python.Axe(driver)
    axe.inject()
    results = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']}})
           .then(function (r) { done(r); }, function (e) { done({error: String(e)}); });""")
    assert "error" not in results, results.get("error")
    found = []
    for v in results["violations"]:
        if v["impact"] in BLOCKING:
            targets = [" ".join(n["target"]) for n in v["nodes"]][:5]
            found.append(f"{v['impact']} {v['id']}: {v['help']} at {targets}")
    return found


def first_episode_link(driver):
    """An episode of the first patient in the list: the dossier's first episode link."""
    rows = driver.find_elements(By.CSS_SELECTOR, "main tbody a[href*='/patienten/']")
    ui.follow(driver, rows[0])
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/episodes/']")]
    return next(h for h in links if not h.rstrip("/").endswith("/nieuw"))


def test_main_pages_have_no_serious_axe_violations(signed_in, visit, new_browser, screenshot):
    # Signed out: the sign-in page.
    anonymous = new_browser("signed-out")
    visit("/aanmelden", anonymous)
    assert violations(anonymous) == []

    found = {}
    # The beheerder reads the audit log; the administratie delivers; the behandelaar treats.
    beheerder = signed_in("beheerder@oefen.demo", new_browser("beheerder"))
    visit(f"{PRACTICE}/auditlog", beheerder)
    found["audit log"] = violations(beheerder)
    administratie = signed_in("administratie@oefen.demo", new_browser("administratie"))
    visit(f"{PRACTICE}/aanleveringen/ldo/nieuw/controleren", administratie)
    found["LDO step 2"] = violations(administratie)

    driver = signed_in("behandelaar@oefen.demo")
    for name, path in {"dashboard": "/", "patient list": f"{PRACTICE}/patienten"}.items():
        visit(path, driver)
        found[name] = violations(driver)
    episode = first_episode_link(driver)
    visit(urllib.parse.urlsplit(episode).path + "?ldo=1", driver)
    found["episode with LDO check"] = violations(driver)
    screenshot("episode-ldo-check", driver)

    # A patient form sent with an invalid BSN and no name.
    visit(f"{PRACTICE}/patienten/nieuw", driver)
    ui.fill(driver, "BSN", "123456789")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert ui.http_status(driver) == 422
    found["patient form with errors"] = violations(driver)
    screenshot("patient-form-errors", driver)
    assert {k: v for k, v in found.items() if v} == {}

    # The check itself sees a violation when there is one: an image without a text.
    driver.execute_script("var i = document.createElement('img'); i.src = '/favicon.svg'; document.querySelector('main').appendChild(i);")
    assert any("image-alt" in line for line in violations(driver))


def test_focus_lands_on_the_first_field_with_an_error(signed_in, visit):
    driver = signed_in("behandelaar@oefen.demo")
    visit(f"{PRACTICE}/patienten/nieuw", driver)
    ui.fill(driver, "BSN", "123456789")
    ui.follow(driver, ui.button(driver, "Opslaan"))
    assert ui.http_status(driver) == 422
    invalid = driver.find_elements(By.CSS_SELECTOR, "main [aria-invalid='true']")
    assert invalid, "the fields with an error are marked"
    focused = driver.switch_to.active_element
    assert focused.get_attribute("id") == invalid[0].get_attribute("id")
    # Every marked field is described by its message, and that message is on the page.
    for field in invalid:
        message = driver.find_element(By.ID, field.get_attribute("aria-describedby").split()[0])
        assert message.text and "field-error" in message.get_attribute("class")


def test_skip_link_goes_to_the_content(signed_in, visit):
    driver = signed_in("behandelaar@oefen.demo")
    visit(f"{PRACTICE}/patienten", driver)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.text == "Naar de inhoud" and skip.is_displayed(), "the first tab stop is the skip link, and it shows"
    skip.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "inhoud"


def test_way_back_to_step_2_only_within_the_site(signed_in, visit):
    driver = signed_in("behandelaar@oefen.demo")
    step2 = f"{PRACTICE}/aanleveringen/ldo/nieuw/controleren"
    visit(f"{PRACTICE}/patienten", driver)
    episode = urllib.parse.urlsplit(first_episode_link(driver)).path
    visit(f"{episode}?terug={urllib.parse.quote(step2, safe='')}", driver)
    back = driver.find_element(By.ID, "terug")
    assert back.text == "← Terug" and urllib.parse.urlsplit(back.get_attribute("href")).path == step2
    for evil in ("https://evil.example/", "//evil.example/x"):
        visit(f"{episode}?terug={urllib.parse.quote(evil, safe='')}", driver)
        assert not driver.find_elements(By.ID, "terug"), evil


def test_disabled_buttons_look_disabled(signed_in, visit):
    driver = signed_in("behandelaar@oefen.demo")
    visit(f"{PRACTICE}/patienten", driver)
    enabled = driver.execute_script(
        "var b = document.createElement('button'); b.textContent = 'x'; document.querySelector('main').appendChild(b);"
        "window.probe = b; return getComputedStyle(b).backgroundColor;")
    disabled = driver.execute_script("window.probe.disabled = true; return getComputedStyle(window.probe).backgroundColor;")
    assert enabled != disabled
