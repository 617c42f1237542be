"""Helpers for the flows: find things as a person sees them, fill in forms, wait for pages.

    follow(driver, element)      click a link or button and wait until the next page has loaded
    button(driver, "Opslaan")    the <button> with that text (within= to look inside an element)
    field(driver, "BSN")         the input, select or textarea of the label with that text
    fill(driver, "BSN", "…")     clear a field and type into it
    select(driver, "Gebruiker", "Anna de Vries")   choose an option of a <select>
    set_date(driver, "Einddatum", "2026-09-30")   type a date into <input type=date>
    facts(driver)                {term: value} of the dossier's <dl class="facts">
    table_rows(driver)           [{header: cell text}] of the first table.list
    http_status(driver)          the HTTP status of the page in the window
    wait_for(driver, condition, message)
"""

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20  # seconds; generous: another build may load the machine. A passing wait returns at once.
DEMO_PASSWORD = "demo-wachtwoord"


def wait_for(driver, condition, message=""):
    """Wait until condition(driver) is truthy; elements replaced meanwhile are retried."""
    return WebDriverWait(driver, WAIT, ignored_exceptions=(
        NoSuchElementException, StaleElementReferenceException)).until(condition, message)


def _gone(old):
    """Whether the element has left the page. While Chromium swaps documents, asking about
    the old one's node can fail with an inspector error ("unhandled inspector error", "does
    not belong to the document") instead of the stale-element answer: it is gone all the same."""
    def check(_driver):
        try:
            return EC.staleness_of(old)(_driver)
        except WebDriverException as error:
            text = str(error)
            if "inspector error" in text or "does not belong to the document" in text:
                return True
            raise
    return check


def follow(driver, element):
    """Click a link or a submit button and wait until the page it leads to has loaded."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait_for(driver, _gone(old), "the click did not lead to a new page")
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    return driver


def _literal(text):
    """`text` as an XPath string literal (texts like Patiënt's may hold a quote)."""
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def button(driver, text, within=None):
    return (within or driver).find_element(By.XPATH, f".//button[normalize-space()={_literal(text)}]")


def buttons(driver, text, within=None):
    return (within or driver).find_elements(By.XPATH, f".//button[normalize-space()={_literal(text)}]")


def h1(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def wait_for_h1(driver, text):
    """Wait for the page heading `text` (or a heading that starts with it)."""
    wait_for(driver, lambda d: h1(d).startswith(text), f"no heading {text!r}")


def field(driver, label):
    """The control a <label> with this text points to: a person finds fields by their label."""
    element = driver.find_element(By.XPATH, f"//label[normalize-space()={_literal(label)}]")
    return driver.find_element(By.ID, element.get_attribute("for"))


def fill(driver, label, text):
    element = field(driver, label)
    element.clear()
    element.send_keys(text)
    return element


def set_date(driver, label, iso):
    """Type `iso` (yyyy-mm-dd) into a date field, in the order the browser shows its parts
    (mm/dd/jjjj in an English browser, dd-mm-jjjj in a Dutch one)."""
    element = field(driver, label)
    order = driver.execute_script(
        "return new Intl.DateTimeFormat(undefined, {year: 'numeric', month: '2-digit', day: '2-digit'})"
        ".formatToParts(new Date(2026, 0, 2)).filter(p => p.type !== 'literal').map(p => p.type)")
    year, month, day = iso.split("-")
    parts = {"year": year, "month": month, "day": day}
    driver.execute_script("arguments[0].focus()", element)  # the first part, whatever is in it
    element.send_keys("".join(parts[p] for p in order))
    assert element.get_attribute("value") == iso, \
        f"typed {iso} into {label!r} ({order}), the field holds {element.get_attribute('value')!r}"
    return element


def facts(driver):
    """{term: value} of the dossier's facts list."""
    dl = driver.find_element(By.CSS_SELECTOR, "dl.facts")
    terms = [dt.text.strip() for dt in dl.find_elements(By.TAG_NAME, "dt")]
    values = [dd.text.strip() for dd in dl.find_elements(By.TAG_NAME, "dd")]
    return dict(zip(terms, values))


def table_rows(driver, css="table.list"):
    """[{column header: cell text}] of a table, headers without sort arrows."""
    table = driver.find_element(By.CSS_SELECTOR, css)
    headers = [th.text.replace("▲", "").strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    return [dict(zip(headers, (c.text.strip() for c in row.find_elements(By.CSS_SELECTOR, "th, td"))))
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def http_status(driver):
    """The HTTP status of the document in the window (a 422 form looks like any page)."""
    return driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")


def submit_sign_in(driver, email, password=DEMO_PASSWORD):
    """Fill in the sign-in form on the page in the window and send it."""
    fill(driver, "E-mailadres", email)
    fill(driver, "Wachtwoord", password)
    return follow(driver, button(driver, "Aanmelden"))


def sign_out(driver):
    return follow(driver, button(driver, "Afmelden", within=driver.find_element(By.CSS_SELECTOR, "header")))


def select(driver, label, option_text):
    """Choose the option with this text in the <select> of the label."""
    Select(field(driver, label)).select_by_visible_text(option_text)
