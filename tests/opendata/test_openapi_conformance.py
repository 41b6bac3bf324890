"""Schemathesis drives every operation of the API from its own OpenAPI description (positive
and negative cases), then sends each operation's every parameter hostile strings (NUL, control
characters, a non-character, an astral character, SQL and path fragments, an overlong value):
no server errors, and every response matches the documented status codes, content type and
schema. Examples are few so the suite stays within a minute on CI; the cases made are counted
(printed at the end of the module)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.factories import make_item, make_township, publish
from tests.reports.factories import make_report

# Loaded at collection through the WSGI app (the description needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

HOSTILE = {
    "nul": "\x00", "nul-inside": "qingshi\x00x", "control": "\x01\x1b", "non-character": "\uffff",
    "astral": "\U00020000", "sql": "' OR 1=1 --", "path": "../../etc/passwd",
    "markup": "<script>alert(1)</script>", "overlong": "x" * 5000,
}
HOSTILE_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
                  response_schema_conformance]
MADE = {"generated": 0, "hostile": 0, "operations": set(), "server_errors": 0}


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    print(f"\nschemathesis: {MADE['generated']} generated + {MADE['hostile']} hostile cases "  # noqa: T201
          f"over {len(MADE['operations'])} operations, {MADE['server_errors']} answers >= 500")


@pytest.fixture
def api_data(db, settings):
    """Published data to serve; requests through the bare WSGI app keep the test's database
    connection open (as Django's test client does)."""
    settings.OPENDATA_RATE_LIMIT = "0"
    township = make_township()
    items = [make_item(township=township, published=True, keywords="防汛 应急")
             for _ in range(3)]
    report = publish(make_report(township=township, year=2023))
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"items": items, "report": report}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _count(case, response) -> None:
    MADE["operations"].add(case.operation.label)
    MADE["server_errors"] += response.status_code >= 500


def test_every_operation_is_driven():
    assert len(list(schema.get_all_operations())) >= 6  # items, withdrawn, item, reports...


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case, api_data):
    # A well-formed cursor the server never issued is refused (400) by design, so only for
    # cases carrying one is "schema-valid request accepted" not required.
    excluded = [positive_data_acceptance] if (case.query or {}).get("cursor") else []
    response = case.call_and_validate(excluded_checks=excluded)
    MADE["generated"] += 1
    _count(case, response)


def _hostile_cases(operation, valid_path: dict):
    """Each path and query parameter of the operation with each hostile value, the path
    parameters otherwise valid. A slash in a path parameter makes another route, not a
    value, so that one is for query parameters only."""
    for parameter in operation.path_parameters:
        for label, value in HOSTILE.items():
            if "/" not in value:
                yield f"{parameter.name}={label}", operation.Case(
                    path_parameters={**valid_path, parameter.name: value})
    for parameter in operation.query:
        for label, value in HOSTILE.items():
            yield f"{parameter.name}={label}", operation.Case(
                path_parameters=valid_path, query={parameter.name: value})


def test_every_parameter_with_hostile_strings_conforms_and_never_errs(api_data):
    valid = {"item_id": api_data["items"][0].pk, "report_id": api_data["report"].pk}
    for result in schema.get_all_operations():
        operation = result.ok()
        path = {p.name: valid[p.name] for p in operation.path_parameters}
        for _label, case in _hostile_cases(operation, path):
            response = case.call_and_validate(checks=HOSTILE_CHECKS)
            MADE["hostile"] += 1
            _count(case, response)
    assert MADE["hostile"] >= 100
