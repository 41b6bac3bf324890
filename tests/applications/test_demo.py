"""The demo seeder creates applications in every state, idempotently."""

import datetime
from io import StringIO

import pytest

from applications.models import Application, State
from applications.selectors import table3
from demo import applications as demo
from demo.context import DemoContext
from tests.factories import make_county, make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_every_state_present_and_rerun_adds_nothing_when_seeded_twice():
    county = make_county()
    township = make_township(county=county)
    publisher = make_member(township=township, role=Role.PUBLISHER)
    ctx = DemoContext(county=county, townships=[township],
                      users={(township.slug, Role.PUBLISHER.value): publisher},
                      stdout=StringIO(), today=datetime.date(2025, 11, 20))
    demo.seed(ctx)
    count = Application.objects.count()
    demo.seed(ctx)
    assert Application.objects.count() == count
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert Application.objects.overdue(ctx.today).exists()
    assert table3(township, 2024)["r4"]["total"] == 1
    assert table3(township, 2025)["r2"]["total"] == 1
