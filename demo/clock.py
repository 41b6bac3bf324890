"""A clock for seeding history: moves made inside `at(moment)` are stamped with `moment`.

The demo's published items and reports went through their sign-off chain on the working
days before they went online, not at seed time. The chain's moves and its insert-only log
(signoff.SignOff, which the database refuses to update) take their times from
`django.utils.timezone.now` and from model fields whose default is that function; inside
`at()` both give `moment`. For the demo seed only: never in a request.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.utils import timezone

_real_now = timezone.now


def _now_defaulted_fields():
    return [field for model in apps.get_models() for field in model._meta.concrete_fields
            if getattr(field, "default", None) is _real_now]


@contextmanager
def at(moment: datetime.datetime) -> Iterator[None]:
    fields = _now_defaulted_fields()
    saved = [(field, field.__dict__.get("_get_default")) for field in fields]
    timezone.now = lambda: moment
    for field in fields:
        field.__dict__["_get_default"] = timezone.now
    try:
        yield
    finally:
        timezone.now = _real_now
        for field, before in saved:
            if before is None:
                field.__dict__.pop("_get_default", None)
            else:
                field.__dict__["_get_default"] = before


def working_days_before(day: datetime.date, n: int) -> datetime.date:
    """The date n working days (Monday to Friday) before `day`."""
    while n > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def chain_moments(published: datetime.datetime, steps: int, seed: int,
                  not_before: datetime.date | None = None) -> list[datetime.datetime]:
    """Times for submission, each of `steps` approvals and publication: submitted 1–7
    working days before `published` (varied by `seed`) but not before `not_before`, the
    approvals on the days between, in office hours, publication at `published`."""
    lead = (1, 2, 2, 3, 3, 4, 5, 7)[seed % 8]
    while lead and not_before and working_days_before(published.date(), lead) < not_before:
        lead -= 1
    first = working_days_before(published.date(), lead)
    days = [first]
    for i in range(1, steps + 1):
        # Spread the approvals over the lead time; several may fall on one day.
        days.append(working_days_before(published.date(), lead - (lead * i) // (steps + 1)))
    tz = published.tzinfo
    moments = []
    for i, day in enumerate(days):
        minutes = (seed * 53 + i * 97) % 360
        moment = datetime.datetime.combine(day, datetime.time(8 + minutes // 60, minutes % 60),
                                           tzinfo=tz)
        if moments and moment <= moments[-1]:
            moment = moments[-1] + datetime.timedelta(minutes=17)
        moments.append(moment)
    if moments[-1] >= published:
        published = moments[-1] + datetime.timedelta(minutes=11)
    return [*moments, published]
