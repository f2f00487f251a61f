"""Support for the real-browser end-to-end tests (Chromium through Selenium).

- `Server` starts a private copy of the smepilot binary on a free port with a fresh SQLite
  database and the demo programme, and stops it at the end.
- `make_driver` starts headless Chromium through the system chromedriver (never Selenium
  Manager: it would try to download a browser).
- The helpers (`login`, `fill`, `submit`, `expect_*`, `shot`) are what the journey is written in.

Nothing here knows the journey; `test_lifecycle.py` does.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS") or REPO / ".artifacts" / "browser")
BINARY = Path(os.environ.get("SMEPILOT_BINARY") or REPO / ".build" / "debug" / "smepilot")
WORKFLOWS = REPO / "Workflows"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

DEMO_PASSWORD = "Demo@2024"
WAIT = 30  # seconds for a page to load or an element to appear


# ── Unified social credit codes (GB 32100-2015) ──────────────────────────────────────────────

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check_char(body: str) -> str:
    """The 18th character of a unified social credit code whose first 17 are `body`."""
    assert len(body) == 17, body
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc(body: str) -> str:
    return body + uscc_check_char(body)


# ── The server under test ────────────────────────────────────────────────────────────────────


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A private smepilot: copied binary, fresh database, demo data. Use as a context manager."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="smepilot-browser-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.binary = self.tmp / "smepilot"
        self.workflows = self.tmp / "Workflows"
        self.database_url = f"sqlite:{self.tmp / 'db.sqlite'}"
        self.log_path = self.tmp / "server.log"
        self.env = dict(
            os.environ, SMEPILOT_ATTACHMENTS=str(self.tmp / "att"), SMEPILOT_BCRYPT_COST="4"
        )
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 120) -> None:
        if not BINARY.exists():
            raise RuntimeError(f"no server binary at {BINARY}: build it first (swift build)")
        # Copies of the binary and the workflow definitions, so a rebuild or an edit in the working
        # tree during the run cannot change them under the server or the CLI.
        shutil.copy2(BINARY, self.binary)
        shutil.copytree(WORKFLOWS, self.workflows)
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--demo", "--port", str(self.port),
             "--database-url", self.database_url, "--workflows", str(self.workflows)],
            cwd=self.tmp, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_tail(self, lines: int = 20) -> str:
        """The end of the server log; for a crash, the lines before the backtrace (which say why)."""
        try:
            log = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        crash = next((i for i, line in enumerate(log) if line.startswith("*** ")), None)
        if crash is not None:
            return "\n".join(log[max(0, crash - lines):crash + 3] + ["(backtrace follows in server.log)"])
        return "\n".join(log[-lines:])

    def cli(self, *args: str, timeout: float = 120) -> str:
        """Runs `smepilot <args> --database-url … --workflows …` against this server's database
        (same binary and workflow copies). Returns the output; raises with it if the command fails."""
        command = [str(self.binary), *args, "--database-url", self.database_url, "--workflows", str(self.workflows)]
        result = subprocess.run(
            command, cwd=self.tmp, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise AssertionError(
                f"`{' '.join(command)}` exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout + result.stderr

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


# ── The browser ──────────────────────────────────────────────────────────────────────────────


def make_driver(base_url: str) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1366,900", "--lang=zh-CN"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    driver.base_url = base_url  # type: ignore[attr-defined]
    return driver


def url(driver: WebDriver, path: str) -> str:
    return driver.base_url + path  # type: ignore[attr-defined]


def go(driver: WebDriver, path: str) -> None:
    driver.get(url(driver, path))
    wait_ready(driver)


def wait_ready(driver: WebDriver) -> None:
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def path_of(driver: WebDriver) -> str:
    """The current URL without scheme and host."""
    current = driver.current_url
    base = driver.base_url  # type: ignore[attr-defined]
    return current[len(base):] if current.startswith(base) else current


def gone(element: WebElement):
    """A wait condition: the element has left the document (the browser moved to the next page).
    Chromium sometimes answers a query on a node of the old page with an inspector error instead
    of "stale element"; that means gone too."""
    def predicate(_driver: WebDriver) -> bool:
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return predicate


def login(driver: WebDriver, username: str, password: str = DEMO_PASSWORD) -> None:
    """Signs in through the login form (signing out whoever was signed in first)."""
    logout(driver)
    go(driver, "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/login']")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(gone(form))
    wait_ready(driver)
    if path_of(driver).startswith("/login"):
        raise AssertionError(f"sign-in as {username!r} failed: {page_snippet(driver)}")


def logout(driver: WebDriver) -> None:
    """Forgets the session (the header's logout form would do the same, server-side)."""
    if driver.current_url.startswith(driver.base_url):  # type: ignore[attr-defined]
        driver.delete_all_cookies()
    else:
        go(driver, "/healthz")
        driver.delete_all_cookies()


def shot(driver: WebDriver, name: str) -> Path:
    """Saves a full-page PNG screenshot as ARTIFACTS/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # Grow the window to the page so the whole page is in the picture, then restore it.
    try:
        height = driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(1366, min(max(int(height) + 120, 900), 8000))
        driver.save_screenshot(str(path))
    finally:
        driver.set_window_size(1366, 900)
    return path


def element_in(form: WebElement, key: str) -> WebElement:
    """The control `#key` inside `form`, else `#f-key` (the generic forms' naming), else
    `#f-{transition}-{key}` (a field name an earlier form on the page already uses)."""
    form_id = form.get_attribute("id") or ""
    transition = form_id[len("form-"):] if form_id.startswith("form-") else ""
    for candidate in (key, f"f-{key}", f"f-{transition}-{key}"):
        found = form.find_elements(By.CSS_SELECTOR, f'[id="{candidate}"]')
        if found:
            return found[0]
    raise NoSuchElementException(f"no #{key} or #f-{key} in form#{form.get_attribute('id')}")


def fill(driver: WebDriver, form_id: str, values: dict) -> WebElement:
    """Types `values` into the form's controls by element id (`level` finds `#f-level`).
    Text: cleared and typed; select: by option value; checkbox: bool; date: 'YYYY-MM-DD' set
    through the DOM (typing dates depends on the locale); file: absolute path."""
    form = WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.ID, form_id)))
    for key, value in values.items():
        element = element_in(form, key)
        tag = element.tag_name.lower()
        kind = (element.get_attribute("type") or "").lower()
        if tag == "select":
            Select(element).select_by_value(str(value))
        elif kind == "checkbox":
            if element.is_selected() != bool(value):
                driver.execute_script("arguments[0].scrollIntoView({block:'center'})", element)
                element.click()
        elif kind == "date":
            driver.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                element, str(value))
            if element.get_attribute("value") != str(value):
                raise AssertionError(f"date field #{key} did not take {value!r}")
        elif kind == "file":
            element.send_keys(str(value))
        else:
            element.clear()
            element.send_keys(str(value))
    return form


def submit(driver: WebDriver, form_id: str) -> None:
    """Clicks the form's submit button and waits for the next page."""
    form = driver.find_element(By.ID, form_id)
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    driver.execute_script("arguments[0].scrollIntoView({block:'center'})", button)
    button.click()
    try:
        WebDriverWait(driver, WAIT).until(gone(form))
    except TimeoutException:
        # Still on the page: most likely the browser's own validation stopped the submit.
        invalid = driver.execute_script(
            "return Array.from(arguments[0].elements).filter(e => e.willValidate && !e.checkValidity())"
            ".map(e => e.id + ': ' + e.validationMessage)", form)
        raise AssertionError(f"form#{form_id} did not submit; invalid fields: {invalid}")
    wait_ready(driver)


# ── What the user sees ───────────────────────────────────────────────────────────────────────


def text_of(driver: WebDriver, css: str) -> str | None:
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text.strip() if found else None


def page_text(driver: WebDriver) -> str:
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except Exception:  # noqa: BLE001 - diagnostics only
        return driver.page_source


def page_snippet(driver: WebDriver, length: int = 1200) -> str:
    return f"{driver.current_url}\n{page_text(driver)[:length]}"


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def expect_badge(driver: WebDriver, label: str) -> None:
    """The project page's state badge reads exactly `label`."""
    badge = text_of(driver, "#state-badge")
    expect(badge == label, f"state badge should read {label!r}, reads {badge!r}")


def expect_flash_ok(driver: WebDriver, contains: str = "") -> str:
    error = text_of(driver, ".flash.error")
    expect(error is None, f"expected success, the page says: {error!r}; field errors: {field_errors(driver)}")
    flash = text_of(driver, ".flash.ok")
    expect(flash is not None, "expected a success message (.flash.ok), there is none")
    expect(contains in flash, f"success message should mention {contains!r}: {flash!r}")
    return flash


def expect_flash_error(driver: WebDriver, contains: str = "") -> str:
    flash = text_of(driver, ".flash.error")
    expect(flash is not None, "expected an error message (.flash.error), there is none")
    expect(contains in flash, f"error message should mention {contains!r}: {flash!r}")
    return flash


def field_errors(driver: WebDriver) -> dict[str, str]:
    """{error element id: text} of every .field-error on the page."""
    return {e.get_attribute("id") or "?": e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, ".field-error")}


def done(driver: WebDriver, transition: str) -> None:
    """After a form post: redirected to the project page with ?done=<transition> and a success flash."""
    expect(f"done={transition}" in driver.current_url,
           f"expected redirect with done={transition}, at {driver.current_url}; "
           f"error: {text_of(driver, '.flash.error')!r}; field errors: {field_errors(driver)}")
    expect_flash_ok(driver)


def fail_report(driver: WebDriver | None, error: BaseException) -> None:
    """Prints what the user saw when a step failed and saves FAILED.png."""
    message = error.msg if isinstance(error, WebDriverException) else str(error)
    print(f"\nFAILED: {type(error).__name__}: {message}" if not isinstance(error, AssertionError)
          else f"\nFAILED: {message}", file=sys.stderr)
    if driver is None:
        return
    try:
        print(f"  page: {driver.current_url}", file=sys.stderr)
        print("  page text:\n    " + page_text(driver)[:1500].replace("\n", "\n    "), file=sys.stderr)
        print(f"  screenshot: {shot(driver, 'FAILED')}", file=sys.stderr)
    except Exception as secondary:  # noqa: BLE001 - the browser itself may be gone
        print(f"  (could not inspect the browser: {secondary})", file=sys.stderr)


def run_journey(journey) -> int:
    """Runs `journey(driver, server)` in headless Chromium against a fresh demo server: old
    screenshots cleared first; whatever stops it reported (the page, FAILED.png, the server's last
    log lines); the browser and the server always stopped; PASSED/FAILED printed with the time.
    Returns the exit status (0 when it passed)."""
    started = time.monotonic()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    server = Server()
    driver = None
    ok = False
    try:
        server.start()
        driver = make_driver(server.base_url)
        journey(driver, server)
        ok = True
    except Exception as error:  # noqa: BLE001 - report whatever stopped the journey
        fail_report(driver, error)
        print(f"\nserver log (last lines):\n{server.log_tail(20)}", file=sys.stderr)
    finally:
        if driver is not None:
            driver.quit()
        server.stop()
        server.cleanup()
    print(f"\n{'PASSED' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s; screenshots in {ARTIFACTS}")
    return 0 if ok else 1
