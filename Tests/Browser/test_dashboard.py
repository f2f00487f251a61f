#!/usr/bin/env python3
"""The leadership dashboard in a real browser: leadership reads the targets with their weekly
trend and projection at 1366×768 (no sideways scrolling) and as printed, changes a goal with a
reason on the targets page (a bad goal first: refused, nothing saved), sees the new goal on the
dashboard, a district official may read the targets but gets no form, and the monthly report prints
to an A4 PDF.

Run: Scripts/browser-test (after the other browser tests) or python3 Tests/Browser/test_dashboard.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-dashboard).
"""

from __future__ import annotations

import base64
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-dashboard"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402

from support import (  # noqa: E402
    ARTIFACTS, expect, expect_flash_ok, fill, go, login, run_journey, shot, submit, text_of,
)


def fits_width(driver) -> None:
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    expect(overflow <= 0, f"{driver.current_url} should fit 1366 px without scrolling sideways (overflow {overflow} px)")


def goal_cell(driver, key: str) -> str:
    cells = driver.find_elements(By.CSS_SELECTOR, f'#targets tr[data-target="{key}"] td')
    expect(len(cells) >= 3, f"the targets table has a row for {key}")
    return cells[2].text.strip()


def journey(driver, server) -> None:
    driver.set_window_size(1366, 768)

    print("leadership reads the dashboard: targets, trends, projections, every section")
    login(driver, "leader")
    go(driver, "/dashboard")
    expect(text_of(driver, "main h1") == "领导驾驶舱", "the dashboard is in Chinese")
    rows = driver.find_elements(By.CSS_SELECTOR, "#targets tr[data-target]")
    expect(len(rows) == 12, f"twelve targets, found {len(rows)}")
    sparks = driver.find_elements(By.CSS_SELECTOR, "#targets svg.spark")
    expect(len(sparks) >= 10, f"the demo's weekly snapshots draw trends, found {len(sparks)}")
    expect("可按期完成" in driver.page_source or "按当前进度难以完成" in driver.page_source,
           "targets carry a projection to the deadline")
    for section in ["funnel", "by-sub-industry", "by-zone", "by-contractor", "levels", "funds", "risks"]:
        expect(driver.find_elements(By.ID, section), f"the dashboard has its {section} section")
    fits_width(driver)
    shot(driver, "01-dashboard-1366x768")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shot(driver, "02-dashboard-print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    before = goal_cell(driver, "level3")
    expect(before == "50", f"the level-3 goal starts at the policy's 50, reads {before!r}")

    print("a bad goal is refused and nothing is saved; a good one with a reason is")
    go(driver, "/dashboard/targets")
    fits_width(driver)
    fill(driver, "targets-form", {"goal_level3": "五十五", "reason": "领导小组会议决定提高三级目标"})
    submit(driver, "targets-form")
    expect(driver.find_elements(By.CSS_SELECTOR, ".field-error"), "the bad goal is named")
    shot(driver, "03-targets-bad-goal")
    go(driver, "/dashboard")
    expect(goal_cell(driver, "level3") == "50", "a refused form changes nothing")
    go(driver, "/dashboard/targets")
    fill(driver, "targets-form", {"goal_level3": "55", "reason": "领导小组会议决定提高三级目标"})
    submit(driver, "targets-form")
    expect_flash_ok(driver)
    history = text_of(driver, "#target-versions") or ""
    expect("领导小组会议决定提高三级目标" in history and "55" in history, f"the history shows the reason and change: {history[:300]!r}")
    shot(driver, "04-targets-saved")
    go(driver, "/dashboard")
    expect(goal_cell(driver, "level3") == "55", f"the dashboard uses the new goal, reads {goal_cell(driver, 'level3')!r}")

    print("the monthly report prints on A4")
    go(driver, "/dashboard/report")
    expect(driver.find_elements(By.ID, "monthly-report"), "the report renders")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "#report-targets tr[data-target]")) == 12 or
           "达到三级的企业" in (text_of(driver, "#report-targets") or ""), "the report lists the targets")
    shot(driver, "05-report")
    pdf = base64.b64decode(driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    (ARTIFACTS / "monthly-report.pdf").write_bytes(pdf)
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    expect(sizes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in sizes),
           f"every page is A4 (595×842 pt): {sizes}")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print(f"  monthly-report.pdf: {pages} A4 pages, {len(pdf)} bytes")

    print("a district official reads the targets but may not change them")
    login(driver, "district")
    go(driver, "/dashboard/targets")
    expect(not driver.find_elements(By.ID, "targets-form"), "no form for the district")
    expect("55" in (text_of(driver, "main") or ""), "the district sees the goals in force")
    shot(driver, "06-targets-district-read-only")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
