#!/usr/bin/env python3
"""One pilot enterprise, from self-registration to acceptance, in a real browser.

Every step is done by the person who does it in the pilot (the public, the enterprise, the
district bureau, the main contractor, the experts, the digital provider, the comprehensive
management provider), through the pages they use, and checks what that person sees: the state
badge, the success or error message, the errors beside the fields. A screenshot per step goes
to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser).

Run: Scripts/browser-test   (or python3 Tests/Browser/test_lifecycle.py)
Exit 0 when the whole journey works; otherwise 1, with the page URL, a snippet of its text and
FAILED.png. Checks of behaviour that is wrong but does not block the journey are collected and
reported at the end (and also make the exit status 1).
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from support import (  # noqa: E402
    ARTIFACTS, USCC_ALPHABET, WAIT, Server, done, expect, expect_badge, expect_flash_error,
    expect_flash_ok, fail_report, field_errors, fill, go, gone, login, logout, make_driver, page_text,
    path_of, shot, submit, text_of, uscc,
)

PROVIDER_NAME = "天津瀚云数字科技有限公司"
PROVIDER_USCC = uscc("91120116MA05HY001")  # the demo's digital provider (DemoData.providerUSCC)


@dataclass
class Journey:
    driver: WebDriver
    server: Server
    suffix: str = field(default_factory=lambda: "".join(random.choice("0123456789") for _ in range(7)))
    instance_id: str = ""
    contract_url: str = ""  # the journey's service contract (issue #15), once registered
    findings: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    duplicate_ids: dict[str, str] = field(default_factory=dict)  # id → state where first seen

    # A fresh enterprise per run, so reruns (and a shared database) never collide.
    @property
    def name(self) -> str:
        return f"天津浏览器测试{self.suffix}测控技术有限公司"

    @property
    def uscc(self) -> str:
        return uscc("91120116MA" + self.suffix)

    @property
    def username(self) -> str:
        return f"e2e_{self.suffix}"

    @property
    def password(self) -> str:
        return f"Pilot{self.suffix}ok"

    @property
    def page(self) -> str:
        return f"/instances/{self.instance_id}"

    def open_project(self) -> None:
        go(self.driver, self.page)
        # Several action forms share field names (uphold/dismiss objection, accept/fail
        # acceptance): their ids must still be unique, or labels point into the wrong form.
        duplicates = self.driver.execute_script(
            "const n = {}; for (const e of document.querySelectorAll('[id]')) n[e.id] = (n[e.id] || 0) + 1;"
            "return Object.keys(n).filter(k => n[k] > 1).sort();")
        for duplicate in duplicates:
            if duplicate not in self.duplicate_ids:
                self.duplicate_ids[duplicate] = text_of(self.driver, "#state-badge") or "?"
                shot(self.driver, f"xx-duplicate-id-{duplicate}")

    def report_duplicate_ids(self) -> None:
        listed = ", ".join(f"#{key} ({state})" for key, state in self.duplicate_ids.items())
        self.check(not self.duplicate_ids, "element ids repeat on the project page, so a label points into "
                   f"another form: {listed} (see xx-duplicate-id-*.png)", None)

    def check(self, condition: bool, message: str, screenshot: str | None) -> None:
        """A check of behaviour that is wrong but does not stop the journey: recorded (once) with
        a screenshot, reported at the end, and the run exits 1."""
        if not condition and message not in self.seen:
            self.seen.add(message)
            if screenshot:
                shot(self.driver, screenshot)
                message = f"{message} (at {self.driver.current_url}; see {screenshot}.png)"
            self.findings.append(message)
            print(f"  ✗ {message}")


def act(j: Journey, transition: str, values: dict, expect_state: str | None = None) -> None:
    """On the project page: fills form#form-<transition>, submits it, and expects success
    (redirect with ?done=<transition>, .flash.ok) and, if given, the new state badge."""
    j.open_project()
    fill(j.driver, f"form-{transition}", values)
    submit(j.driver, f"form-{transition}")
    done(j.driver, transition)
    if expect_state:
        expect_badge(j.driver, expect_state)


def registration_values(j: Journey, credit_code: str) -> dict:
    return {
        "f-name": j.name, "f-uscc": credit_code, "f-sub_industry": "SMCE", "f-zone": "120116400",
        "f-street": "120116010", "f-above_scale": True, "f-specialised": True, "f-cloud": False,
        "f-contact_name": "王测试", "f-contact_phone": "022-6620" + j.suffix[:4],
        "f-username": j.username, "f-password": j.password,
    }


# ── 1. Registration ──────────────────────────────────────────────────────────────────────────


def step_01_register(j: Journey) -> None:
    """The public registers a new SMCE enterprise in TEDA; a mistyped credit code comes first."""
    d = j.driver
    logout(d)
    go(d, "/register")
    wrong = next(c for c in USCC_ALPHABET if c != j.uscc[-1])
    fill(d, "register-form", registration_values(j, j.uscc[:-1] + wrong))
    submit(d, "register-form")
    expect(path_of(d).startswith("/register"), f"a bad credit code must keep the user on /register, at {d.current_url}")
    errors = field_errors(d)
    expect("校验位" in errors.get("f-uscc-error", ""),
           f"expected an error under #f-uscc about the check character (校验位), got {errors}")
    expect_flash_error(d)
    expect(d.find_element(By.ID, "f-name").get_attribute("value") == j.name, "the typed name should be kept")
    shot(d, "01a-register-bad-uscc")

    # Corrected: the password is never sent back, so everything is typed again.
    fill(d, "register-form", registration_values(j, j.uscc))
    submit(d, "register-form")
    expect(path_of(d) == "/login?registered=1",
           f"registration should lead to /login?registered=1, at {d.current_url}; errors {field_errors(d)}; "
           f"flash {text_of(d, '.flash.error')!r}")
    shot(d, "01b-registered")

    # The new enterprise user signs in and finds its project.
    login(d, j.username, j.password)
    go(d, "/projects")
    links = d.find_elements(By.XPATH, f"//table[@id='projects']//a[normalize-space()='{j.name}']")
    expect(len(links) == 1, f"the enterprise should see its own project in /projects, found {len(links)}")
    row = links[0].find_element(By.XPATH, "./ancestor::tr")
    expect("已注册（待认证）" in row.text, f"new project should be 已注册（待认证）: {row.text!r}")
    j.instance_id = links[0].get_attribute("href").rsplit("/", 1)[-1]
    shot(d, "01c-enterprise-projects")
    print(f"  enterprise {j.name} ({j.uscc}), project {j.instance_id}")


# ── 2. Certification ─────────────────────────────────────────────────────────────────────────


def step_02_certify(j: Journey) -> None:
    """The district bureau finds the registration by name and certifies it (above-scale)."""
    d = j.driver
    login(d, "district")
    go(d, f"/projects?q={j.name}")
    links = d.find_elements(By.CSS_SELECTOR, "table#projects a[href^='/instances/']")
    expect([link.text for link in links] == [j.name],
           f"searching {j.name!r} should find exactly that project (the refused registration created nothing), "
           f"found {[link.text for link in links]}")
    links[0].click()
    WebDriverWait(d, WAIT).until(EC.url_contains(j.instance_id))
    expect_badge(d, "已注册（待认证）")
    act(j, "certify_registration", {"above_scale": True, "certification_note": "营业执照与信用代码核验无误。"},
        "咨询诊断中")
    shot(d, "02-certified")


# ── 3. Scope ─────────────────────────────────────────────────────────────────────────────────


def step_03_other_contractor_sees_nothing(j: Journey) -> None:
    """The main contractor of another sub-industry (MCES) must not see this SMCE project."""
    d = j.driver
    login(d, "contractor2")
    j.open_project()
    expect(text_of(d, "main h1") == "404", f"contractor2 should get a 404 page, h1 is {text_of(d, 'main h1')!r}")
    expect("该项目" in (text_of(d, "#error-message") or ""), f"404 message: {text_of(d, '#error-message')!r}")
    source = d.page_source
    for secret in (j.name, j.uscc, "state-badge"):
        expect(secret not in source, f"the 404 page must not show {secret!r}")
    shot(d, "03a-contractor2-404")
    go(d, f"/projects?q={j.uscc}")
    expect(j.name not in page_text(d), "contractor2's project list must not list the project")
    shot(d, "03b-contractor2-list")


# ── 4. Diagnosis ─────────────────────────────────────────────────────────────────────────────


def step_04_diagnosis(j: Journey) -> None:
    """The SMCE main contractor files the diagnosis report; the enterprise accepts it."""
    d = j.driver
    login(d, "contractor")
    act(j, "submit_diagnosis", {
        "level": 1, "baseline_index_points": 35,
        "diagnosis_common_scenarios": "设备联网与数据采集；生产计划排程；质量追溯",
        "diagnosis_specific_scenarios": "精密测控装备远程运维",
        "recommendations": "建设MES与设备物联平台，打通计划、生产、质量数据；目标达到三级。",
        "suggested_target_level": 3, "diagnosed_on": "2024-05-20",
    }, "诊断报告待企业确认")
    shot(d, "04a-diagnosis-submitted")

    login(d, j.username, j.password)
    act(j, "accept_diagnosis", {"enterprise_comment": "诊断结论符合企业实际，同意。"}, "诊断报告已确认（编制方案中）")
    shot(d, "04b-diagnosis-accepted")


# ── 5. Plan ──────────────────────────────────────────────────────────────────────────────────


PLAN = {
    "common_scenarios": "设备联网与数据采集；生产计划排程；质量追溯",
    "specific_scenarios": "精密测控装备远程运维",
    "deliverables": "部署MES系统与设备物联平台，接入关键设备40台，建成质量追溯看板。",
    "digital_provider_name": PROVIDER_NAME, "digital_provider_uscc": PROVIDER_USCC,
    "total_cost": "800000.00", "target_level": 3,
    "budget_lines": "MES系统及设备物联平台 | 500000\n实施与集成服务 | 300000.00",
    "milestones": "2024-10-31 | 系统上线\n2025-03-31 | 试运行完成",
    "start_date": "2024-07-01", "end_date": "2025-06-30", "cloud_adoption": True,
}


def step_05_file_plan(j: Journey) -> None:
    """The main contractor files the plan; asking more subsidy than the plan costs is refused."""
    d = j.driver
    login(d, "contractor")
    j.open_project()
    # A plan is written over days: save what is there as a draft, come back, it is still there.
    fill(d, "form-file_plan", {"deliverables": PLAN["deliverables"]})
    draft = d.find_element(By.CSS_SELECTOR, "#form-file_plan button.secondary")
    draft.click()
    WebDriverWait(d, WAIT).until(gone(draft))  # read the next page's message, not this one's
    expect_flash_ok(d, "草稿已保存")
    j.open_project()
    expect(d.find_element(By.CSS_SELECTOR, "#form-file_plan #f-deliverables").get_attribute("value") == PLAN["deliverables"],
           "the draft should be shown again in the form")
    expect_badge(d, "诊断报告已确认（编制方案中）")
    shot(d, "05-draft-saved")
    fill(d, "form-file_plan", {**PLAN, "requested_subsidy": "900000.00"})
    submit(d, "form-file_plan")
    expect("done=" not in d.current_url, f"an excessive subsidy must be refused, got {d.current_url}")
    message = expect_flash_error(d, "不能超过项目总投资")
    expect("900,000.00" in message and "800,000.00" in message, f"the message should quote both amounts: {message!r}")
    expect_badge(d, "诊断报告已确认（编制方案中）")
    expect(d.find_element(By.CSS_SELECTOR, "#form-file_plan #f-deliverables").get_attribute("value") == PLAN["deliverables"],
           "the refused form should keep what was typed")
    shot(d, "05a-plan-refused")

    # Corrected on the page that refused it, as a user would.
    fill(d, "form-file_plan", {**PLAN, "requested_subsidy": "240000.00"})
    submit(d, "form-file_plan")
    done(d, "file_plan")
    expect_badge(d, "方案已报送（待组织专家评审）")
    parties = text_of(d, "#parties") or ""
    expect(PROVIDER_NAME in parties, f"the provider should now be a party: {parties!r}")
    shot(d, "05b-plan-filed")
    # Money is kept in fen; the project-data card must show yuan, as the timeline does.
    info = d.find_element(By.XPATH, "//section[h2='项目信息']").text.split("\n")
    cost = " | ".join(" ".join(info[i:i + 2]) for i, line in enumerate(info) if line in ("total_cost", "项目总投资（元）"))
    j.check("800,000.00" in cost, f"the 项目信息 card should show the total cost as ¥800,000.00, shows {cost!r}",
            "05x-money-in-project-data")


# ── 6–7. Expert review ───────────────────────────────────────────────────────────────────────


def step_06_assign_reviewers(j: Journey) -> None:
    """The district bureau convenes the panel: both demo experts."""
    d = j.driver
    login(d, "district")
    j.open_project()
    boxes = d.find_elements(By.CSS_SELECTOR, "fieldset#f-reviewer_ids input[type=checkbox]")
    names = [d.find_element(By.CSS_SELECTOR, f"label[for='{b.get_attribute('id')}']").text for b in boxes]
    for wanted in ("高教授（评审专家）", "林工（评审专家）"):
        expect(wanted in names, f"the reviewer picker should offer {wanted}: {names}")
    for box in boxes:
        if not box.is_selected():
            box.click()
    fill(d, "form-assign_reviewers", {"review_deadline": "2024-06-30"})
    submit(d, "form-assign_reviewers")
    done(d, "assign_reviewers")
    expect_badge(d, "专家评审中")
    shot(d, "06-reviewers-assigned")


REVIEW = {"score_need_fit": 22, "score_feasibility": 21, "score_budget": 17, "score_benefit": 16,
          "score_delivery": 8, "recommendation": "approve"}


def review_as(j: Journey, expert: str, number: str, last: bool) -> None:
    """An expert sees only the declaration until declaring no conflict, then scores the plan."""
    d = j.driver
    login(d, expert)
    j.open_project()
    expect(bool(d.find_elements(By.ID, "declare-first")), f"{expert} should first see the #declare-first notice")
    source = d.page_source
    for hidden in (PLAN["deliverables"], "800,000.00", "240,000.00", "state-badge", "form-submit_review"):
        expect(hidden not in source, f"before declaring, {expert} must not see {hidden!r}")
    shot(d, f"07{number}1-{expert}-declaration-only")

    fill(d, "form-declare_interest", {"conflict": "none"})
    submit(d, "form-declare_interest")
    done(d, "declare_interest")
    expect_badge(d, "专家评审中")
    expect(PLAN["deliverables"] in page_text(d), f"after declaring, {expert} should see the plan")
    expect(bool(d.find_elements(By.ID, "form-submit_review")), f"{expert} should now have form#form-submit_review")
    shot(d, f"07{number}2-{expert}-declared")

    fill(d, "form-submit_review", {**REVIEW, "comment": f"{expert}：方案与诊断结论匹配，投资合理，同意立项。"})
    submit(d, "form-submit_review")
    done(d, "submit_review")
    expect_badge(d, "待审批" if last else "专家评审中")
    shot(d, f"07{number}3-{expert}-reviewed")


def step_07_reviews(j: Journey) -> None:
    """Both panel experts declare no conflict and score the plan; the last score moves it on."""
    review_as(j, "expert", "a", last=False)
    review_as(j, "expert2", "b", last=True)


# ── 8. Approval and publicity ────────────────────────────────────────────────────────────────


def step_08_approve_and_publish(j: Journey) -> None:
    """A district official approves the plan and publishes the publicity notice."""
    d = j.driver
    login(d, "district2")
    act(j, "approve_plan", {"approved_subsidy": "240000.00", "approval_opinion": "经专家评审，同意立项。"},
        "已批准（待公示）")
    shot(d, "08a-approved")
    act(j, "publish_publicity", {
        "notice_title": f"{j.name}数字化改造方案公示",
        "notice_text": "经专家评审和区工信局审批，现将该企业数字化改造方案予以公示。",
    }, "公示中")
    shot(d, "08b-publicity")


# ── 9–11. Objection and the end of publicity ─────────────────────────────────────────────────


OBJECTOR = {"objector_name": "张异议", "objector_contact": "13800000000"}


def step_09_objection(j: Journey) -> None:
    """A member of the public (no account) objects on the publicity page: publicity stops."""
    d = j.driver
    logout(d)
    go(d, "/publicity")
    notice = d.find_element(By.ID, f"notice-{j.instance_id}")
    expect(j.name in notice.text, f"the notice should name the enterprise: {notice.text!r}")
    expect("24.00 万元" in notice.text, f"the notice should show the approved subsidy: {notice.text!r}")
    shot(d, "09a-publicity-page")
    loaded = time.monotonic()
    notice.find_element(By.TAG_NAME, "summary").click()
    form_id = f"objection-{j.instance_id}"
    WebDriverWait(d, WAIT).until(EC.visibility_of_element_located((By.ID, f"{j.instance_id}-objection")))
    fill(d, form_id, {
        f"{j.instance_id}-objector_name": OBJECTOR["objector_name"],
        f"{j.instance_id}-objector_contact": OBJECTOR["objector_contact"],
        f"{j.instance_id}-objection": "该企业实际投资规模与公示不符，请核实。",
    })
    # The page refuses objections sent within a second of loading it (bots post at once).
    time.sleep(max(0.0, 1.5 - (time.monotonic() - loaded)))
    submit(d, form_id)
    expect_flash_ok(d, "异议已受理")
    notice = d.find_element(By.ID, f"notice-{j.instance_id}")
    expect("公示暂停" in notice.text, f"the notice should now say publicity is suspended: {notice.text!r}")
    expect(not notice.find_elements(By.TAG_NAME, "form"), "a suspended notice must not take objections")
    shot(d, "09b-objection-filed")

    login(d, "district")
    j.open_project()
    expect_badge(d, "公示暂停（异议处理中）")
    shot(d, "09c-suspended")


def step_10_dismiss_objection(j: Journey) -> None:
    """The district bureau looks into the objection, dismisses it: publicity resumes."""
    login(j.driver, "district")
    act(j, "dismiss_objection", {"objection_resolution": "经核实，投资规模与合同一致，异议不成立。"}, "公示中")
    shot(j.driver, "10-objection-dismissed")


def step_11_publicity_ends(j: Journey) -> None:
    """Time passes: the publicity timer fires (CLI against the live database) → task book signing."""
    output = j.server.cli("timers", "run", "--as-of", "2099-12-31")
    print("  timers run: " + " ".join(output.split())[:200])
    login(j.driver, "district")
    j.open_project()
    expect_badge(j.driver, "项目任务书签订中")
    timeline = text_of(j.driver, "ol.timeline") or ""
    expect("公示期满" in timeline, "the timeline should show 公示期满")
    shot(j.driver, "11-task-book-signing")


# ── 12. Task book ────────────────────────────────────────────────────────────────────────────


def step_12_task_book(j: Journey) -> None:
    """Authority, digital provider and enterprise sign in any order; the bureau files it."""
    d = j.driver
    # (account, password, the person who signs the paper, the date they sign it)
    signers = [("provider", "Demo@2024", "赵瀚云", "2024-07-02"), (j.username, j.password, "王企业", "2024-07-03"),
               ("district", "Demo@2024", "李静", "2024-07-04")]
    for index, (user, password, signatory, signed_on) in enumerate(signers):
        last = index == len(signers) - 1
        login(d, user, password)
        act(j, "sign_task_book", {"signatory": signatory, "signed_on": signed_on},
            "项目任务书已签订（待备案）" if last else "项目任务书签订中")
        shot(d, f"12{'abc'[index]}-signed-by-{'enterprise' if user == j.username else user}")

    # The printable task book, from the documents card.
    d.find_element(By.ID, "task-book-link").click()
    book = WebDriverWait(d, WAIT).until(EC.presence_of_element_located((By.ID, "task-book")))
    for wanted in (j.name, j.uscc, PROVIDER_NAME, PROVIDER_USCC, "800,000.00", "240,000.00", "2024-07-01 至 2025-06-30"):
        expect(wanted in book.text, f"the task book should show {wanted!r}")
    rows = book.find_elements(By.CSS_SELECTOR, "table.signatures tr")
    expect(len(rows) == 4 and all("已签署" in row.text for row in rows[1:]),
           f"the task book should show all three parties as signed: {[row.text for row in rows]}")
    shot(d, "12d-task-book-print-view")
    try:
        import base64
        (ARTIFACTS / "task-book.pdf").write_bytes(base64.b64decode(d.print_page()))
    except Exception as error:  # noqa: BLE001 - the PDF is a bonus, not a check
        print(f"  (task-book.pdf not saved: {error})")
    # Party A is the district bureau that approved the plan (district2, 区工信局).
    authority = book.find_element(By.XPATH, ".//th[starts-with(normalize-space(), '主管部门')]/following-sibling::td").text
    j.check("区工信局" in authority or "工业和信息化" in authority,
            f"task book party A (主管部门) should be the district bureau, reads {authority!r}", "12x-task-book-authority")
    # Each party's row should carry who signed the paper and on which date, as typed in the form.
    wrong = [f"{row.text!r} (typed {signatory}, {signed_on})"
             for (_, _, signatory, signed_on), row in zip(sorted(signers, key=party_order), rows[1:])
             if signatory not in row.text or signed_on not in row.text]
    j.check(not wrong, "the task book's signature rows should show the signatory and date typed in sign_task_book: "
            + "; ".join(wrong), "12y-task-book-signatures")

    filing_records(j)
    login(d, "district")
    act(j, "file_task_book", {"task_book_no": f"BH-RWS-2024-{j.suffix}", "effective_on": "2024-07-10"},
        "项目实施中")
    shot(d, "12e-task-book-filed")


def party_order(signer: tuple) -> int:
    """Task-book row order: authority, provider, enterprise."""
    return {"district": 0, "provider": 1}.get(signer[0], 2)


# ── 13. Implementation ───────────────────────────────────────────────────────────────────────


def upload(j: Journey, path: Path) -> None:
    j.open_project()
    fill(j.driver, "upload-form", {"purpose": "milestone", "file": str(path)})
    submit(j.driver, "upload-form")


def step_13_implementation(j: Journey) -> None:
    """The main contractor reports progress and uploads evidence (refused kinds first)."""
    d = j.driver
    login(d, "contractor")
    act(j, "report_milestone", {
        "milestone": "MES系统上线试运行", "progress_percent": 60, "reported_on": "2024-10-15",
        "progress_note": "MES已上线，完成30台设备接入。", "issues": "部分老旧设备需加装采集模块。",
    }, "项目实施中")
    shot(d, "13a-milestone")

    files = j.server.tmp / "uploads"
    files.mkdir(exist_ok=True)
    exe = files / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    fake = files / "进度说明.pdf"
    fake.write_text("这不是PDF文件，只是改了扩展名的文本。", encoding="utf-8")
    real = files / f"里程碑佐证-{j.suffix}.pdf"
    real.write_bytes(minimal_pdf())

    upload(j, exe)
    expect(text_of(d, "main h1") == "422", f"an .exe should be refused with 422, h1 is {text_of(d, 'main h1')!r}")
    expect("不支持的文件类型" in (text_of(d, "#error-message") or ""), f"message: {text_of(d, '#error-message')!r}")
    shot(d, "13b-upload-exe-refused")
    upload(j, fake)
    expect(text_of(d, "main h1") == "422", f"a text file named .pdf should be refused with 422, h1 is {text_of(d, 'main h1')!r}")
    expect("文件内容与扩展名" in (text_of(d, "#error-message") or ""), f"message: {text_of(d, '#error-message')!r}")
    shot(d, "13c-upload-fake-pdf-refused")

    upload(j, real)
    expect("uploaded=1" in d.current_url, f"a real PDF should be accepted, at {d.current_url}: {text_of(d, '#error-message')!r}")
    expect_flash_ok(d)
    documents = d.find_element(By.CSS_SELECTOR, "#documents ul.documents")
    expect(real.name in documents.text, f"#documents should list {real.name}: {documents.text!r}")
    for refused in (exe.name, fake.name):
        expect(refused not in documents.text, f"refused file {refused} must not be listed")
    shot(d, "13d-upload-accepted")


def minimal_pdf() -> bytes:
    """A small valid one-page PDF (with a correct xref table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 18 Tf 72 770 Td (Milestone evidence) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)



