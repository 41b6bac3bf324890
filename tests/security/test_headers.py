"""Every response, public and admin, carries the security headers and a strict CSP."""

import pytest
from django.test import Client

from security.csp import editor_style_hashes, importmap_hashes
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


def check_headers(response, *, editor=False):
    policy = directives(response["Content-Security-Policy"])
    hashes = {"script-src": importmap_hashes(), "style-src": editor_style_hashes()}
    for directive in ("script-src", "style-src"):
        expected = ["'self'", *hashes[directive]] if editor else ["'self'"]
        assert policy[directive] == expected, directive
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for values in policy.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values
        assert all(v.startswith("'") or v == "data:" for v in values), values  # no origins
        assert all(v.startswith("'sha256-") for v in values if v not in (
            "'self'", "'none'", "data:"))
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
    for url, editor in [("/admin/", False), ("/admin/disclosure/disclosureitem/", False),
                        (f"/admin/disclosure/disclosureitem/{item.pk}/change/", True),
                        ("/admin/disclosure/disclosureitem/add/", True)]:
        response = client.get(url)
        assert response.status_code == 200, url
        check_headers(response, editor=editor)


def test_editor_allowances_are_exactly_one_import_map_and_one_style():
    assert len(importmap_hashes()) == 1
    assert len(editor_style_hashes()) == 1


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
