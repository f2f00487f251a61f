#!/usr/bin/env python3
"""Admission to the provider pool in a real browser (policy 002 第六条, issue #13): a provider not in
the pool applies to this year's call (a malformed case line refused first), its district (the TEDA
bureau) recommends it and prints the summary sheet and the letter, the city bureau convenes two
experts who declare and score, the bureau proposes it and it appears on the public board; when the
publicity period ends (the timer, fired by the CLI as of a later date) it is in the pool and
publishes a product; then three verified complaints remove it and the public notice shows it.

Run: Scripts/browser-test or python3 Tests/Browser/test_admission.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-admission).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-admission"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from support import (  # noqa: E402
    done, expect, expect_badge, expect_flash_error, expect_flash_ok, fill, go, login, logout, page_text, run_journey,
    shot, submit, text_of,
)

APPLICANT = "天津新程数智科技有限公司"  # the demo's `applicant`, not in the pool
APPLICATION = {
    "legal_person": "韩雪", "office_address": "天津经济技术开发区第三大街 18 号", "staff_count": "36",
    "categories-0": True, "categories-5": True,  # 咨询, 解决方案
    "condition_legal": "独立法人，财务制度健全，近三年无违法违规记录。",
    "condition_local": "开发区内固定办公场所，本地团队 36 人。",
    "condition_capability": "工业数据采集与 MES 自主产品，软件著作权 12 项。",
    "condition_results": "服务本市制造业企业 30 余家。",
    "tianjin_cases": "天津海晟精密仪器有限公司 MES上线",  # no separators: refused
    "contact_phone": "022-66201234",
}


def open_application(driver, instance_id: str) -> None:
    go(driver, f"/instances/{instance_id}")


def act(driver, instance_id: str, transition: str, values: dict, badge: str | None = None) -> None:
    open_application(driver, instance_id)
    fill(driver, f"form-{transition}", values)
    submit(driver, f"form-{transition}")
    done(driver, transition)
    if badge:
        expect_badge(driver, badge)


def journey(driver, server) -> None:
    print("the applicant applies to this year's call, naming its district")
    login(driver, "applicant")
    go(driver, "/pool/calls")
    form = driver.find_element(By.CSS_SELECTOR, "form[id^=apply-]")
    form_id = form.get_attribute("id")
    Select(driver.find_element(By.ID, f"{form_id}-division")).select_by_value("120116400")
    shot(driver, "01-call")
    submit(driver, form_id)
    instance_id = driver.current_url.rstrip("/").split("/")[-1].split("?")[0]
    expect_badge(driver, "申报材料填报中")

    print("a case line without its parts is refused, naming the field; then it is submitted")
    fill(driver, "form-submit_application", APPLICATION)
    submit(driver, "form-submit_application")
    expect_flash_error(driver)
    expect("企业名称 | 建设内容" in page_text(driver), "the case-line format is explained")
    fill(driver, "form-submit_application", {
        **APPLICATION, "categories-0": True, "categories-5": True,
        "tianjin_cases": "天津海晟精密仪器有限公司 | MES上线 | 已完成",
    })
    submit(driver, "form-submit_application")
    done(driver, "submit_application")
    expect_badge(driver, "已报送（待区级初审）")
    licence = server.tmp / "licence.pdf"
    licence.write_bytes(b"%PDF-1.4\n% business licence\n%%EOF\n")
    fill(driver, "upload-form", {"purpose": "business_licence", "file": str(licence)})
    submit(driver, "upload-form")
    expect_flash_ok(driver)
    expect("营业执照" in page_text(driver), "the licence is listed with its type")
    shot(driver, "02-submitted")
    logout(driver)

    print("the TEDA bureau recommends it and prints its papers")
    login(driver, "district_teda")
    go(driver, "/pool/applications")
    expect(APPLICANT in (text_of(driver, "#applications") or ""), "the district lists its applicant")
    act(driver, instance_id, "recommend_application",
        {"recommendation_opinion": "材料真实完整，同意推荐。", "recommendation_letter_no": "津开经发推〔2026〕3号"},
        "区级已推荐（待市级评审）")
    go(driver, "/pool/summary")
    sheet = text_of(driver, "#summary-sheet") or ""
    expect(APPLICANT in sheet and "津开经发推〔2026〕3号" in sheet, "the summary sheet lists it with the letter")
    shot(driver, "03-summary-sheet")
    driver.find_element(By.CSS_SELECTOR, f'tr[data-instance="{instance_id}"] a').click()
    expect("推荐函" in (text_of(driver, "#letter") or ""), "the letter opens")
    shot(driver, "04-letter")
    logout(driver)

    print("the city bureau convenes two experts; each declares, then scores")
    login(driver, "district2")
    act(driver, instance_id, "assign_reviewers", {"reviewer_ids-0": True, "reviewer_ids-1": True}, "专家评审中")
    logout(driver)
    for expert in ("expert", "expert2"):
        login(driver, expert)
        act(driver, instance_id, "declare_interest", {"conflict": "none"})
        act(driver, instance_id, "submit_review", {
            "score_qualification": "18", "score_local_capacity": "22", "score_capability": "21", "score_cases": "26",
            "review_comment": "本地案例充分，建议入库。",
        })
        logout(driver)

    print("the combined opinion proposes it; the public board shows it")
    login(driver, "district2")
    open_application(driver, instance_id)
    expect_badge(driver, "评审完成（待综合评定）")
    act(driver, instance_id, "propose_admission", {"combined_opinion": "专家评审平均 87 分，拟纳入资源池。"}, "拟入库公示中")
    logout(driver)
    go(driver, "/pool/publicity")
    notice = text_of(driver, f"#notice-{instance_id}") or ""
    expect(APPLICANT in notice and "拟纳入资源池" in notice, "the board shows the applicant and the opinion")
    expect("022-66201234" not in notice, "no contact details on the public board")
    shot(driver, "05-public-board")

    print("the period ends (timers as of a later date): admitted, it publishes a product")
    output = server.cli("timers", "run", "--as-of", "2099-12-31")
    print("  timers run: " + " ".join(output.split())[:200])
    login(driver, "applicant")
    open_application(driver, instance_id)
    expect_badge(driver, "已纳入资源池")
    go(driver, "/providers")
    fill(driver, "add-product", {"f-product": "新程设备联网套件", "f-price": "48000", "f-sc-0": True,
                                 "f-description": "两周部署，含网关与看板"})
    submit(driver, "add-product")
    expect_flash_ok(driver)
    shot(driver, "06-admitted-product")
    logout(driver)

    print("three verified complaints remove it; the public notice shows it")
    login(driver, "district")
    go(driver, "/providers")
    for number in (1, 2, 3):
        Select(driver.find_element(By.ID, "c-provider")).select_by_visible_text(APPLICANT)
        fill(driver, "complaint-provider", {
            "c-summary": f"企业投诉{number}：交付延期", "c-finding": "verified",
            "c-evidence": f"区工信局核查记录〔2026〕第{number}号",
        })
        submit(driver, "complaint-provider")
        expect_flash_ok(driver, "已移出资源池并公示" if number == 3 else "已记录")
    logout(driver)
    go(driver, "/providers/removals")
    notice = text_of(driver, "#removals") or ""
    expect(APPLICANT in notice and "第八条第（4）项" in notice, "the removal is published with its item")
    shot(driver, "07-removal-notice")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
