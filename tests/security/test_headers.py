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


def _both_policies(request_path, prepare, *, status=200):
    """The headers django-csp's own middleware and security.middleware.PolicyMiddleware
    give the same request and response."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from security.middleware import PolicyMiddleware

    answers = []
    for middleware in (CSPMiddleware, PolicyMiddleware):
        request = RequestFactory().get(request_path)
        response = HttpResponse("<p>x</p>", status=status)
        handler = middleware(lambda _request, response=response: response)
        prepare(request, response)
        result = handler(request)
        answers.append((result.get("Content-Security-Policy"),
                        result.get("Content-Security-Policy-Report-Only")))
        if status == 200:
            with pytest.raises(Exception, match="after the CSP header"):
                str(request.csp_nonce)  # a nonce asked for too late is an error on both
    return answers


def _nothing(_request, _response):
    pass


def test_the_policy_built_once_is_django_csps_own():
    ours, theirs = _both_policies("/", _nothing)
    assert ours == theirs
    assert "default-src 'self'" in ours[0]


def test_a_response_that_adjusts_its_policy_gets_django_csps_answer():
    def editor(_request, response):
        response._csp_update = {"script-src": ["'sha256-abc'"]}

    def exempt(_request, response):
        response._csp_exempt = True

    def replaced(_request, response):
        response._csp_replace = {"img-src": ["'self'", "data:"]}

    for prepare in (editor, exempt, replaced):
        ours, theirs = _both_policies("/", prepare)
        assert ours == theirs, prepare.__name__
    assert "'sha256-abc'" in _both_policies("/", editor)[1][0]
    assert _both_policies("/", exempt)[1][0] is None
    assert "data:" in _both_policies("/", replaced)[1][0]


def test_settings_changes_reach_the_policy_built_once(settings):
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY,
                                        "EXCLUDE_URL_PREFIXES": ["/plain/"]}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'none'"]}}
    for path in ("/", "/plain/page/"):
        ours, theirs = _both_policies(path, _nothing)
        assert ours == theirs, path
    assert _both_policies("/plain/page/", _nothing)[1][0] is None
    assert "img-src 'none'" in _both_policies("/", _nothing)[1][1]
    settings.DEBUG = True  # django-csp leaves its error pages alone
    assert _both_policies("/", _nothing, status=404) == [(None, None), (None, None)]
