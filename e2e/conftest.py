"""Fixtures for the browser tests: a running Loket with demo data, and headless Chromium.

    server        base URL of `loket serve --demo` on a fresh SQLite file (one per session)
    browser       a Chromium driver (1280x900); its last page is saved as artifacts/<test>.png
    new_browser   makes more drivers in one test, e.g. new_browser("nojs", javascript=False)
    visit         visit("/path") or visit("/path", driver): load a page and wait until it is ready
    screenshot    screenshot("step"): save artifacts/<test>-step.png in the middle of a flow
    signed_in     signed_in("behandelaar@oefen.demo") or signed_in(email, driver): sign in a
                  demo user through the sign-in form; returns the driver, on the dashboard
    loket         loket("cbs", "control", …): run the CLI on the server's database; its stdout
    downloads     download_dir(driver) -> a folder where that browser's downloads land
"""

import json

import base64
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import ui

E2E_DIR = Path(__file__).resolve().parent
REPO_DIR = E2E_DIR.parent
ARTIFACTS = E2E_DIR / "artifacts"
LOKET_BIN = os.environ.get("LOKET_BIN", str(REPO_DIR / ".build" / "debug" / "loket"))
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
# The day the app counts as today (LOKET_TODAY), for the server and the CLI alike: the demo
# data, the LDO window and which CBS periods may be delivered do not move with the calendar.
TODAY = "2026-11-22"
STARTUP_TIMEOUT = 120  # seconds for the app to migrate, load demo data and answer /health
WAIT = ui.WAIT  # seconds for explicit waits in the browser


# A SIGTERM (CI cancelling the job) becomes a KeyboardInterrupt, so fixture teardown still
# stops the server and the browsers.
def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


signal.signal(signal.SIGTERM, _interrupt)


def pytest_sessionstart(session):
    # The artifacts folder shows the last run only.
    for old in ARTIFACTS.glob("*"):
        if old.suffix in (".png", ".html", ".log"):
            old.unlink()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url):
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            return r.status == 200 and b'"ok"' in r.read()
    except OSError:
        return False


def _stop(proc):
    """Stop the server and anything it started (it runs in its own process group)."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not os.access(LOKET_BIN, os.X_OK):
        pytest.exit(f"no loket binary at {LOKET_BIN}: build it first or set LOKET_BIN", returncode=2)
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    db = tmp_path_factory.mktemp("db") / "loket.sqlite"
    global SERVER_DB, PVM_ROOT
    SERVER_DB = db
    # The PVM folders a test makes are under pytest's temporary folder: that is the PVM root.
    PVM_ROOT = str(tmp_path_factory.getbasetemp())
    log_path = ARTIFACTS / "server.log"
    env = dict(os.environ, DATABASE_URL=f"sqlite://{db}", LOG_LEVEL="warning", LOKET_TODAY=TODAY, LOKET_PVM_ROOT=PVM_ROOT, LOKET_AUDIT_KEY=AUDIT_KEY)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [LOKET_BIN, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(url):
            if proc.poll() is not None:
                pytest.fail(f"loket exited with {proc.returncode}:\n{log_path.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"loket did not answer /health in {STARTUP_TIMEOUT} s:\n"
                            f"{log_path.read_text()[-2000:]}")
            time.sleep(0.25)
        yield url
    finally:
        _stop(proc)


SERVER_DB = None
PVM_ROOT = None
# The server and the CLI of the tests key the audit chain alike (no key file in the checkout).
AUDIT_KEY = "7c" * 32


@pytest.fixture
def loket(server):
    """loket(*args): the command line on the database the browser tests use, as an
    integrator runs it; returns stdout, fails the test on a non-zero exit."""

    def run(*args):
        env = dict(os.environ, DATABASE_URL=f"sqlite://{SERVER_DB}", LOG_LEVEL="error", LOKET_TODAY=TODAY, LOKET_PVM_ROOT=PVM_ROOT, LOKET_AUDIT_KEY=AUDIT_KEY)
        done = subprocess.run([LOKET_BIN, *args], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"loket {' '.join(args)}: {done.stderr}"
        return done.stdout

    return run


@pytest.fixture
def download_dir(tmp_path):
    """download_dir(driver): downloads of that browser land in the returned folder."""

    def allow(driver):
        folder = tmp_path / "downloads"
        folder.mkdir(exist_ok=True)
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
        return folder

    return allow


def make_driver(javascript=True, width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=nl-NL", f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    # Chromium on Linux takes its language (date fields shown as dd-mm-jjjj, Accept-Language)
    # from LANGUAGE, not from --lang; it needs the chromium-l10n package for Dutch.
    service = Service(CHROMEDRIVER, env=dict(os.environ, LANGUAGE="nl"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(width, height)
    driver.set_page_load_timeout(30)
    return driver


def save_screenshot(driver, name):
    """Save the whole page (not just the window) as artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", name) + ".png")
    try:
        size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        })
        path.write_bytes(base64.b64decode(shot["data"]))
    except Exception:  # a driver without the DevTools protocol: the visible window will do
        driver.save_screenshot(str(path))
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Remember each phase's outcome on the test, so teardown knows whether the test failed.
    report = (yield).get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture
def new_browser(request):
    """Factory for drivers; every driver is screenshotted and quit when the test ends."""
    drivers = []

    def new(label=None, **kwargs):
        driver = make_driver(**kwargs)
        drivers.append((label, driver))
        return driver

    yield new
    failed = getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed
    for label, driver in drivers:
        name = request.node.name + (f"-{label}" if label else "")
        try:
            save_screenshot(driver, name)
            if failed:
                (ARTIFACTS / f"{name}.html").write_text(driver.page_source)
        except Exception as e:
            print(f"could not save the page of {name}: {e}")
        finally:
            driver.quit()


@pytest.fixture
def screenshot(request):
    """screenshot("step", driver=browser): artifacts/<test>-step.png in the middle of a flow."""

    def take(label, driver=None):
        return save_screenshot(driver or request.getfixturevalue("browser"),
                               f"{request.node.name}-{label}")

    return take


@pytest.fixture
def browser(new_browser):
    return new_browser()


@pytest.fixture
def visit(server, request):
    """visit("/path"): load a page of the app (in `browser`, or the driver given) and wait for it."""

    def go(path, driver=None):
        driver = driver or request.getfixturevalue("browser")  # made only when needed
        driver.get(server + path)
        WebDriverWait(driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        return driver

    return go


@pytest.fixture
def signed_in(visit):
    """signed_in(email, driver=None, password=demo password): sign in through the form on
    /aanmelden, in `browser` or the driver given, and return the driver on the dashboard."""

    def sign_in(email, driver=None, password=ui.DEMO_PASSWORD):
        driver = visit("/aanmelden", driver)
        ui.submit_sign_in(driver, email, password)
        ui.wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "header .who .user").text,
                    f"{email} is not signed in: {driver.current_url}")
        return driver

    return sign_in
