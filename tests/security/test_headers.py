"""Every response, public and admin, carries the security headers and a strict CSP."""

import pytest
from django.test import Client

from tests.factories import make_item, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    township = make_township()
    item = make_item(township=township, published=True)
    return ["/", township.get_absolute_url(), item.get_absolute_url(),
            f"/xxgk/{township.slug}/yisqgk/", "/no-such-page/", "/admin/login/"]


def directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        name, *values = part.split()
        result[name] = values
    return result


def check_headers(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values
        assert all(v.startswith("'") or v == "data:" for v in values), values  # no origins
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_carry_csp_and_security_headers(pages):
    client = Client()
    for url in pages:
        check_headers(client.get(url))


def test_admin_pages_carry_csp_and_security_headers():
    township = make_township()
    item = make_item(township=township, published=False)
    client = Client()
    client.force_login(make_member(township=township, role=Role.AUTHOR))
    for url in ["/admin/", "/admin/disclosure/disclosureitem/",
                f"/admin/disclosure/disclosureitem/{item.pk}/change/",
                "/admin/disclosure/disclosureitem/add/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        check_headers(response)


def test_beacon_and_downloads_carry_headers_too(pages):
    check_headers(Client().post("/visits/hit/?t=bad"))


def test_session_ends_with_the_browser_and_after_idle_minutes(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # the idle clock restarts per request
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_idle_session_is_logged_out(settings):
    import datetime
    from unittest import mock

    from django.utils import timezone

    user = make_member(role=Role.COUNTY_AUDITOR)
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"]  # a browser-session cookie
    assert not cookie["max-age"]
    later = timezone.now() + datetime.timedelta(minutes=31)
    with mock.patch("django.contrib.sessions.backends.base.timezone.now", return_value=later), \
         mock.patch("django.contrib.sessions.backends.db.timezone.now", return_value=later):
        assert client.get("/admin/").status_code == 302  # back to the login page
