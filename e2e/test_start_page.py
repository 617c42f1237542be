"""The start page: sign-in when signed out, the dashboard after; and the error page."""

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By

import ui

# A user of each demo practice, and the practice they see on their dashboard.
DEMO_PRACTICES = {
    "behandelaar@oefen.demo": "Oefentherapie Cesar De Linde",
    "behandelaar@jeugd.demo": "Jeugd-GGZ Het Kompas",
}
# Known app gaps, left for the app to fix.
IGNORED_CONSOLE_ERRORS = ()
ACCENT = "rgba(11, 92, 173, 1)"  # --accent in /css/loket.css


def check_sign_in_page(driver):
    url = urllib.parse.urlsplit(driver.current_url)
    assert url.path == "/aanmelden"
    assert "Loket" in driver.title
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert ui.h1(driver) == "Aanmelden"
    assert ui.field(driver, "E-mailadres").get_attribute("type") == "email"
    assert ui.field(driver, "Wachtwoord").get_attribute("type") == "password"
    assert ui.button(driver, "Aanmelden").is_displayed()


def practice_card(driver, practice):
    """The dashboard card of `practice`: its role line, counts and buttons."""
    cards = {c.find_element(By.TAG_NAME, "h2").text: c
             for c in driver.find_elements(By.CSS_SELECTOR, ".cards section.card")}
    assert practice in cards, f"{practice} missing from the dashboard: {list(cards)}"
    return cards[practice]


def check_dashboard(driver, practice):
    assert "Loket" in driver.title
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert ui.h1(driver) == "Dashboard"
    card = practice_card(driver, practice)
    counts = re.search(r"(\d+) patiënten · (\d+) behandelepisodes, waarvan (\d+) lopend",
                       card.find_element(By.CSS_SELECTOR, ".counts").text)
    assert counts, card.text
    patients, episodes, running = map(int, counts.groups())
    assert patients > 0 and episodes > 0 and 0 < running <= episodes, card.text
    assert card.find_element(By.LINK_TEXT, "Patiënten").is_displayed()
    # The header: the practice to go to, the user's name and a way out.
    header = driver.find_element(By.CSS_SELECTOR, "header")
    assert practice in [a.text for a in header.find_elements(By.CSS_SELECTOR, "nav.practices a")]
    assert header.find_element(By.CSS_SELECTOR, ".who .user").text
    assert ui.button(driver, "Afmelden", within=header).is_displayed()


def test_signed_out_start_page_asks_to_sign_in(visit):
    driver = visit("/")
    check_sign_in_page(driver)
    # The browser is a Dutch one, as in a practice (see make_driver in conftest.py).
    assert driver.execute_script("return navigator.language") == "nl-NL"
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query) == {"terug": ["/"]}
    brand = driver.find_element(By.CSS_SELECTOR, "header .brand")
    assert brand.text == "Loket"
    # The stylesheet loaded: the brand has the accent colour from /css/loket.css.
    assert brand.value_of_css_property("color") == ACCENT


@pytest.mark.parametrize("email", DEMO_PRACTICES)
def test_dashboard_shows_the_users_practice(signed_in, email):
    driver = signed_in(email)
    check_dashboard(driver, DEMO_PRACTICES[email])
    # Only the user's own practice: the other demo practice is not on the page.
    others = [p for e, p in DEMO_PRACTICES.items() if e != email]
    assert not any(p in driver.find_element(By.TAG_NAME, "body").text for p in others)
    assert driver.find_element(By.CSS_SELECTOR, "header .brand").value_of_css_property("color") == ACCENT


def test_start_pages_have_no_console_errors(visit, signed_in):
    driver = visit("/")
    signed_in("behandelaar@oefen.demo", driver)
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
              and not any(known in e["message"] for known in IGNORED_CONSOLE_ERRORS)]
    assert errors == []


def test_unknown_url_shows_not_found(server, visit, signed_in, screenshot):
    driver = visit("/bestaat-niet")  # signed out: still a 404, not a sign-in page
    assert ui.h1(driver) == "Niet gevonden"
    assert "Niet gevonden" in driver.title
    assert ui.http_status(driver) == 404
    signed_in("behandelaar@oefen.demo", driver)
    visit("/bestaat-niet", driver)
    assert ui.h1(driver) == "Niet gevonden"
    screenshot("404")
    ui.follow(driver, driver.find_element(By.LINK_TEXT, "Terug naar de start"))
    assert ui.h1(driver) == "Dashboard"
    # The browser shows the page; the status must still say 404.
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server + "/bestaat-niet", timeout=5)
    assert err.value.code == 404


def test_not_found_message_is_dutch(visit):
    driver = visit("/bestaat-niet")
    assert driver.find_element(By.CSS_SELECTOR, "p.error").text != "Not Found"


def test_start_pages_work_without_javascript(new_browser, visit, signed_in):
    driver = new_browser("nojs", javascript=False)
    # Prove that this browser really runs no scripts before trusting the result.
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert driver.title == "off"
    check_sign_in_page(visit("/", driver))
    signed_in("behandelaar@oefen.demo", driver)
    check_dashboard(driver, DEMO_PRACTICES["behandelaar@oefen.demo"])
    ui.sign_out(driver)  # a plain form post, no script needed
    check_sign_in_page(driver)


def fits(driver):
    width = driver.execute_script("return window.innerWidth")
    assert width <= 768
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{driver.current_url} is {scroll_width} px wide in a {width} px window"


def test_start_pages_fit_a_tablet(visit, browser, signed_in, screenshot):
    browser.set_window_size(768, 1024)
    driver = visit("/")
    check_sign_in_page(driver)
    fits(driver)
    screenshot("sign-in")
    signed_in("behandelaar@oefen.demo", driver)
    check_dashboard(driver, DEMO_PRACTICES["behandelaar@oefen.demo"])
    fits(driver)