# ── Project records (issue #15): contract, invoices, vouchers, investment list, record slots ───


def records_scan(j: Journey) -> Path:
    files = j.server.tmp / "uploads"
    files.mkdir(exist_ok=True)
    path = files / f"签署扫描件-{j.suffix}.pdf"
    path.write_bytes(minimal_pdf())
    return path


def final_slots(j: Journey, slots: list[str]) -> None:
    """Uploads a scan into each record slot and marks it final (it is then sent to the national platform)."""
    d = j.driver
    scan = records_scan(j)
    for slot in slots:
        go(d, j.page + "/records")
        fill(d, f"slot-upload-{slot}", {f"s-file-{slot}": str(scan)})
        submit(d, f"slot-upload-{slot}")
        expect("done=uploaded" in d.current_url, f"slot {slot}: upload refused: {text_of(d, '#error-message')!r}")
        form = d.find_element(By.CSS_SELECTOR, f'form[id^="slot-final-{slot}-"]')
        submit(d, form.get_attribute("id"))
        expect("done=final" in d.current_url, f"slot {slot}: not marked final: {text_of(d, '#error-message')!r}")


def filing_records(j: Journey) -> None:
    """Before the task book is filed (Binhai's rules): the enterprise registers its service contract with
    the signed scan and files the 项目备案 slots final."""
    d = j.driver
    login(d, j.username, j.password)
    go(d, j.page + "/records")
    fill(d, "contract-form", {
        "c-contract_no": f"HY-2024-{j.suffix}", "c-amount": "800000.00", "c-signed_on": "2024-06-28",
        "c-starts_on": "2024-07-01", "c-ends_on": "2025-06-30", "c-scope": "MES与设备物联平台建设及实施服务",
        "c-scan": str(records_scan(j)),
    })
    submit(d, "contract-form")
    expect("/contracts/" in d.current_url, f"the contract should be registered: {text_of(d, '#error-message')!r}")
    expect("已生效" in (text_of(d, "#contract-status") or ""), "a contract with its signed scan is effective")
    j.contract_url = path_of(d).split("?")[0]
    shot(d, "12f-contract-registered")
    final_slots(j, ["filing_contract", "filing_authenticity"])


