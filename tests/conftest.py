"""Test-wide settings and fixtures."""

import pytest
from django.core.cache import cache, caches

from pagecache import generations


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PAGE_CACHE = False  # tests/pagecache turn it on where they test it
    cache.clear()
    caches["pages"].clear()
    generations.local.clear()
    yield
    cache.clear()
    caches["pages"].clear()
    generations.local.clear()


def pytest_sessionstart(session):
    """CI sets REQUIRE_POSTGRES=1: then running on anything else is an error, not a skip."""
    import os

    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRES") == "1":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise RuntimeError(f"REQUIRE_POSTGRES=1 but the database engine is {engine}")
