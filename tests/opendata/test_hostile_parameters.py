"""Every endpoint and parameter of the open-data API, from its own OpenAPI description, with
hostile strings (NUL, control characters, bytes that are not UTF-8, an encoded lone
surrogate, overlong values): never a server error; a hostile query parameter is a 400 with a
Chinese JSON error. On PostgreSQL a NUL used to reach the database (500, logged at ERROR)."""

import json
from urllib.parse import quote

import pytest
from django.test import Client

from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "%00",
    "nul-inside": "qingshi%00x",
    "control": "%01%1b",
    "not-utf8": "%ff%fe",
    "lone-surrogate": "%ED%A0%80",
    "overlong": "x" * 5000,
}


def endpoints(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation:
            yield path, operation.get("parameters", [])


@pytest.fixture
def client(settings):
    settings.OPENDATA_RATE_LIMIT = "0"
    make_item(township=make_township(), published=True)
    return Client(raise_request_exception=False)


def test_every_parameter_with_hostile_strings_is_a_400_never_a_500(client):
    made, server_errors, not_400 = 0, [], []
    for path, parameters in endpoints(client):
        for parameter in parameters:
            for label, value in HOSTILE.items():
                url = path
                for other in parameters:  # path parameters: a valid id unless under test
                    if other["in"] == "path":
                        filling = value if other is parameter else "1"
                        url = url.replace("{" + other["name"] + "}", filling)
                if parameter["in"] == "query":
                    url += f"?{quote(parameter['name'])}={value}"
                response = client.get(url)
                made += 1
                if response.status_code >= 500:
                    server_errors.append((url[:80], label, response.status_code))
                elif parameter["in"] == "query":
                    body = json.loads(response.content)
                    if response.status_code != 400 or "参数" not in body["detail"]:
                        not_400.append((url[:80], label, response.status_code))
    print(f"hostile requests: {made}, answers >= 500: {len(server_errors)}")  # noqa: T201
    assert made >= 60
    assert server_errors == []
    assert not_400 == []


def test_the_error_names_the_parameter_in_chinese(client):
    response = client.get("/api/v1/items?category=%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {
        "detail": "参数“category”含有不允许的字符（空字符、控制字符或无效编码）。"}
    assert client.get("/api/v1/items?category=A").status_code in (200, 400)