def acceptance_records(j: Journey) -> None:
    """Before acceptance: the invoice and the payment voucher of the whole amount, the investment list
    and the acceptance slots; the records page then shows the check passing."""
    d = j.driver
    go(d, j.page + "/records")
    expect(d.find_elements(By.ID, "check-problems"), "without invoices the check should list mismatches")
    for kind, number in (("invoice", f"1200{j.suffix}"), ("voucher", f"FK{j.suffix}")):
        go(d, j.contract_url)
        fill(d, "payment-form", {"p-kind": kind, "p-number": number, "p-date": "2025-06-10", "p-amount": "800000.00",
                                 "p-scan": str(records_scan(j))})
        submit(d, "payment-form")
        expect("done=payment" in d.current_url, f"{kind} refused: {text_of(d, '#error-message')!r}")
    go(d, j.page + "/records")
    fill(d, "investment-form", {"i-item": "MES软件及实施服务", "i-category": "software", "i-amount": "800000.00",
                                "i-contract": j.contract_url.rsplit("/", 1)[-1]})
    submit(d, "investment-form")
    final_slots(j, ["profile_basic", "profile_transformation", "profile_outcomes", "level_before", "level_after",
                    "acceptance_investment"])
    go(d, j.page + "/records")
    expect(d.find_elements(By.ID, "check-passes"), f"the check should pass: {text_of(d, '#check-problems')!r}")
    shot(d, "14a2-records-complete")


