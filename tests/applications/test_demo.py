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


def test_demo_cases_carry_every_notice_kind_and_the_new_letters_delivered():
    from applications import deliveries
    from applications.models import Delivery, Notice

    county = make_county()
    township = make_township(county=county)
    publisher = make_member(township=township, role=Role.PUBLISHER)
    ctx = DemoContext(county=county, townships=[township],
                      users={(township.slug, Role.PUBLISHER.value): publisher},
                      stdout=StringIO(), today=datetime.date(2025, 11, 20))
    demo.seed(ctx)
    assert set(Notice.objects.values_list("kind", flat=True)) == {
        "correction", "extension", "third_party"}
    closed = Application.objects.exclude(outcome="")
    assert {"r3_1_pub", "r3_4_1_nr"} <= set(closed.values_list("letter_variant", flat=True))
    assert {"r3_3_4", "r3_6_1"} <= set(closed.values_list("outcome", flat=True))
    for app in Application.objects.all():
        for doc in deliveries.documents(app):
            assert doc.delivered is not None, (app.tracking_number, doc.key)
    assert Delivery.objects.filter(method="post").exclude(tracking_no="").count() == (
        closed.count() + Notice.objects.filter(kind="third_party").count())


def test_demo_letter_numbers_follow_their_dates():
    county = make_county()
    township = make_township(county=county)
    publisher = make_member(township=township, role=Role.PUBLISHER)
    ctx = DemoContext(county=county, townships=[township],
                      users={(township.slug, Role.PUBLISHER.value): publisher},
                      stdout=StringIO(), today=datetime.date(2025, 11, 20))
    demo.seed(ctx)
    letters = sorted(Application.objects.exclude(letter_no="")
                     .values_list("replied_on", "letter_no"))
    by_year = {}
    for replied_on, number in letters:
        by_year.setdefault(replied_on.year, []).append(
            int(number.split("〕")[1].removesuffix("号")))
    for year, serials in by_year.items():
        assert serials == list(range(1, len(serials) + 1)), year
