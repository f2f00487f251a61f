#!/usr/bin/env python3
"""The case register in a real browser (issue #15): an enterprise proposes a benchmark case about
itself (a bad figure refused first), the district reviews it with its opinion, leadership selects
and publishes it, and a visitor who is not signed in reads it on the public page — without the
investment or the opinions.

Run: Scripts/browser-test (runs it with the others) or python3 Tests/Browser/test_cases.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-cases).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-cases"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402

from support import (  # noqa: E402
    expect, expect_flash_error, expect_flash_ok, fill, go, login, logout, page_text, path_of, run_journey, shot, submit,
    text_of, uscc,
)

TITLE = "浏览器测试：精密加工车间设备联网标杆"
ENT01 = uscc("91120116MA1000000")  # the demo's first enterprise (ent01)


def journey(driver, server) -> None:
    print("an enterprise proposes a benchmark case about itself; a figure that is no number is refused first")
    login(driver, "ent01")
    go(driver, "/cases/new")
    values = {
        "case-kind": "benchmark", "case-title": TITLE, "case-subject_uscc": ENT01,
        "case-problem": "设备状态靠人工巡检，停机原因难以追溯。", "case-solution": "关键设备联网，建设车间数据看板与预警。",
        "case-investment": "1200000", "case-result_indicator_1": "设备综合效率", "case-result_unit_1": "%",
        "case-result_before_1": "很高", "case-result_after_1": "76",
    }
    fill(driver, "case-form", values)
    shot(driver, "01-proposal")
    submit(driver, "case-form")
    expect_flash_error(driver, "成效指标")
    shot(driver, "02-refused")
    fill(driver, "case-form", {**values, "case-result_before_1": "58"})
    submit(driver, "case-form")
    expect_flash_ok(driver, "案例已申报")
    case_path = path_of(driver)
    expect(case_path.startswith("/cases/cas"), f"on the case page ({case_path})")
    expect((text_of(driver, "#case-status") or "") == "已申报", "the case is proposed")
    shot(driver, "03-proposed")
    logout(driver)

    print("the district reviews it with its opinion")
    login(driver, "district")
    go(driver, case_path)
    fill(driver, "case-review", {"review-note": "经现场核实，设备联网率与 OEE 数据属实，同意推荐。"})
    submit(driver, "case-review")
    expect_flash_ok(driver, "已保存")
    expect("待遴选" in (text_of(driver, "#case-status") or ""), "under review, waiting for the selection")
    shot(driver, "04-reviewed")
    logout(driver)

    print("leadership selects it and publishes it")
    login(driver, "leader")
    go(driver, case_path)
    driver.find_element(By.ID, "decision-select").click()
    fill(driver, "case-decision", {"decision-note": "做法可复制，成效可量化，同意入选标杆企业。"})
    submit(driver, "case-decision")
    expect((text_of(driver, "#case-status") or "") == "已入选", "selected")
    fill(driver, "case-publication", {"publication-note": "在试点门户发布"})
    submit(driver, "case-publication")
    expect((text_of(driver, "#case-status") or "") == "已发布", "published")
    history = text_of(driver, "#case-history") or ""
    expect(all(step in history for step in ("申报", "区级审核", "入选", "发布")), "every step in the history")
    shot(driver, "05-published")
    logout(driver)

    print("a visitor reads it on the public page, without the investment or the opinions")
    go(driver, "/cases/public")
    listing = text_of(driver, "#public-cases") or ""
    expect(TITLE in listing, "the published case is listed")
    driver.find_element(By.LINK_TEXT, TITLE).click()
    text = page_text(driver)
    expect("设备综合效率" in text and "76" in text, "its measured results are shown")
    expect("1,200,000" not in text and "同意推荐" not in text, "no investment, no opinions")
    shot(driver, "06-public")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