# ── 14. Mid-term evaluation and acceptance ───────────────────────────────────────────────────


def step_14_midterm_and_acceptance(j: Journey) -> None:
    """Mid-term evaluation, acceptance application, on-site assessment, acceptance.

    The management provider runs the mid-term evaluation; the enterprise applies for acceptance;
    the management provider records the on-site level; the district bureau accepts the project."""
    d = j.driver
    login(d, "manager")
    act(j, "start_midterm", {}, "中期绩效评价中")
    act(j, "pass_midterm", {"midterm_score": 86, "midterm_opinion": "进度符合任务书要求，评价合格。"}, "项目实施中")
    shot(d, "14a-midterm-passed")

    login(d, j.username, j.password)
    acceptance_records(j)
    act(j, "apply_acceptance", {
        "summary_report": "项目已按任务书完成建设，MES与设备物联平台稳定运行。",
        "results_evidence": "生产效率提升18%，产品不良率下降30%。",
        "contract_no": f"HY-2024-{j.suffix}", "invoiced_total": "800000.00", "paid_total": "800000.00",
        "completed_on": "2025-06-20", "self_assessed_level": 3, "self_assessment": "自评达到三级。",
    }, "验收评审中")
    shot(d, "14b-acceptance-applied")

    login(d, "manager")
    act(j, "record_onsite_assessment", {
        "assessed_level": 3, "index_points": 68, "scenarios_at_level": 9, "constrained_scenarios_at_level": 6,
        "index_edition": "2024", "assessed_on": "2025-06-25", "assessment_note": "现场评测达到三级。",
    }, "验收评审中")
    shot(d, "14c-onsite-assessed")

    login(d, "district")
    act(j, "accept_project", {
        "results_in_use_score": 88, "data_integration_score": 85, "roi_score": 82,
        "acceptance_opinion": "项目成效明显，数据贯通良好，同意通过验收。", "benchmark_candidate": True,
    }, "验收通过（待资金清算）")
    shot(d, "14d-accepted")


