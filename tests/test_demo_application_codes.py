"""The query codes seed_demo prints for the public status page: the second one belongs to a
case with a reply, so a visitor can try downloading the notice (申请答复告知书)."""

import datetime

import pytest

from demo.applications import REPLIED, _plan
from townships.calendar import WorkCalendar

pytestmark = pytest.mark.django_db


def _replies(steps):
    return [s for s in steps if isinstance(s, tuple) and s[0] == "reply"]


def test_the_printed_replied_case_is_the_first_with_a_reply():
    plan = _plan(datetime.date(2026, 12, 7), WorkCalendar(provisional=True))
    assert _replies(plan[REPLIED][1])
    assert not any(_replies(steps) for _received, steps in plan[:REPLIED])
