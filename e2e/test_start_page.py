"""The start page and the error page, seen through a real browser."""

import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

DEMO_PRACTICES = ["Oefentherapie Cesar De Linde", "Jeugd-GGZ Het Kompas"]
# Known app gaps, left for the app to fix: `strict` makes the test fail once it is fixed,
# so the marker is removed then.
IGNORED_CONSOLE_ERRORS = ()


def practice_counts(driver, column="Patiënten"):
    """{practice name: number in `column`} from the practices table."""
    headers = [th.text.strip() for th in driver.find_elements(By.CSS_SELECTOR, "table.list thead th")]
    index = headers.index(column)  # column 0 is the practice name (a <th>)
    counts = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "th, td")
        counts[cells[0].text.strip()] = int(cells[index].text.strip())
    return counts


def check_start_page(driver):
    assert "Loket" in driver.title
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Praktijken"
    counts = practice_counts(driver)
    for name in DEMO_PRACTICES:
        assert name in counts, f"{name} missing from {counts}"
        assert counts[name] > 0, f"{name} has no patients"


def test_start_page_lists_demo_practices(visit):
    driver = visit("/")
    check_start_page(driver)
    brand = driver.find_element(By.CSS_SELECTOR, "header .brand")
    assert brand.text == "Loket"
    # The stylesheet loaded: the brand has the accent colour from /css/loket.css.
    assert brand.value_of_css_property("color") == "rgba(11, 92, 173, 1)"


def test_start_page_has_no_console_errors(visit):
    driver = visit("/")
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
              and not any(known in e["message"] for known in IGNORED_CONSOLE_ERRORS)]
    assert errors == []


def test_unknown_url_shows_not_found(server, visit, screenshot):
    driver = visit("/bestaat-niet")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Niet gevonden"
    assert "Niet gevonden" in driver.title
    screenshot("404")
    driver.find_element(By.LINK_TEXT, "Terug naar de start").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Praktijken"
    # The browser shows the page; the status must still say 404.
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server + "/bestaat-niet", timeout=5)
    assert err.value.code == 404


def test_not_found_message_is_dutch(visit):
    driver = visit("/bestaat-niet")
    assert driver.find_element(By.CSS_SELECTOR, "p.error").text != "Not Found"


def test_start_page_works_without_javascript(new_browser, visit):
    driver = new_browser("nojs", javascript=False)
    # Prove that this browser really runs no scripts before trusting the result.
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    assert driver.title == "off"
    check_start_page(visit("/", driver))


def test_numbers_are_right_aligned(visit):
    driver = visit("/")
    cells = driver.find_elements(By.CSS_SELECTOR, "table.list td.num")
    assert cells
    assert {c.value_of_css_property("text-align") for c in cells} == {"right"}


def test_start_page_fits_a_tablet(visit, browser):
    browser.set_window_size(768, 1024)
    driver = visit("/")
    width = driver.execute_script("return window.innerWidth")
    assert width <= 768
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"page is {scroll_width} px wide in a {width} px window"
    check_start_page(driver)
