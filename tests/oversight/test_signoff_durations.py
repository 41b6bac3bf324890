"""Sign-off: median working days from submission to publication, and what waits longest."""

import datetime

import pytest
from django.utils import timezone

from oversight.checks import get
from signoff import chain
from signoff.models import Review
from tests.factories import crew, make_item, make_township
from townships.models import Role

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2024, 6, 28)


def at(day: datetime.date, hour: int = 10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def published_after(town, submitted: datetime.date, published: datetime.date):
    item = make_item(township=town, published=True, written_on=submitted,
                     published_on=published)
    Review.objects.filter(object_id=item.pk, state="published").update(
        submitted_at=at(submitted), finished_at=at(published, 16))
    return item


@pytest.fixture
def town():
    return make_township()


def test_median_of_odd_count_is_the_middle_value(town):
    published_after(town, D(2024, 6, 3), D(2024, 6, 4))  # 1 working day
    published_after(town, D(2024, 6, 3), D(2024, 6, 5))  # 2
    published_after(town, D(2024, 6, 3), D(2024, 6, 17))  # 9 (端午 06-10 off)
    data = snapshot(town, today=TODAY)["signoff"]
    assert (data["median_days"], data["published"]) == (2, 3)


def test_median_of_even_count_averages_the_two_middle_values(town):
    for published in (D(2024, 6, 4), D(2024, 6, 5), D(2024, 6, 7), D(2024, 6, 17)):
        published_after(town, D(2024, 6, 3), published)  # 1, 2, 4, 9
    other = make_township()
    published_after(other, D(2024, 6, 3), D(2024, 6, 4))
    assert snapshot(town, today=TODAY)["signoff"]["median_days"] == 3.0
    assert snapshot(other, today=TODAY)["signoff"]["median_days"] == 1.0


def test_publications_older_than_a_year_are_left_out(town):
    published_after(town, D(2023, 5, 4), D(2023, 5, 30))
    data = snapshot(town, today=TODAY)["signoff"]
    assert (data["median_days"], data["published"]) == (None, 0)


def test_items_waiting_longest_at_each_step_are_listed_oldest_first(town):
    people = crew(town)
    old = make_item(township=town, title="等待已久的通知", created_by=people(Role.AUTHOR))
    new = make_item(township=town, title="刚提交的通知", created_by=people(Role.AUTHOR))
    signed = make_item(township=town, title="待签发的通知", created_by=people(Role.AUTHOR))
    for item in (old, new, signed):
        chain.submit(item, people(Role.AUTHOR))
    review = Review.objects.get(object_id=signed.pk, state="in_review")
    chain.approve(review, people(Role.OFFICE_HEAD), expected_version=review.version,
                  attest_confidentiality=True)
    Review.objects.filter(object_id=old.pk).update(waiting_since=at(D(2024, 6, 3)))
    Review.objects.filter(object_id=new.pk).update(waiting_since=at(D(2024, 6, 27)))
    Review.objects.filter(object_id=signed.pk).update(waiting_since=at(D(2024, 6, 20)))
    data = snapshot(town, today=TODAY)["signoff"]
    assert (data["active"], data["oldest_days"]) == (3, 18)
    assert [p.level for p in get("signoff").problems(data)] == ["warning"]
    rows = findings(get("signoff"), town, today=TODAY).rows
    assert [(r.cells["step"], r.title) for r in rows] == [
        ("科室负责人审核", "等待已久的通知"), ("科室负责人审核", "刚提交的通知"),
        ("信息分管领导签发", "待签发的通知")]
    assert rows[0].url == f"/admin/disclosure/disclosureitem/{old.pk}/change/"
    assert rows[0].level == "warning"
    assert rows[1].level == ""


def test_spans_the_calendar_cannot_count_are_left_out(town):
    from townships.models import CalendarYear

    published_after(town, D(2024, 6, 3), D(2024, 6, 4))
    CalendarYear.objects.filter(year=2024).update(complete=False)
    data = snapshot(town, today=TODAY)["signoff"]
    assert (data["median_days"], data["published"]) == (None, 0)
