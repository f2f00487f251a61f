#!/usr/bin/env python3
"""A Tianjin diagnosis in a real browser (issue #14): a firm of the roster fills its questionnaire,
saves half, signs out, signs in again and resumes with its answers kept, submits and reads its report
(grade, radar chart, benchmarking); its street's official sees it in the coverage; the district
official reminds the lagging street, and the street's official reads the reminder.

Run: Scripts/browser-test or python3 Tests/Browser/test_diagnosis.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-diagnosis).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-diagnosis"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from support import (  # noqa: E402
    WAIT, expect, expect_flash_ok, gone, go, login, logout, page_text, run_journey, shot, text_of, wait_ready,
)

FIRM = "tj-firm02"  # registered, not started; on the roster of 新港街道 (120116001)
STREET = "120116001"
REMINDER = "新港街道请于本周内督促未启动企业完成线上诊断"


def click(driver, css: str) -> None:
    """Clicks a button and waits for the page it leads to: until the button has left the document
    (the old page's readyState is already "complete", so waiting for it alone raced the navigation
    and read the old page on a loaded machine), then until the new one is ready."""
    button = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(driver, WAIT).until(gone(button))
    wait_ready(driver)


def answer(driver, fieldsets, pick: int) -> None:
    """In each fieldset, the option `pick` from the end of its options (or the last there is)."""
    for fieldset in fieldsets:
        radios = [r for r in fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]") if not r.get_attribute("value") == "na"]
        radio = radios[max(0, len(radios) - 1 - pick)]
        driver.execute_script("arguments[0].click()", radio)


def diagnosed(driver) -> int:
    return int((text_of(driver, "#total-diagnosed") or "0").strip())


def journey(driver, server) -> None:
    print("the street's official notes its coverage before")
    login(driver, "tj-street")
    go(driver, "/diagnosis/coverage")
    before = diagnosed(driver)
    shot(driver, "01-street-coverage-before")

    print("the firm starts its diagnosis and saves half of the answers")
    login(driver, FIRM)
    go(driver, "/diagnosis")
    expect(driver.find_elements(By.CSS_SELECTOR, "#start form"), "a firm not started is offered the start")
    click(driver, "#start button[type=submit]")
    fieldsets = driver.find_elements(By.CSS_SELECTOR, "form#questionnaire fieldset[id^=item-]")
    expect(len(fieldsets) >= 10, f"the questionnaire shows its items ({len(fieldsets)})")
    half = fieldsets[: len(fieldsets) // 2]
    answer(driver, half, 1)
    saved = [f.get_attribute("id") for f in half]
    click(driver, "#save")
    expect_flash_ok(driver)
    shot(driver, "02-draft-saved")

    print("signed out and in again, the draft resumes with its answers")
    logout(driver)
    login(driver, FIRM)
    go(driver, "/diagnosis")
    click(driver, "#resume")
    for item in saved:
        checked = driver.find_elements(By.CSS_SELECTOR, f"fieldset#{item} input[type=radio]:checked")
        expect(len(checked) == 1, f"{item} kept its saved answer")
    fieldsets = driver.find_elements(By.CSS_SELECTOR, "form#questionnaire fieldset[id^=item-]")
    answer(driver, [f for f in fieldsets if f.get_attribute("id") not in saved], 0)
    click(driver, "#submit")
    shot(driver, "03-submitted")

    print("the report: grade, the radar chart, benchmarking in four peer sets")
    if not driver.find_elements(By.ID, "grade"):
        link = driver.find_elements(By.CSS_SELECTOR, "a[href$='/report']")
        expect(link, "the firm's page links its report")
        go(driver, link[0].get_attribute("href").replace(driver.base_url, ""))
    grade = int((text_of(driver, "#grade") or "0").strip())
    expect(1 <= grade <= 10, f"a grade 1–10 ({grade})")
    expect(driver.find_elements(By.CSS_SELECTOR, "svg polygon"), "the radar chart is drawn")
    for peer in ("region", "industry_group", "size_band", "deployment"):
        expect(driver.find_elements(By.ID, f"peer-{peer}"), f"benchmarking among {peer}")
    shot(driver, "04-report")

    print("the street's official sees the firm counted")
    login(driver, "tj-street")
    go(driver, "/diagnosis/coverage")
    expect(diagnosed(driver) == before + 1, "one more firm diagnosed in the street")

    print("the district official reminds the lagging street; the street reads it")
    login(driver, "tj-binhai")
    go(driver, "/diagnosis/coverage")
    expect(driver.find_elements(By.CSS_SELECTOR, "#sub-units table"), "the district sees its streets and zones")
    Select(driver.find_element(By.ID, "f-division")).select_by_value(STREET)
    driver.find_element(By.ID, "f-message").send_keys(REMINDER)
    click(driver, "#remind button[type=submit]")
    expect_flash_ok(driver)
    shot(driver, "05-reminded")
    login(driver, "tj-street")
    go(driver, "/diagnosis/coverage")
    expect(REMINDER in (text_of(driver, "#reminders") or ""), "the street's official reads the reminder")
    shot(driver, "06-street-reminded")
    expect(REMINDER not in page_text(driver).replace(text_of(driver, "#reminders") or "", ""), "shown once")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
