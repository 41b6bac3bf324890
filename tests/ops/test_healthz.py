"""/healthz answers 200 when the database, the cache and the media storage all work."""

import json

import pytest


@pytest.mark.django_db
def test_healthz_reports_each_service_ok(client):
    response = client.get("/healthz?format=json")
    assert response.status_code == 200
    results = json.loads(response.content)
    assert results.pop("release")["version"]  # tests/ops/test_release.py
    assert results == {
        "Cache(alias='default')": "OK", "Database(alias='default')": "OK",
        "Storage(alias='default')": "OK"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_500_when_the_media_storage_is_unwritable(client, settings, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the media directory should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/healthz?format=text")
    assert response.status_code == 500
    assert "Storage" in response.content.decode()
