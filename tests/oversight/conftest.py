"""Shared helpers for oversight tests."""

import datetime

import pytest

from oversight.checks import Context
from oversight.refresh import refresh
from tests.factories import make_county, make_member
from townships.models import Role


@pytest.fixture
def county(db):
    return make_county()


@pytest.fixture
def auditor(county):
    return make_member(role=Role.COUNTY_AUDITOR, county=county)


@pytest.fixture
def county_admin(county):
    return make_member(role=Role.COUNTY_ADMIN, county=county)


def snapshot(township, *, today: datetime.date | None = None) -> dict:
    """Refresh the township's county and return the township's stored findings."""
    run = refresh(township.county, today=today)
    return run.townships.get(township=township).data


def findings(check, township, *, today: datetime.date | None = None):
    from oversight import workdays

    workdays.rebuild()
    return check.findings(Context(township.county, today=today, townships=[township]),
                          township)
