"""Demo history: published items went through their chain on the working days before they went
online, so 提交至发布 medians are not 0 and the sign-off log carries historic times."""

import datetime

import pytest
from django.utils import timezone

from demo import clock
from demo.walkthrough import publish_through_chain
from signoff.models import Review, SignOff
from tests.factories import crew, make_item, make_township

from .conftest import snapshot

pytestmark = pytest.mark.django_db
D = datetime.date


def online(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_lead_times_spread_over_working_days_and_stay_after_not_before():
    published = online(D(2024, 6, 14))  # a Friday
    leads = []
    for seed in range(8):
        moments = clock.chain_moments(published, 4, seed)
        assert moments == sorted(moments)
        assert moments[-1] == published
        assert all(m.date().weekday() < 5 for m in moments)
        leads.append(moments[0].date())
    assert min(leads) == D(2024, 6, 5)  # 7 working days before
    assert max(leads) == D(2024, 6, 13)  # 1 working day before
    capped = clock.chain_moments(published, 4, 7, not_before=D(2024, 6, 12))
    assert capped[0].date() == D(2024, 6, 12)


def test_clock_restores_now_and_model_defaults():
    moment = online(D(2020, 1, 2))
    with clock.at(moment):
        assert timezone.now() == moment
        assert Review._meta.get_field("submitted_at").get_default() == moment
    assert timezone.now() > moment
    assert Review._meta.get_field("submitted_at").get_default() > moment


def test_historic_publication_stamped_before_it_went_online_and_median_not_zero():
    town = make_township()
    people = crew(town)
    days = [D(2024, 6, 3), D(2024, 6, 5), D(2024, 6, 7), D(2024, 6, 13), D(2024, 6, 19)]
    for seed, day in enumerate(days):
        item = make_item(township=town, written_on=D(2024, 5, 20), published_on=day,
                         created_by=people("author"))
        publish_through_chain(item, people, author=item.created_by, published=online(day),
                              seed=seed)
        item.refresh_from_db()
        assert item.first_published_at == online(day)
        review = Review.objects.get(object_id=item.pk, state="published")
        assert review.finished_at == online(day)
        assert review.submitted_at.date() < day
        log = list(SignOff.objects.filter(review=review).order_by("pk")
                   .values_list("created_at", flat=True))
        assert log == sorted(log)
        assert log[0] == review.submitted_at
        assert log[-1] == online(day)
    data = snapshot(town, today=D(2024, 6, 28))["signoff"]
    assert data["published"] == len(days)
    assert data["median_days"] >= 1
