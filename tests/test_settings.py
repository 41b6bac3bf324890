"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    clean.update(env)
    code = ("import config.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], "
            "s.LANGUAGE_CODE, s.TIME_ZONE)")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean,  # noqa: S603
                          capture_output=True, text=True, check=False)


def test_debug_off_without_secret_key_refuses_to_start():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_by_default_and_sqlite_is_the_default_database():
    result = load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3", "zh-hans",
                                     "Asia/Shanghai"]


def test_database_url_switches_to_postgresql():
    result = load_settings(SECRET_KEY="x" * 50, DATABASE_URL="postgres://u:p@db:5432/t")
    assert result.returncode == 0, result.stderr
    # Django's PostgreSQL backend with the quiet-socket health check (web/postgresql).
    assert result.stdout.split()[1] == "web.postgresql"


def test_placeholder_secret_key_from_env_example_is_refused():
    result = load_settings(SECRET_KEY="change-me-to-a-long-random-string")
    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_secret_key_shorter_than_50_characters_is_refused():
    assert load_settings(SECRET_KEY="k" * 49).returncode != 0
    assert load_settings(SECRET_KEY="k" * 50).returncode == 0


def test_short_secret_key_is_allowed_in_debug_mode():
    assert load_settings(DEBUG="1", SECRET_KEY="dev").returncode == 0


def test_both_smtp_tls_modes_at_once_are_refused():
    result = load_settings(SECRET_KEY="x" * 50, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS" in result.stderr


def test_unknown_media_storage_is_refused():
    result = load_settings(SECRET_KEY="x" * 50, MEDIA_STORAGE="ftp")
    assert result.returncode != 0
    assert "MEDIA_STORAGE" in result.stderr
