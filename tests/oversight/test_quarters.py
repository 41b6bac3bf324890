"""Every quarter's result is kept and two quarters can be compared."""

import datetime

import pytest
from django.urls import reverse

from oversight.models import QuarterSnapshot, SnapshotRun
from oversight.refresh import refresh
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db


def test_each_quarter_keeps_its_last_result_and_the_view_compares_them(county, auditor,
                                                                       client):
    town = make_township(county=county, name="甲镇")
    refresh(county, today=datetime.date(2026, 6, 1))
    make_item(township=town, published=True, written_on=datetime.date(2026, 6, 25),
              published_on=datetime.date(2026, 6, 28))
    refresh(county, today=datetime.date(2026, 6, 30))  # replaces the June 1 result
    refresh(county, today=datetime.date(2026, 9, 30))
    snaps = {(s.year, s.quarter): s for s in QuarterSnapshot.objects.filter(township=town)}
    assert sorted(snaps) == [(2026, 2), (2026, 3)]
    assert snaps[(2026, 2)].as_of == datetime.date(2026, 6, 30)
    SnapshotRun.objects.all().delete()  # the dashboard's runs go; the quarters stay
    assert QuarterSnapshot.objects.filter(township=town).count() == 2
    client.force_login(auditor)
    page = client.get(reverse("admin:oversight_quarters")).content.decode()
    assert "2026Q2 与 2026Q3 对比" in page
    score_q2 = snaps[(2026, 2)].data["inspection"]["score"]
    score_q3 = snaps[(2026, 3)].data["inspection"]["score"]
    assert (f"<td>{score_q2}</td><td>{score_q3}</td><td>{round(score_q3 - score_q2, 1)}</td>"
            in page)
    assert client.get(reverse("admin:oversight_quarters") + "?a=bad&b=2026Q3").status_code == 200