# ── 15. The enterprise's view of the whole story ─────────────────────────────────────────────


def step_15_timeline(j: Journey) -> None:
    """The enterprise reads the project's history: every step, by name."""
    d = j.driver
    login(d, j.username, j.password)
    j.open_project()
    expect_badge(d, "验收通过（待资金清算）")
    entries = d.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
    expect(len(entries) >= 15, f"the timeline should list at least 15 steps, lists {len(entries)}")
    steps = [entry.find_element(By.TAG_NAME, "strong").text for entry in entries]
    for wanted in ("注册认证", "提交诊断报告", "报送数字化改造方案", "提交专家评审意见", "审批通过", "发布公示",
                   "提出异议", "异议不成立（恢复公示）", "公示期满", "签署项目任务书", "项目任务书备案",
                   "报送实施进度", "中期评价合格", "申请验收", "录入现场评测结果", "验收通过"):
        expect(wanted in steps, f"the timeline should include {wanted!r}: {steps}")
    shot(d, "15-enterprise-timeline")
    # The workflow keeps the objector's identity out of the project data on purpose (it is shown
    # to every party); the enterprise objected against must not read it in the history either.
    timeline = text_of(d, "ol.timeline") or ""
    seen = [detail for detail in OBJECTOR.values() if detail in timeline]
    j.check(not seen, f"the enterprise can read the objector's name and contact {seen} in its project timeline",
            "15x-objector-visible-to-enterprise")
    print(f"  timeline: {len(entries)} entries")


