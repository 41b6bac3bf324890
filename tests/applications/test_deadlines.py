"""Reply deadlines: 20 working days, correction restart, pauses, the single extension."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications import deadlines, transitions
from applications.models import Application, ApplicationEvent
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.calendar import CalendarMissing
from townships.models import CalendarYear, Role

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def township():
    return make_township()


@pytest.fixture
def handler(township):
    return make_member(township=township, role=Role.PUBLISHER)


def test_due_date_is_20_working_days_when_received_in_person(township):
    app = make_application(township=township, received_on=D("2024-03-20"))
    assert app.due_on == D("2024-04-18")


def test_clock_restarts_from_correction_when_corrected_application_arrives(township, handler):
    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.request_correction(app.pk, user=handler, notice_on=D("2024-03-08"),
                                   correct_by=D("2024-03-22"))
    app.refresh_from_db()
    assert app.state == "correction"
    assert app.due_on is None
    transitions.receive_correction(app.pk, user=handler, received_on=D("2024-03-20"))
    app.refresh_from_db()
    assert app.state == "accepted"
    assert app.clock_start == D("2024-03-20")
    assert app.due_on == D("2024-04-18")


def test_case_closes_as_r3_6_1_when_no_correction_by_stated_date(township, handler):
    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.request_correction(app.pk, user=handler, notice_on=D("2024-03-08"),
                                   correct_by=D("2024-03-22"))
    with pytest.raises(ValidationError, match="尚未届满"):
        transitions.close_uncorrected(app.pk, user=handler, on=D("2024-03-22"))
    transitions.close_uncorrected(app.pk, user=handler, on=D("2024-03-25"))
    app.refresh_from_db()
    assert (app.state, app.outcome, app.replied_on) == ("replied", "r3_6_1", D("2024-03-25"))


def test_late_correction_notice_is_recorded_when_sent_after_7_working_days(township, handler):
    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.request_correction(app.pk, user=handler, notice_on=D("2024-03-14"),
                                   correct_by=D("2024-03-28"))
    event = app.events.get(action="request_correction")
    assert "超过7个工作日" in event.note


def test_deadline_moves_by_working_days_paused_when_third_party_consulted(township, handler):
    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.accept(app.pk, user=handler)
    transitions.start_consultation(app.pk, user=handler, notice_on=D("2024-03-11"))
    app.refresh_from_db()
    assert app.state == "consultation"
    assert app.pause_reply_due_on == D("2024-04-01")  # notice + 15 working days (清明 4–6 Apr)
    transitions.end_consultation(app.pk, user=handler, on=D("2024-03-18"))
    app.refresh_from_db()
    assert app.paused_days == 5
    assert app.state == "accepted"
    # 2024-04-01 + 5 working days: 4–5 April are holidays, Sunday 7 April is worked.
    assert app.due_on == D("2024-04-09")


def test_extension_adds_at_most_20_working_days_when_approved(township, handler):
    app = make_application(township=township, received_on=D("2024-03-20"))
    transitions.accept(app.pk, user=handler)
    transitions.extend(app.pk, user=handler, days=20, approver="张主任", reason="涉及档案检索",
                       notice_on=D("2024-04-15"))
    app.refresh_from_db()
    assert app.state == "extended"
    assert app.due_on == D("2024-05-17")
    event = app.events.get(action="extend")
    assert (event.old_due_on, event.new_due_on) == (D("2024-04-18"), D("2024-05-17"))


def test_second_extension_refused_when_one_already_granted(township, handler):
    app = make_application(township=township, received_on=D("2024-03-20"))
    transitions.accept(app.pk, user=handler)
    transitions.extend(app.pk, user=handler, days=5, approver="张主任", reason="需要汇总",
                       notice_on=D("2024-04-15"))
    transitions.start_consultation(app.pk, user=handler, notice_on=D("2024-04-16"))
    with pytest.raises(ValidationError, match="只能延长一次"):
        transitions.extend(app.pk, user=handler, days=5, approver="张主任", reason="再延",
                           notice_on=D("2024-04-17"))
    assert Application.objects.get(pk=app.pk).extension_days == 5


@pytest.mark.parametrize("days", [21, 0])
def test_extension_refused_when_days_outside_1_to_20(township, handler, days):
    app = make_application(township=township, received_on=D("2024-03-20"))
    transitions.accept(app.pk, user=handler)
    with pytest.raises(ValidationError, match="不超过20个工作日"):
        transitions.extend(app.pk, user=handler, days=days, approver="张主任", reason="理由",
                           notice_on=D("2024-04-15"))


def test_extension_refused_when_approver_missing(township, handler):
    app = make_application(township=township, received_on=D("2024-03-20"))
    transitions.accept(app.pk, user=handler)
    with pytest.raises(ValidationError, match="批准人"):
        transitions.extend(app.pk, user=handler, days=10, approver=" ", reason="理由",
                           notice_on=D("2024-04-15"))


def test_every_due_date_change_is_logged_when_handled(township, handler):
    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.accept(app.pk, user=handler)
    transitions.start_consultation(app.pk, user=handler, notice_on=D("2024-03-11"))
    transitions.end_consultation(app.pk, user=handler, on=D("2024-03-18"))
    changes = [(e.old_due_on, e.new_due_on) for e in ApplicationEvent.objects.filter(
        application=app).exclude(old_due_on=None)
        if e.old_due_on != e.new_due_on]
    assert changes == [(D("2024-04-01"), D("2024-04-09"))]


def test_reply_refused_when_user_does_not_handle_that_township(township):
    app = make_application(township=township)
    author = make_member(township=township, role=Role.AUTHOR)
    other = make_member(township=make_township(), role=Role.PUBLISHER)
    for user in (author, other):
        with pytest.raises(PermissionDenied):
            transitions.accept(app.pk, user=user)


def test_reply_records_exactly_one_outcome_when_answered(township, handler):
    app = make_application(township=township)
    transitions.accept(app.pk, user=handler)
    with pytest.raises(ValidationError):
        transitions.reply(app.pk, user=handler, outcome="r3_7", text="x", on=D("2024-03-10"))
    transitions.reply(app.pk, user=handler, outcome="r3_3_4", text="涉及第三方商业秘密。",
                      on=D("2024-03-10"))
    app.refresh_from_db()
    assert (app.state, app.outcome) == ("replied", "r3_3_4")
    with pytest.raises(ValidationError):
        transitions.reply(app.pk, user=handler, outcome="r3_1", text="x", on=D("2024-03-11"))


def test_application_gets_provisional_due_date_when_calendar_year_missing(township, handler):
    CalendarYear.objects.filter(year=2026).delete()
    app = make_application(township=township, received_on=D("2025-12-22"))
    assert (app.due_on, app.due_provisional) == (D("2026-01-20"), True)
    assert "2026年节假日安排尚未录入" in app.events.get(action="register").note
    with pytest.raises(CalendarMissing):
        deadlines.reply_due(app)  # the strict engine still refuses
    CalendarYear.objects.create(year=2026, complete=True)  # recomputed on save
    app.refresh_from_db()
    assert (app.due_on, app.due_provisional) == (D("2026-01-20"), False)


def test_not_flagged_overdue_when_clock_paused_for_consultation(township, handler):
    from applications.deadlines import deadline_flag

    app = make_application(township=township, received_on=D("2024-03-04"))
    transitions.accept(app.pk, user=handler)
    assert deadline_flag(Application.objects.get(pk=app.pk), D("2024-04-02")) == "reply_overdue"
    transitions.start_consultation(app.pk, user=handler, notice_on=D("2024-03-11"))
    app.refresh_from_db()
    assert deadline_flag(app, D("2024-04-02")) == "pause_overdue"  # past the third party's 15 days
    assert not Application.objects.overdue(D("2024-04-02")).exists()
