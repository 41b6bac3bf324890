"""The production sequence, for real: gunicorn with DEBUG off, PostgreSQL, Redis, the manifest
static storage, nginx with TLS, attachments handed to nginx after Django's permission check."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pytest

from tests.production import stack

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def test_build_collected_static_files_with_the_manifest(site):
    assert "static files copied" in site.build_output
    assert "Applying" in site.release_output  # migrations ran on the fresh database


@pytest.mark.parametrize("page", ["/", "township_url", "item_url", "/admin/login/"])
def test_pages_answer_200_with_production_security_headers(site, page):
    path = site.data.get(page, page)
    response = stack.fetch(site.a + path, headers=HTTPS)
    assert response.status == 200, response.text[:2000]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    # .env.example's day-one HSTS (docs/DEPLOY.md): five minutes, no subdomains, no preload.
    assert response.headers["strict-transport-security"] == "max-age=300"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "<html lang=\"zh" in response.text  # the portal says zh-CN, the admin zh-hans


def test_item_page_shows_the_published_item(site):
    response = stack.fetch(site.a + site.data["item_url"], headers=HTTPS)
    assert site.data["index_no"] in response.text
    assert "关于生产环境验证的通知" in response.text


def test_plain_http_is_redirected_to_https_by_django_and_by_nginx(site):
    direct = stack.fetch(site.a + "/", headers={"Host": "127.0.0.1"})
    assert direct.status == 301
    assert direct.headers["location"] == "https://127.0.0.1/"
    via_nginx = stack.fetch(site.http + "/xxgk/", headers={"Host": "localhost"})
    assert via_nginx.status == 301
    assert via_nginx.headers["location"] == "https://localhost/xxgk/"


def test_static_files_have_hashed_names_and_year_long_caching(site):
    home = stack.fetch(site.a + "/", headers=HTTPS).text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
    assert css, "the page does not link the hashed stylesheet"
    from_django = stack.fetch(site.a + css.group(1), headers=HTTPS)
    assert from_django.status == 200
    assert from_django.headers["content-type"].startswith("text/css")
    assert "immutable" in from_django.headers["cache-control"]
    from_nginx = stack.fetch(site.https + css.group(1), context=site.tls)
    assert from_nginx.status == 200
    assert from_nginx.body == from_django.body
    assert from_nginx.headers["server"] == "nginx"
    assert "immutable" in from_nginx.headers["cache-control"]
    assert from_nginx.headers["x-content-type-options"] == "nosniff"


def test_attachment_is_checked_by_django_and_sent_by_nginx(site):
    direct = stack.fetch(site.a + site.data["attachment_url"], headers=HTTPS)
    assert direct.status == 200
    assert direct.headers["x-accel-redirect"] == (
        "/_protected_media/" + site.data["attachment_name"])
    assert direct.body == b""
    response = stack.fetch(site.https + site.data["attachment_url"], context=site.tls)
    assert response.status == 200
    assert "x-accel-redirect" not in response.headers
    assert hashlib.sha256(response.body).hexdigest() == site.data["attachment_sha256"]
    assert int(response.headers["content-length"]) == site.data["attachment_size"]
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        "attachment; filename*=utf-8''%E8%B5%84%E9%87%91%E6%98%8E%E7%BB%86.pdf")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_files_sent_by_nginx_carry_the_applications_security_headers(site):
    page = stack.fetch(site.https + site.data["item_url"], context=site.tls)
    for url in (site.data["attachment_url"], site.data["image_url"]):
        response = stack.fetch(site.https + url, context=site.tls)
        assert response.status == 200
        for header in ("strict-transport-security", "content-security-policy",
                       "x-frame-options", "referrer-policy", "permissions-policy"):
            assert response.headers.get(header), (url, header)
            assert _directives(response.headers[header]) == _directives(page.headers[header]), (
                url, header)


def _directives(value: str) -> list[str]:
    """A policy header's directives in a fixed order: each worker process builds the CSP from
    a set, so two workers may list the same directives in different orders."""
    return sorted(part.strip() for part in value.split(";") if part.strip())


def test_unpublished_attachment_and_the_internal_location_are_not_served(site):
    assert stack.fetch(site.https + site.data["draft_attachment_url"],
                       context=site.tls).status == 404
    for name in (site.data["draft_attachment_name"], site.data["attachment_name"]):
        assert stack.fetch(site.https + "/_protected_media/" + name, context=site.tls).status == 404
        assert stack.fetch(site.https + "/media/" + name, context=site.tls).status == 404


def test_pictures_of_published_items_are_sent_by_nginx_and_drafts_pictures_are_not(site):
    direct = stack.fetch(site.a + site.data["image_url"], headers=HTTPS)
    assert direct.status == 200
    assert direct.headers["x-accel-redirect"] == "/_protected_media/" + site.data["image_name"]
    response = stack.fetch(site.https + site.data["image_url"], context=site.tls)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert hashlib.sha256(response.body).hexdigest() == site.data["image_sha256"]
    assert stack.fetch(site.https + site.data["draft_image_url"], context=site.tls).status == 404


def test_missing_page_is_the_chinese_404_page(site):
    response = stack.fetch(site.https + "/xxgk/no-such-township/", context=site.tls)
    assert response.status == 404
    assert "页面" in response.text


def test_request_larger_than_the_limit_is_refused_by_nginx(site):
    body = b"x" * (3 * 1024 * 1024)
    response = stack.fetch(site.https + "/admin/login/", method="POST", body=body,
                           headers={"Content-Type": "application/octet-stream"}, context=site.tls)
    assert response.status == 413


def test_healthz_reports_database_cache_and_storage(site):
    response = stack.fetch(site.a + "/healthz?format=json", headers={"Host": "127.0.0.1"})
    assert response.status == 200
    results = json.loads(response.body)
    assert results.pop("release")["version"] == response.headers["x-app-version"]
    assert sorted(results) == ["Cache(alias='default')", "Database(alias='default')",
                               "Storage(alias='default')"]
    assert set(results.values()) == {"OK"}
    via_nginx = stack.fetch(site.https + "/healthz?format=text", context=site.tls)
    assert via_nginx.status == 200  # loopback is a private network; the public gets 403
    assert via_nginx.text.startswith(f"release: {response.headers['x-app-version']} (")
    plain = stack.fetch(site.http + "/healthz?format=text")  # port 80: no redirect to HTTPS
    assert plain.status == 200, plain.headers
    probe = subprocess.run(
        [sys.executable, "deploy/healthcheck.py"], cwd=stack.ROOT, capture_output=True,
        text=True, check=False, timeout=30,
        env={**site.env, "HEALTHCHECK_URL": site.b + "/healthz?format=text"})
    assert probe.returncode == 0, probe.stderr



def test_backup_then_restore_drill_on_the_sequences_own_database(site):
    """docs/DEPLOY.md §5: `backup`, then the quarterly `restore_drill` into a scratch database
    beside the running site's PostgreSQL; the site keeps answering."""
    backup = stack.run([sys.executable, "manage.py", "backup"], site.env)
    assert backup.returncode == 0, backup.stdout + backup.stderr
    drill = stack.run([sys.executable, "manage.py", "restore_drill"], site.env)
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "全部一致" in drill.stdout
    assert "_restore_drill" in drill.stdout
    assert stack.fetch(site.a + "/healthz?format=text", headers={"Host": "127.0.0.1"}).status == 200
    print(f"\nproduction sequence restore_drill: {drill.stdout.strip()}")  # noqa: T201
