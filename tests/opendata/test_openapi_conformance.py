"""Schemathesis drives the API from its own OpenAPI description (positive and negative
cases): no server errors, and every response matches the documented status codes, content
type and schema. Examples are few so the suite stays fast."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from tests.factories import make_item, make_township, publish
from tests.reports.factories import make_report

# Loaded at collection through the WSGI app (the description needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


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


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case, api_data):
    # A well-formed cursor the server never issued is refused (400) by design, so only for
    # cases carrying one is "schema-valid request accepted" not required.
    excluded = [positive_data_acceptance] if (case.query or {}).get("cursor") else []
    case.call_and_validate(excluded_checks=excluded)
