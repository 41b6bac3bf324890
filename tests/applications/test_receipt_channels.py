"""Art. 31: the receipt date each channel implies, and the deadline that follows."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from applications import transitions
from applications.deadlines import receipt_date
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db
SENT, SIGNED, CONFIRMED = D("2024-03-01"), D("2024-03-04"), D("2024-03-05")


@pytest.mark.parametrize(("channel", "expected"), [
    ("in_person", SENT),            # hand-in day
    ("registered_post", SIGNED),    # signed-for day
    ("ordinary_post", CONFIRMED),   # the office confirms with the applicant
    ("online", CONFIRMED),          # both sides confirm
    ("fax", CONFIRMED),             # both sides confirm
])
def test_receipt_date_follows_article_31_when_channel_given(channel, expected):
    assert receipt_date(channel, submitted_on=SENT, signed_on=SIGNED,
                        confirmed_on=CONFIRMED) == expected


@pytest.mark.parametrize("channel", ["ordinary_post", "online", "fax"])
def test_no_deadline_runs_when_receipt_not_yet_confirmed(channel):
    assert receipt_date(channel, submitted_on=SENT) is None


def test_online_application_gets_deadline_when_office_confirms_receipt():
    township = make_township()
    handler = make_member(township=township, role=Role.TOWNSHIP_ADMIN)
    app = make_application(township=township, channel="online", received_on=D("2024-03-04"))
    app.received_on = app.due_on = app.clock_start = None
    app.save()
    with pytest.raises(ValidationError, match="尚未确认"):
        transitions.accept(app.pk, user=handler)
    transitions.confirm_receipt(app.pk, user=handler, on=D("2024-03-20"))
    app.refresh_from_db()
    assert (app.received_on, app.due_on) == (D("2024-03-20"), D("2024-04-18"))


def test_registered_post_deadline_counts_from_signing_when_registered():
    township = make_township()
    app = make_application(township=township, channel="registered_post",
                           received_on=D("2024-03-04"), submitted_on=D("2024-02-28"))
    assert (app.received_on, app.due_on) == (D("2024-03-04"), D("2024-04-01"))
