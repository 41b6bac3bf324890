"""Scaling out is configuration: two gunicorn instances sharing one PostgreSQL and one Redis
behave as one site (publishing, sessions, visit counts)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.production import stack

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
# Below VISITS_PER_ADDRESS_PER_MINUTE (120): every hit here comes from 127.0.0.1.
HITS_A, HITS_B, THREADS = 60, 40, 4


def _shown_count(page: str) -> int:
    match = re.search(r'data-visit-key="item:\d+">[^<]*<span class="visit-number">([\d,]+)<', page)
    assert match, "the item page shows no visit count"
    return int(match.group(1).replace(",", ""))


def test_item_published_in_the_shared_database_is_visible_through_both_at_once(site):
    slug = site.data["township_slug"]
    for server in (site.a, site.b):  # warm whatever either instance may cache
        assert stack.fetch(server + site.data["township_url"], headers=HTTPS).status == 200
    new = stack.seed(site.env, "publish", slug)
    for server in (site.a, site.b):
        item = stack.fetch(server + new["item_url"], headers=HTTPS)
        assert item.status == 200
        assert new["index_no"] in item.text
        township = stack.fetch(server + site.data["township_url"], headers=HTTPS)
        assert new["title"] in township.text


def test_withdrawal_leaves_no_cached_copy_on_either_instance(site):
    slug = site.data["township_slug"]
    item = stack.seed(site.env, "publish", slug, "关于缓存撤回验证的通知")
    for server in (site.a, site.b):  # both instances cache the item and the township home
        for _ in range(2):
            assert stack.fetch(server + item["item_url"], headers=HTTPS).status == 200
            stack.fetch(server + site.data["township_url"], headers=HTTPS)
        cached = stack.fetch(server + item["item_url"], headers=HTTPS)
        assert cached.headers.get("x-page-cache") == "hit"
    stack.seed(site.env, "withdraw", str(item["item_id"]))
    for server in (site.a, site.b):
        gone = stack.fetch(server + item["item_url"], headers=HTTPS)
        assert gone.status == 410
        assert gone.headers.get("x-page-cache") != "hit"
        township = stack.fetch(server + site.data["township_url"], headers=HTTPS)
        assert item["title"] not in township.text


def test_login_through_one_instance_is_a_session_on_the_other(site):
    login = stack.fetch(site.a + "/admin/login/", headers=HTTPS)
    csrf_cookie = SimpleCookie(login.headers["set-cookie"])["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    origin = site.a.replace("http://", "https://")
    posted = stack.fetch(site.a + "/admin/login/?next=/admin/", method="POST", headers={
        **HTTPS, "Host": origin.removeprefix("https://"), "Origin": origin,
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
    }, body=urlencode({"csrfmiddlewaretoken": token, "username": site.data["admin_username"],
                       "password": site.data["admin_password"], "next": "/admin/"}).encode())
    assert posted.status == 302, posted.text[:1500]
    session = SimpleCookie(posted.headers["set-cookie"])["sessionid"].value
    # Production requires the superuser's second factor (security/twofactor.py).
    assert stack.fetch(site.b + "/admin/", headers={**HTTPS, "Cookie": f"sessionid={session}"}
                       ).status == 302
    verified = stack.second_factor(site.a, session, site.data["admin_otp_key"], headers={
        **HTTPS, "Host": origin.removeprefix("https://")}, origin=origin)
    assert verified.status == 302, verified.text[:1500]
    session = verified.cookies["sessionid"]
    other = stack.fetch(site.b + "/admin/", headers={**HTTPS, "Cookie": f"sessionid={session}"})
    assert other.status == 200
    assert "operator" in other.text


def _hit_url(page: str) -> str:
    return html.unescape(re.search(r'data-hit-url="([^"]+)"', page).group(1))


def test_visit_counts_through_both_instances_add_up_exactly(site):
    key = f"item:{site.data['item_id']}"
    page = stack.fetch(site.a + site.data["item_url"], headers=HTTPS).text
    assert _shown_count(page) >= 0
    first = stack.fetch(site.a + _hit_url(page), method="POST", headers=HTTPS, body=b"")
    before = json.loads(first.text)[key]  # the count including this view
    errors: list[str] = []

    def send(server: str, count: int) -> None:
        # Each view is a page load with its own one-use token, then its beacon.
        for _ in range(count):
            page = stack.fetch(server + site.data["item_url"], headers=HTTPS).text
            response = stack.fetch(server + _hit_url(page), method="POST", headers=HTTPS,
                                   body=b"")
            if response.status != 200:
                errors.append(f"{server}: {response.status}")

    threads = [threading.Thread(target=send, args=(server, total // THREADS))
               for server, total in ((site.a, HITS_A), (site.b, HITS_B))
               for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    expected = before + HITS_A + HITS_B
    # One more view through each: the beacon answers the exact count (Redis pending +
    # database), the same through both, whatever copy of the page either one served.
    for server in (site.a, site.b):
        page = stack.fetch(server + site.data["item_url"], headers=HTTPS).text
        answer = stack.fetch(server + _hit_url(page), method="POST", headers=HTTPS, body=b"")
        expected += 1
        assert json.loads(answer.text)[key] == expected
    flushed = subprocess.run([sys.executable, "manage.py", "flush_visits"],
                             cwd=stack.ROOT, env=site.env, capture_output=True, text=True,
                             check=False, timeout=60)
    assert flushed.returncode == 0, flushed.stderr
    rows = stack.query(site.database_url, "SELECT count FROM visits_visitcounter WHERE key = %s",
                       (key,))
    assert rows == [(expected,)]