STEPS = [
    step_01_register, step_02_certify, step_03_other_contractor_sees_nothing, step_04_diagnosis,
    step_05_file_plan, step_06_assign_reviewers, step_07_reviews, step_08_approve_and_publish,
    step_09_objection, step_10_dismiss_objection, step_11_publicity_ends, step_12_task_book,
    step_13_implementation, step_14_midterm_and_acceptance, step_15_timeline,
]


def main() -> int:
    started = time.monotonic()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in list(ARTIFACTS.glob("*.png")) + list(ARTIFACTS.glob("*.pdf")):
        old.unlink()
    driver = None
    journey = None
    server = Server()
    ok = False
    try:
        server.start()
        print(f"server: {server.base_url} (database {server.database_url})")
        driver = make_driver(server.base_url)
        journey = Journey(driver, server)
        for step in STEPS:
            print(f"{step.__name__}: {(step.__doc__ or '').strip().partition(chr(10))[0]}")
            step(journey)
        journey.report_duplicate_ids()
        if journey.findings:
            print(f"\nFAILED: the journey completed, but {len(journey.findings)} check(s) failed:", file=sys.stderr)
        ok = not journey.findings
    except Exception as error:  # noqa: BLE001 - report whatever stopped the journey
        if not isinstance(error, AssertionError):
            import traceback
            print("".join(traceback.format_tb(error.__traceback__)), file=sys.stderr)
        fail_report(driver, error)
        print(f"\nserver log (last lines):\n{server.log_tail(20)}", file=sys.stderr)
        if journey and journey.findings:
            print("\nchecks that had failed before:", file=sys.stderr)
    finally:
        for finding in journey.findings if journey else []:
            print(f"  - {finding}", file=sys.stderr)
        if driver is not None:
            driver.quit()
        server.stop()
        (ARTIFACTS / "server.log").write_bytes(server.log_path.read_bytes() if server.log_path.exists() else b"")
        server.cleanup()
    print(f"\n{'PASSED' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s; screenshots in {ARTIFACTS}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
