#!/usr/bin/env python3
"""The provider pool's supervision in a real browser (policy 002, issue #13): the district records
a 2026 grade of 69.99 for a member (a score with three decimals refused first), which removes it;
then three verified complaints against another member, the third of which removes it; a visitor
who is not signed in reads both removals on the public notice with their items of article 8, and
the product catalogue.

Run: Scripts/browser-test (runs this last) or python3 Tests/Browser/test_pool.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-pool).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-pool"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from support import (  # noqa: E402
    expect, expect_flash_error, expect_flash_ok, fill, go, login, logout, page_text, run_journey, shot, submit,
    text_of,
)

GRADED = "天津数联工业软件有限公司"  # graded 良好 for 2025 in the demo
COMPLAINED = "天津智云咨询服务有限公司"  # graded 优秀 for 2025 in the demo


def choose(driver, select_id: str, label: str) -> None:
    Select(driver.find_element(By.ID, select_id)).select_by_visible_text(label)


def journey(driver, server) -> None:
    print("the district opens the pool: every standing, and the supervision forms")
    login(driver, "district")
    go(driver, "/providers")
    table = text_of(driver, "#providers") or ""
    expect("在库" in table and "已移出" in table, "standings shown: in the pool and removed")
    expect(driver.find_elements(By.ID, "pool-governance"), "the supervision forms are there")
    shot(driver, "01-pool")

    print("a 2026 criterion scored 69.999 is refused; every criterion at 69.99 (a total of 69.99) removes the member")
    choose(driver, "g-provider", GRADED)
    items = {f"g-item_{key}": "69.99" for key in ("capability", "results", "feedback", "compliance", "local_service")}
    fill(driver, "grade-provider", {"g-year": "2026", **items, "g-item_capability": "69.999",
                                    "g-evidence": "津工信〔2026〕8号评价结果"})
    submit(driver, "grade-provider")
    expect_flash_error(driver, "最多保留两位小数")
    shot(driver, "02-score-refused")
    choose(driver, "g-provider", GRADED)
    fill(driver, "grade-provider", {"g-year": "2026", **items, "g-evidence": "津工信〔2026〕8号评价结果"})
    submit(driver, "grade-provider")
    expect_flash_ok(driver, "已移出资源池并公示")
    shot(driver, "03-removed-by-grade")

    print("three verified complaints: the third removes the member")
    for number in (1, 2, 3):
        choose(driver, "c-provider", COMPLAINED)
        fill(driver, "complaint-provider", {
            "c-summary": f"企业投诉{number}：诊断报告与现场不符", "c-finding": "verified",
            "c-evidence": f"区工信局核查记录〔2026〕第{number}号",
        })
        submit(driver, "complaint-provider")
        expect_flash_ok(driver, "已移出资源池并公示" if number == 3 else "已记录")
    shot(driver, "04-removed-by-complaints")
    logout(driver)

    print("a visitor reads the public notice and the catalogue without signing in")
    go(driver, "/providers/removals")
    notice = text_of(driver, "#removals") or ""
    expect(GRADED in notice and "第八条第（2）项" in notice, "the grade removal is published with its item")
    expect(COMPLAINED in notice and "第八条第（4）项" in notice, "the complaints removal is published with its item")
    expect("区工信局核查记录〔2026〕第3号" in notice, "with the evidence recorded")
    shot(driver, "05-public-notice")
    go(driver, "/catalogue?scenario=production_control")
    catalogue = page_text(driver)
    expect("瀚云轻量化MES" in catalogue, "the catalogue lists a member's product by scenario")
    shot(driver, "06-catalogue")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
