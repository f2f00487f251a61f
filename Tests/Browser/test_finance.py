#!/usr/bin/env python3
"""The finance workspace in a real browser: one finance officer prepares a release of due
tranches, a second approves it after reading its matching impact, the 1:1 matching panel shows
the new totals, and the tranche export downloads and opens as a valid XLSX (openpyxl).

Run: Scripts/browser-test (runs this after the lifecycle test) or python3 Tests/Browser/test_finance.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-finance).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-finance"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import openpyxl  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from support import (  # noqa: E402
    ARTIFACTS, expect, expect_flash_error, expect_flash_ok, go, gone, login, run_journey, shot, text_of,
)


def yuan(text: str) -> float:
    """'1,234.56 （0.123456 万元）' → 1234.56 (for comparing totals on the page only)."""
    return float(text.split()[0].replace(",", ""))


def journey(driver, server) -> None:
    downloads = Path(tempfile.mkdtemp(prefix="smepilot-downloads-"))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    print("finance prepares a release of two due tranches")
    login(driver, "finance")
    go(driver, "/finance")
    central_before = yuan(text_of(driver, "#central-paid") or "0")
    local_before = yuan(text_of(driver, "#local-paid") or "0")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#due-tranches input[type=checkbox]")
    expect(len(boxes) >= 2, f"the demo should leave due tranches in the queue, found {len(boxes)}")
    for box in boxes[:2]:
        box.click()
    shot(driver, "01-due-selected")
    button = driver.find_element(By.ID, "prepare-release")
    button.click()
    WebDriverWait(driver, 30).until(gone(button))
    expect_flash_ok(driver, "另一名财务人员复核")
    releases = driver.find_elements(By.CSS_SELECTOR, "#open-releases article.release")
    newest = releases[-1]
    number = newest.get_attribute("id").split("-")[-1]
    expect("您是经办人" in newest.text, "the preparer is told a second officer must approve")
    expect(not newest.find_elements(By.ID, f"approve-{number}"), "the preparer has no approve button")
    shot(driver, "02-prepared")

    print("finance2 reads the matching impact and approves")
    login(driver, "finance2")
    go(driver, "/finance")
    card = driver.find_element(By.ID, f"release-{number}")
    impact = card.find_element(By.CSS_SELECTOR, "table.matching-impact").text
    expect("→" in impact, f"the impact table shows before → after: {impact!r}")
    shot(driver, "03-impact-before-approval")
    button = driver.find_element(By.ID, f"approve-{number}")
    button.click()
    WebDriverWait(driver, 30).until(gone(button))
    expect_flash_ok(driver, "已拨付并记账")
    central_after = yuan(text_of(driver, "#central-paid") or "0")
    local_after = yuan(text_of(driver, "#local-paid") or "0")
    expect(central_after > central_before and local_after > local_before,
           f"the matching panel must show the new totals: central {central_before}→{central_after}, local {local_before}→{local_after}")
    expect(local_after >= central_after, "local payments must cover central ones")
    expect("符合要求" in (text_of(driver, "#matching-status") or ""), "the matching status stays green")
    expect(not driver.find_elements(By.ID, f"release-{number}"), "the approved release leaves the queue")
    shot(driver, "04-approved-panel-updated")

    print("a bad receipt amount is refused with the reason; nothing is received")
    form = driver.find_element(By.ID, "receipt-form")
    driver.find_element(By.ID, "f-amount").send_keys("12.345")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 30).until(gone(form))  # the refusal page, not the old page's message
    expect_flash_error(driver, "两位小数")
    shot(driver, "05-bad-amount")

    print("the tranche export downloads and opens in openpyxl")
    go(driver, "/finance")
    driver.find_element(By.ID, "export-tranches-xlsx").click()
    target = downloads / "tranches.xlsx"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    expect(target.exists(), f"the download should arrive in {downloads}: {list(downloads.iterdir())}")
    time.sleep(0.5)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    expect("金额（元）" in header, f"the export has its header: {header}")
    amounts = [row[header.index("金额（元）")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    expect(len(amounts) > 10 and all(isinstance(a, (int, float)) for a in amounts),
           f"amounts are numbers in yuan: {amounts[:5]}")
    statuses = [row[header.index("状态")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    expect(any(f"拨付单 {number}" in str(s) for s in statuses), f"the new release appears in the export: {set(statuses)}")
    (ARTIFACTS / "tranches.xlsx").write_bytes(target.read_bytes())

    print("leadership reads the dashboard (1366×768 screenshot, and as printed)")
    login(driver, "leader")
    driver.set_window_size(1366, 768)
    go(driver, "/dashboard")
    text = driver.find_element(By.TAG_NAME, "main").text
    expect("上云" in text and "中央" in text, "the dashboard shows the targets and the funds")
    for section in ["targets", "funnel", "by-sub-industry", "by-zone", "by-contractor", "levels", "funds", "risks"]:
        expect(driver.find_elements(By.ID, section), f"the dashboard has its {section} section")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    expect(overflow <= 0, f"the dashboard fits 1366 px without scrolling sideways (overflow {overflow} px)")
    shot(driver, "06-dashboard-1366x768")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shot(driver, "07-dashboard-print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


if __name__ == "__main__":
    sys.exit(run_journey(journey))
