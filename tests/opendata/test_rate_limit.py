"""The open-data API limits each client address to OPENDATA_RATE_LIMIT requests a window."""

import pytest

from opendata.throttle import parse_rate

pytestmark = pytest.mark.django_db


def test_client_gets_429_with_retry_after_when_over_limit(client, settings):
    settings.OPENDATA_RATE_LIMIT = "3/60s"
    codes = [client.get("/api/v1/townships").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/townships")
    assert response.status_code == 429
    assert "请求过于频繁" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 61


def test_other_client_address_is_counted_separately(client, settings):
    settings.OPENDATA_RATE_LIMIT = "1/60s"
    assert client.get("/api/v1/townships", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/townships", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v1/townships", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_forwarded_header_is_ignored_without_trusted_proxy(client, settings):
    settings.OPENDATA_RATE_LIMIT = "1/60s"
    settings.TRUSTED_PROXIES = []
    client.get("/api/v1/townships", HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = client.get("/api/v1/townships", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429


def test_limit_off_when_rate_is_zero(client, settings):
    settings.OPENDATA_RATE_LIMIT = "0"
    assert {client.get("/api/v1/townships").status_code for _ in range(5)} == {200}


@pytest.mark.parametrize(("value", "expected"), [
    ("120/60s", (120, 60)), ("30/m", (30, 60)), ("5/h", (5, 3600)), ("10", None),
    ("", None), ("0/60s", None), ("abc", None),
])
def test_rate_setting_is_parsed(value, expected):
    assert parse_rate(value) == expected
