#!/usr/bin/env python3
"""Accounts in a real browser: the administrator makes an account for a new colleague of a
main contractor (a refused form first), hands over the one-time password shown once; the
colleague signs in, is held on the password page until choosing their own (a mismatch refused
first), then works in the contractor's sub-industry; the administrator switches the account off
(sign-in refused) and on again.

Run: Scripts/browser-test (runs this after the dashboard test) or python3 Tests/Browser/test_accounts.py.
Screenshots go to $BROWSER_ARTIFACTS (default <repo>/.artifacts/browser-accounts).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("BROWSER_ARTIFACTS", str(Path(__file__).resolve().parents[2] / ".artifacts" / "browser-accounts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from support import (  # noqa: E402
    WAIT, expect, expect_flash_error, expect_flash_ok, field_errors, fill, go, gone, login, logout, page_text,
    path_of, run_journey, shot, submit, text_of, wait_ready,
)

CONTRACTOR = "天津智测数字科技有限公司"  # the demo's main contractor of 智能测控装备
NEW_PASSWORD = "Zhice2025ok"


def click_and_wait(driver, css: str) -> None:
    """Clicks a form's button and waits until the next page has replaced this one."""
    button = driver.find_element(By.CSS_SELECTOR, css)
    button.click()
    WebDriverWait(driver, WAIT).until(gone(button))
    wait_ready(driver)


def journey(driver, server) -> None:
    print("the administrator opens the accounts page and makes an account, forgetting the organisation first")
    login(driver, "admin")
    go(driver, "/admin/users")
    expect("ent01" in (text_of(driver, "#accounts") or ""), "the demo's accounts are listed")
    fill(driver, "create-account", {"username": "zhice.wang", "display_name": "王工（智测）", "role": "main_contractor"})
    submit(driver, "create-account")
    expect_flash_error(driver, "请选择一家主承包服务商")
    expect(any("主承包服务商" in text for text in field_errors(driver).values()), "the organisation field is named")
    shot(driver, "01-refused-without-organisation")
    expect(driver.find_element(By.ID, "f-username").get_attribute("value") == "zhice.wang", "typed values are kept")
    Select(driver.find_element(By.ID, "f-organisation")).select_by_visible_text(f"{CONTRACTOR}（主承包服务商）")
    submit(driver, "create-account")
    password = text_of(driver, "#issued-password") or ""
    expect(len(password) == 14, f"a one-time password is shown once: {password!r}")
    row = text_of(driver, "tr[data-username='zhice.wang']") or ""
    expect("智能测控" in row and "待本人改密" in row, f"the new row shows its sub-industry and state: {row!r}")
    shot(driver, "02-one-time-password")

    print("the colleague signs in and is held on the password page")
    login(driver, "zhice.wang", password)
    expect(path_of(driver) == "/account/password", f"held on the password page, at {driver.current_url}")
    go(driver, "/projects")
    expect(path_of(driver) == "/account/password", "every page sends the person back until the password is changed")
    expect("请先设置自己的密码" in page_text(driver), "the page says why")
    shot(driver, "03-held-on-password-page")
    fill(driver, "change-password", {"current_password": password, "new_password": NEW_PASSWORD,
                                     "repeat_password": NEW_PASSWORD + "x"})
    submit(driver, "change-password")
    expect_flash_error(driver, "两次输入的新密码不一致")
    shot(driver, "04-mismatch-refused")
    fill(driver, "change-password", {"current_password": password, "new_password": NEW_PASSWORD,
                                     "repeat_password": NEW_PASSWORD})
    submit(driver, "change-password")
    expect_flash_ok(driver, "密码已修改")
    go(driver, "/projects")
    expect(path_of(driver) == "/projects", "free to work after choosing a password")
    projects = page_text(driver)
    expect("智能测控" in projects or "天津" in projects, "the contractor's projects are listed")
    shot(driver, "05-working")

    print("the administrator switches the account off; sign-in is refused; then on again")
    login(driver, "admin")
    go(driver, "/admin/users?q=zhice")
    click_and_wait(driver, "tr[data-username='zhice.wang'] form[action$='/active'] button")
    expect_flash_ok(driver, "账号已停用")
    shot(driver, "06-switched-off")
    logout(driver)
    go(driver, "/login")
    driver.find_element(By.ID, "username").send_keys("zhice.wang")
    driver.find_element(By.ID, "password").send_keys(NEW_PASSWORD)
    click_and_wait(driver, "form[action='/login'] button[type=submit]")
    expect_flash_error(driver, "用户名或密码错误")
    login(driver, "admin")
    go(driver, "/admin/users?q=zhice")
    click_and_wait(driver, "tr[data-username='zhice.wang'] form[action$='/active'] button")
    expect_flash_ok(driver, "账号已启用")
    log = text_of(driver, "#account-log") or ""
    expect(all(word in log for word in ["创建", "本人修改密码", "停用", "启用"]), f"the change log: {log!r}")
    shot(driver, "07-log")
    login(driver, "zhice.wang", NEW_PASSWORD)
    expect(path_of(driver) != "/account/password", "the chosen password still works after switching on")


if __name__ == "__main__":
    sys.exit(run_journey(journey))
