"""Login lockout (and the second factor) on the production sequence, through nginx (TLS) and
gunicorn with Redis and PostgreSQL: guesses from rotating addresses cannot keep the owner
out, guesses from one address are blocked (docs/SECURITY.md, "Login").

nginx runs on loopback and is the trusted proxy; a client address is simulated by sending
X-Forwarded-For to nginx, which appends the real peer (127.0.0.1, trusted), so the
application sees the sent address as the client, exactly as for a client behind a proxy.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.production import stack

pytestmark = pytest.mark.production

PASSWORD = "Nanling#Pub-2026-xk"
OWNER_ADDRESS = "203.0.113.50"


def login(site, username: str, password: str, address: str) -> stack.Response:
    forwarded = {"X-Forwarded-For": address}
    page = stack.fetch(site.https + "/admin/login/", headers=forwarded, context=site.tls)
    csrf = page.cookies["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return stack.fetch(site.https + "/admin/login/?next=/admin/", method="POST", headers={
        **forwarded, "Origin": site.https, "Referer": site.https + "/admin/login/",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
    }, body=urlencode({"csrfmiddlewaretoken": token, "username": username,
                       "password": password, "next": "/admin/"}).encode(), context=site.tls)


KEYS: dict[str, str] = {}


def logged_in(site, username: str, response: stack.Response, address: str) -> bool:
    """The password was accepted and then the second factor (the 党政办 must give one in
    production): the admin's desk opens."""
    if response.status != 302 or "sessionid" not in response.cookies:
        return False
    forwarded = {"X-Forwarded-For": address}
    verified = stack.second_factor(site.https, response.cookies["sessionid"], KEYS[username],
                                   headers=forwarded, context=site.tls)
    if verified.status != 302:
        return False
    desk = stack.fetch(site.https + "/admin/", context=site.tls, headers={
        **forwarded, "Cookie": f"sessionid={verified.cookies['sessionid']}"})
    return desk.status == 200 and "工作台" in desk.text


def owner_logs_in(site, username: str) -> bool:
    return logged_in(site, username, login(site, username, PASSWORD, OWNER_ADDRESS),
                     OWNER_ADDRESS)


def publisher_account(site, username: str) -> str:
    """A fresh 党政办 account with an authenticator that has logged in once from its
    owner's address."""
    KEYS[username] = stack.seed(site.env, "member", username, PASSWORD, "publisher")["otp_key"]
    password_only = login(site, username, PASSWORD, OWNER_ADDRESS)
    desk = stack.fetch(site.https + "/admin/", context=site.tls, headers={
        "X-Forwarded-For": OWNER_ADDRESS,
        "Cookie": f"sessionid={password_only.cookies['sessionid']}"})
    assert desk.status == 302, "the password alone does not open the admin"
    assert "/admin/account/otp/" in desk.headers["location"]
    assert owner_logs_in(site, username)
    return username


@pytest.fixture(scope="module")
def publisher(site):
    return publisher_account(site, "lockout_publisher")


@pytest.mark.parametrize("guesses", [5, 20, 100])
def test_rotating_guesses_then_the_owner_logs_in(site, publisher, guesses):
    statuses = []
    for n in range(guesses):
        address = f"198.18.{guesses}.{n + 1}"
        statuses.append(login(site, publisher, "wrong-Pass-1234", address).status)
    assert set(statuses) <= {200, 429}
    print(f"{guesses} rotating guesses: {statuses.count(200)} checked, "  # noqa: T201
          f"{statuses.count(429)} refused before the password check")
    assert owner_logs_in(site, publisher)


def test_a_hundred_guesses_from_one_address_are_blocked(site):
    publisher = publisher_account(site, "lockout_publisher2")
    statuses = [login(site, publisher, "wrong-Pass-1234", "198.51.100.99").status
                for _ in range(100)]
    assert statuses[:4] == [200] * 4  # LOGIN_FAILURE_LIMIT = 5: the 5th failure locks the pair
    assert set(statuses[5:]) == {429}
    blocked = login(site, publisher, PASSWORD, "198.51.100.99")
    assert blocked.status == 429
    assert "之后再试" in blocked.text
    assert owner_logs_in(site, publisher)
