"""The running release is visible: /healthz, the admin footer and `manage.py version` show the
version in pyproject.toml and the build id; CHANGELOG.md has an entry for that version."""

import io
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command

from ops import release
from tests.ops.conftest import FIGURES

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


@pytest.fixture(autouse=True)
def _fresh_release(monkeypatch):
    monkeypatch.delenv("APP_BUILD_ID", raising=False)
    release.clear_cache()
    yield
    release.clear_cache()


@pytest.mark.django_db
def test_healthz_shows_version_and_build_in_every_format(client, monkeypatch):
    monkeypatch.setenv("APP_BUILD_ID", "abc1234")
    data = json.loads(client.get("/healthz?format=json").content)
    assert data["release"] == {"version": VERSION, "build": "abc1234"}
    text = client.get("/healthz?format=text")
    assert text.content.decode().splitlines()[0] == f"release: {VERSION} (abc1234)"
    assert text["X-App-Version"] == VERSION
    assert text["X-App-Build"] == "abc1234"


@pytest.mark.django_db
def test_healthz_version_changes_with_a_release(client, settings, tmp_path):
    """A release is a new pyproject.toml version: the same site answers with the new one."""
    seen = []
    for version in ("0.1.0", VERSION):
        shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
        text = (tmp_path / "pyproject.toml").read_text()
        (tmp_path / "pyproject.toml").write_text(
            text.replace(f'version = "{VERSION}"', f'version = "{version}"', 1))
        (tmp_path / "BUILD_ID").write_text(f"build-{version}\n")
        settings.BASE_DIR = tmp_path
        release.clear_cache()
        seen.append(json.loads(client.get("/healthz?format=json").content)["release"])
    assert seen == [{"version": "0.1.0", "build": "build-0.1.0"},
                    {"version": VERSION, "build": f"build-{VERSION}"}]
    FIGURES.append(f"/healthz release before/after: {seen[0]} -> {seen[1]}")


def test_version_command_prints_version_and_build(monkeypatch):
    monkeypatch.setenv("APP_BUILD_ID", "f00ba12")
    out = io.StringIO()
    call_command("version", stdout=out)
    assert out.getvalue().strip() == f"{VERSION} (f00ba12)"
    out = io.StringIO()
    call_command("version", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"version": VERSION, "build": "f00ba12"}


def test_build_id_defaults_to_dev_without_a_build_file(settings, tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    settings.BASE_DIR = tmp_path
    assert release.build_id() == "dev"
    assert release.version() == VERSION


@pytest.mark.django_db
def test_admin_footer_shows_the_version(admin_client, monkeypatch):
    monkeypatch.setenv("APP_BUILD_ID", "feedbee")
    page = admin_client.get("/admin/").content.decode()
    assert re.search(rf'id="footer">.*{re.escape(VERSION)}.*feedbee', page, re.S)


def test_changelog_has_an_entry_for_this_version_with_county_steps():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    sections = re.split(r"^## ", changelog, flags=re.M)[1:]
    current = next(s for s in sections if s.startswith(f"[{VERSION}]"))
    assert "县里要做的事" in current
    assert "migrate --plan" in current
    assert sections[0].startswith(f"[{VERSION}]")  # newest first
    FIGURES.append(f"CHANGELOG entry: ## {current.splitlines()[0]}")
