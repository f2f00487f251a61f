#!/usr/bin/env python3
"""Policies and the supply–demand hall in a real browser (issue #15; policy 004 §四(三), §四(八)):
the district publishes a policy for enterprises in TEDA; ent01 (TEDA, its plan returned for
revision) finds it on its tasks and first on /policies with the reason; it posts a need started
from its diagnosis and sees the matching products; the demo provider answers; ent01 accepts the
answer and its main contractor finds the line in the plan draft on the project page.

Run: Scripts/browser-test (runs this last) or python3 Tests/Browser/test_supply_demand.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-supply-demand).
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-supply-demand"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402

from support import (  # noqa: E402
    expect, expect_flash_ok, fill, go, login, logout, run_journey, shot, submit, text_of,
)

POLICY = "泰达开发区中小企业数字化转型浏览器测试政策"
NEED = "浏览器测试：设备联网改造"


def journey(driver, server) -> None:
    today = datetime.date.today()
    print("the district publishes a policy for enterprises in TEDA")
    login(driver, "district")
    go(driver, "/policies/new")
    fill(driver, "policy-form", {
        "title": POLICY, "issuer": "天津经济技术开发区管理委员会", "document_number": "津开发〔2026〕1号",
        "issued_on": today.isoformat(), "valid_from": today.isoformat(),
        "body": "对开发区内试点企业实施数字化改造的，给予专项支持。", "f-divisions-120116400": True,
    })
    submit(driver, "policy-form")
    expect_flash_ok(driver, "已发布")
    expect(POLICY in (text_of(driver, "h1") or ""), "the policy's page")
    shot(driver, "01-policy-published")
    logout(driver)

    print("ent01 (TEDA) sees it on its tasks and first on /policies, with the reason")
    login(driver, "ent01")
    go(driver, "/tasks")
    expect(POLICY in (text_of(driver, "#new-policies") or ""), "new policies for you on /tasks")
    go(driver, "/policies")
    relevant = text_of(driver, "#relevant") or ""
    expect(POLICY in relevant and "位于" in relevant, "relevant, with why (its area)")
    shot(driver, "02-relevant")

    print("ent01 posts a need started from its diagnosis and sees the matching products")
    go(driver, "/supply-demand/needs/new")
    deadline = (today + datetime.timedelta(days=30)).isoformat()
    fill(driver, "need-form", {
        "n-title": NEED, "n-description": "车间数控设备联网，统计停机原因。", "n-scenario-equipment_management": True,
        "n-budget_min": "50000", "n-budget_max": "500000", "n-deadline": deadline,
    })
    submit(driver, "need-form")
    expect_flash_ok(driver, "需求已发布")
    need_path = driver.current_url.split("?")[0]
    need_path = need_path[need_path.index("/supply-demand/"):]
    expect("瀚云设备管家" in (text_of(driver, "#matched-products") or ""), "a matching product of the pool")
    shot(driver, "03-need")
    logout(driver)

    print("the demo provider answers")
    login(driver, "provider")
    go(driver, need_path)
    fill(driver, "answer-form", {"a-proposal": "网关 + SaaS 设备管家，含培训与一年运维。", "a-price": "120000",
                                 "a-timeline": "签约后 45 天"})
    submit(driver, "answer-form")
    expect_flash_ok(driver, "已提交响应")
    shot(driver, "04-answered")
    logout(driver)

    print("ent01 accepts the answer: it becomes a line of the plan draft")
    login(driver, "ent01")
    go(driver, need_path)
    forms = driver.find_elements(By.CSS_SELECTOR, "#answers form[id^=accept-]")
    expect(len(forms) == 1, "one answer to accept")
    submit(driver, forms[0].get_attribute("id"))
    expect_flash_ok(driver, "已选定响应")
    link = driver.find_element(By.CSS_SELECTOR, "#in-plan a")
    project = link.get_attribute("href").split("/instances/")[1]
    shot(driver, "05-accepted")
    logout(driver)

    print("the main contractor finds the line in the plan draft")
    login(driver, "contractor")
    go(driver, f"/instances/{project}")
    expect("供需对接：" + NEED in driver.page_source, "the budget line is in the plan draft (the file_plan form)")
    shot(driver, "06-plan-draft")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
