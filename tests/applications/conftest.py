"""Fixtures shared by the case tests: a township and its 党政办 clerk, who handles cases."""

import pytest

from tests.factories import make_member, make_township
from townships.models import Role


@pytest.fixture
def town():
    return make_township(name="青石镇")


@pytest.fixture
def clerk(town):
    return make_member(township=town, role=Role.PUBLISHER)
