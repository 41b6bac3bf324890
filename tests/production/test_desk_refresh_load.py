"""The desk's 立即更新汇总数据 on PostgreSQL under load: two gunicorn instances answer public
pages and back-office pages from several threads while a county admin starts the refresh
through one instance and, during it, a second one through the other. The page answers at
once, the refresh finishes on its own connection, the shared Redis lock lets one run at a
time, and no request fails."""

from __future__ import annotations

import re
import statistics
import threading
import time
from urllib.parse import urlencode

import pytest

from tests.production import stack

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
DASHBOARD = "/admin/oversight/oversightdashboard/"
THREADS = 6
FINISHED = "SELECT count(*) FROM oversight_snapshotrun WHERE finished_at IS NOT NULL"


def _operator_session(site) -> str:
    login = stack.fetch(site.a + "/admin/login/", headers=HTTPS)
    csrf = login.cookies["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    origin = site.a.replace("http://", "https://")
    host = origin.removeprefix("https://")
    posted = stack.fetch(site.a + "/admin/login/?next=/admin/", method="POST", headers={
        **HTTPS, "Host": host, "Origin": origin,
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
    }, body=urlencode({"csrfmiddlewaretoken": token, "username": site.data["admin_username"],
                       "password": site.data["admin_password"], "next": "/admin/"}).encode())
    assert posted.status == 302, posted.text[:1500]
    verified = stack.second_factor(site.a, posted.cookies["sessionid"],
                                   site.data["admin_otp_key"],
                                   headers={**HTTPS, "Host": host}, origin=origin)
    assert verified.status == 302, verified.text[:1500]
    return verified.cookies["sessionid"]


def _start_refresh(server: str, session: str) -> tuple[float, str]:
    """POST the desk's refresh button like the browser; (seconds to answer, message)."""
    origin = server.replace("http://", "https://")
    host = origin.removeprefix("https://")
    page = stack.fetch(server + DASHBOARD, headers={**HTTPS, "Host": host,
                                                    "Cookie": f"sessionid={session}"})
    assert page.status == 200, page.text[:1000]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    csrf = page.cookies.get("csrftoken") or re.search(r"csrftoken=([^;]+)",
                                                      page.headers.get("set-cookie", "")).group(1)
    cookies = f"sessionid={session}; csrftoken={csrf}"
    started = time.monotonic()
    answer = stack.fetch(server + DASHBOARD + "refresh/", method="POST", headers={
        **HTTPS, "Host": host, "Origin": origin, "Referer": origin + DASHBOARD,
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies,
    }, body=urlencode({"csrfmiddlewaretoken": token}).encode())
    took = time.monotonic() - started
    assert answer.status == 302, answer.text[:1500]
    flash = "".join(f"; {k}={v}" for k, v in answer.cookies.items() if k == "messages")
    shown = stack.fetch(server + DASHBOARD, headers={**HTTPS, "Host": host,
                                                     "Cookie": cookies + flash}).text
    message = re.search(r'<li class="(?:success|warning)">([^<]+)</li>', shown)
    return took, message.group(1) if message else ""


def _desk_time(server: str, session: str) -> float:
    started = time.monotonic()
    assert stack.fetch(server + "/admin/", headers={
        **HTTPS, "Cookie": f"sessionid={session}"}).status == 200
    return time.monotonic() - started


def test_desk_refresh_under_concurrent_requests_on_postgresql(site):
    session = _operator_session(site)
    baseline = statistics.median(_desk_time(site.a, session) for _ in range(7))
    before = stack.query(site.database_url, FINISHED)[0][0]
    stop = threading.Event()
    statuses: list[int] = []
    loaded: list[float] = []
    pages = [site.data["township_url"], site.data["item_url"], "/"]

    def load(n: int) -> None:
        server = (site.a, site.b)[n % 2]
        while not stop.is_set():
            if n % 3 == 0:  # back office: the desk, with the session
                loaded.append(_desk_time(server, session))
                statuses.append(200)
            else:
                statuses.append(stack.fetch(server + pages[n % len(pages)],
                                            headers=HTTPS).status)

    threads = [threading.Thread(target=load, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        took, message = _start_refresh(site.a, session)
        _second_took, second = _start_refresh(site.b, session)
        # The second press either met the running refresh (the Redis lock is shared by
        # both instances: no second run) or came after it had finished (a second run).
        expected = 1 if second.startswith("汇总数据正在更新中") else 2
        deadline = time.monotonic() + 120
        while (stack.query(site.database_url, FINISHED)[0][0] - before < expected
               and time.monotonic() < deadline):
            time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    finished = stack.query(site.database_url, FINISHED)[0][0] - before
    print(f"desk baseline {baseline * 1000:.0f} ms; refresh POST {took * 1000:.0f} ms "  # noqa: T201
          f"({took / baseline:.1f} x the desk); desk under load "
          f"{statistics.median(loaded) * 1000:.0f} ms; {len(statuses)} requests; "
          f"second press: {second}; runs {finished}")
    assert "已开始更新汇总数据" in message
    assert second in ("汇总数据正在更新中，请稍后刷新本页。",
                      "已开始更新汇总数据，通常需要几十秒，完成后刷新本页即可看到。")
    assert finished == expected
    assert set(statuses) == {200}
    assert len(statuses) > THREADS
    assert took < 5, "the button does not wait for the refresh"
    runs = stack.query(site.database_url, "SELECT count(*) FROM oversight_townshipsnapshot "
                       "WHERE run_id = (SELECT max(id) FROM oversight_snapshotrun)")
    assert runs[0][0] >= 1
