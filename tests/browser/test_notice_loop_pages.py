"""The 督促整改 loop with a return, as each side sees it in a real browser: the county sends a
notice about a check, the township's 党政办 answers, the county returns it with a reason,
the township sees 已退回 and the reason on its desk and answer page, answers again, and the
county's review page shows the check as it is now and the whole log. axe finds no WCAG
2.x A/AA violation on the answer and review pages; with LOOP_SCREENSHOTS_DIR set
(`make screenshots`) each step is also saved as a PNG (docs/screenshots/loop/)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .conftest import CHECKED, run_axe

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LOOP_SCREENSHOTS_DIR", "")


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _page(new_page, site, session):
    page = new_page(viewport="desktop", bypass_csp=True)
    host = site["base"].split("//", 1)[1].split(":")[0]
    page.context.add_cookies([{"name": "sessionid", "value": session, "domain": host,
                               "path": "/"}])
    return page


def _shot(page, name: str) -> None:
    if not SHOTS:
        return
    from tools.screenshots import optimise

    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    full = page.evaluate("document.scrollingElement.scrollHeight")
    png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": 1280,
                                                "height": min(full, 2400)})
    (folder / f"{name}.png").write_bytes(optimise(png))


def test_the_loop_with_a_return_on_both_sides(new_page, site):
    from oversight import notices
    from oversight.models import RectificationNotice
    from oversight.refresh import refresh
    from tests.factories import make_member, make_user
    from townships.models import Role

    township = site["township"]
    auditor = make_member(role=Role.COUNTY_AUDITOR, county=township.county,
                          user=make_user(username="county_auditor"))
    office = make_member(township=township, role=Role.PUBLISHER,
                         user=make_user(username="qingshi_dangzhengban"))
    refresh(township.county)
    notice = notices.send_notice(RectificationNotice(
        township=township, title="专栏要素不全，请限期整改", check_key="pages",
        body="经县政务公开办检查，你乡镇专栏缺少政府信息公开制度全文，指南缺少办公时间。\n"
             "请在整改期限前补充，并反馈整改情况。",
        due_on=timezone.localdate() + datetime.timedelta(days=10)), user=auditor)
    notices.answer_notice(notice.pk, user=office, text="已在专栏发布政府信息公开制度全文。")
    notices.return_notice(notice.pk, user=auditor,
                          text="指南仍缺少办公时间，请一并补充后再反馈。",
                          due_on=timezone.localdate() + datetime.timedelta(days=15))

    # The township's side: the desk and the answer page say 已退回 and why.
    township_page = _page(new_page, site, _session(office))
    township_page.goto(site["base"] + reverse("admin:index"))
    desk = township_page.locator(".desk-panel", has_text="待反馈的督促整改通知")
    assert "已退回：指南仍缺少办公时间" in desk.text_content()
    _shot(township_page, "loop-1-township-desk-returned")
    answer_url = reverse("admin:oversight_rectificationnotice_answer", args=[notice.pk])
    township_page.goto(site["base"] + answer_url)
    main = township_page.locator("main").text_content()
    assert "已退回，待重新整改" in main
    assert "指南仍缺少办公时间，请一并补充后再反馈。" in main
    assert "上次反馈的整改情况（已被退回）" in main
    assert "退回，继续整改" in township_page.locator("#notice-log-caption").locator(
        "xpath=..").text_content()
    assert run_axe(township_page) == []
    CHECKED.append("notice-answer-returned/desktop")
    _shot(township_page, "loop-2-township-answer-returned")
    township_page.get_by_label("整改情况").fill("已补充指南中的办公时间，制度全文已发布。")
    township_page.get_by_role("button", name="提交").click()
    assert "整改情况已反馈" in township_page.locator(".messagelist").text_content()

    # The county's side: the review page re-runs the check and shows the whole log.
    township.office_hours = "周一至周五 8:30-12:00，14:30-17:30"
    township.save()
    county_page = _page(new_page, site, _session(auditor))
    county_page.goto(site["base"] + reverse("admin:oversight_rectificationnotice_review",
                                            args=[notice.pk]))
    current = county_page.locator(".ov-current").text_content()
    assert "当前检查结果" in current
    assert "刚刚重新检查" in current
    violations = run_axe(county_page)
    assert violations == [], violations
    CHECKED.append("notice-review/desktop")
    _shot(county_page, "loop-3-county-review-current-check")
    county_page.goto(site["base"] + reverse("admin:oversight_rectificationnotice_change",
                                            args=[notice.pk]))
    log = county_page.locator("#notice-log-caption").locator("xpath=..").text_content()
    for step in ("下发通知", "反馈整改情况", "退回，继续整改"):
        assert step in log
    _shot(county_page, "loop-4-county-notice-log")
