"""The real static storage: deploy/build.sh collects with the manifest storage (DEBUG off),
and every public page and the admin render with it. The rest of the suite swaps in the plain
storage for speed (tests/conftest.py); this module keeps a broken static reference (a
template naming a file that does not exist) from passing unnoticed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import leaf_category, make_item, make_township

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    static_root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        ["sh", "deploy/build.sh"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=False,
        timeout=300, env={**env, "SKIP_INSTALL": "1", "STATIC_ROOT": str(static_root),
                          "PYTHON": sys.executable})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (static_root / "staticfiles.json").exists()
    return static_root


@pytest.fixture
def production_static(settings, collected):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    return collected


@pytest.fixture
def pages(db):
    township = make_township()
    item = make_item(township=township, published=True)
    slug = township.slug
    return [
        reverse("disclosure:county_home"),
        reverse("disclosure:township_home", args=[slug]),
        reverse("disclosure:guide", args=[slug]),
        reverse("disclosure:system", args=[slug]),
        reverse("disclosure:category_detail", args=[slug, leaf_category(township).pk]),
        item.get_absolute_url(),
        reverse("applications:apply", args=[slug]),
        reverse("applications:status", args=[slug]),
        reverse("reports:report_list", args=[slug]),
        reverse("site_pages:accessibility_statement"),
        reverse("site_pages:toolbar_help"),
        "/admin/login/",
    ]


def test_every_page_renders_with_hashed_static_files_that_exist(client, production_static,
                                                                 pages):
    for url in [*pages, "/no-such-page/"]:
        response = client.get(url, secure=True)
        assert response.status_code == (404 if url == "/no-such-page/" else 200), url
        static_urls = re.findall(r'(?:href|src)="/static/([^"?#]+)"', response.content.decode())
        assert static_urls, url
        for name in static_urls:
            assert (production_static / name).is_file(), f"{url} links missing /static/{name}"
            if not name.startswith("admin/"):
                assert re.search(r"\.[0-9a-f]{12}\.\w+$", name), f"{name} is not hashed"


def test_collected_static_file_is_served_with_year_long_caching(client, db, production_static):
    home = client.get("/", secure=True).content.decode()
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    response = client.get(css, secure=True)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]


def test_a_template_naming_a_missing_static_file_fails_loudly(production_static, settings):
    from django.template import Context, Template

    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        Template("{% load static %}{% static 'css/no-such-file.css' %}").render(Context())
