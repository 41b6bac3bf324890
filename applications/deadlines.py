"""Statutory deadlines of an application, counted in working days (Art. 30–33)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from townships.calendar import WorkCalendar

from .models import (
    CORRECTION_NOTICE_DAYS,
    REPLY_DAYS,
    THIRD_PARTY_DAYS,
    Application,
    Channel,
    State,
)

DUE_SOON_DAYS = 5


def receipt_date(channel: str, *, submitted_on: datetime.date,
                 confirmed_on: datetime.date | None = None,
                 signed_on: datetime.date | None = None) -> datetime.date | None:
    """Art. 31: the day the application counts as received, by channel.

    In person: the day it is handed in. Registered post: the day it is signed for.
    Ordinary post: the day the office confirms it with the applicant. Online or fax:
    the day both sides confirm it. None while the required confirmation is missing.
    """
    if channel == Channel.IN_PERSON:
        return submitted_on
    if channel == Channel.REGISTERED_POST:
        return signed_on
    if channel in (Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX):
        return confirmed_on
    raise ValueError(channel)


def reply_due(app: Application, cal: WorkCalendar | None = None) -> datetime.date:
    """Clock start + 20 working days + extension + working days paused."""
    cal = cal or WorkCalendar()
    return cal.add_working_days(app.clock_start, REPLY_DAYS + app.extension_days
                                + app.paused_days)


def provisional_calendar() -> WorkCalendar:
    """A calendar that never refuses: years without data count on statutory holidays."""
    return WorkCalendar(provisional=True)


def reply_due_marked(app: Application, cal: WorkCalendar | None = None
                     ) -> tuple[datetime.date, bool]:
    """The reply deadline and whether it is provisional (DOMAIN.md rule 34)."""
    cal = cal or provisional_calendar()
    due = reply_due(app, cal)
    return due, bool(cal.provisional_in(app.clock_start, due))


def correction_notice_due(app: Application, cal: WorkCalendar | None = None):
    """Art. 30: the correction notice goes out within 7 working days of receipt."""
    if not app.received_on:
        return None
    return (cal or provisional_calendar()).add_working_days(app.received_on,
                                                            CORRECTION_NOTICE_DAYS)


def third_party_due(notice_on: datetime.date, cal: WorkCalendar | None = None):
    """Art. 32: the third party answers within 15 working days of the notice."""
    return (cal or provisional_calendar()).add_working_days(notice_on, THIRD_PARTY_DAYS)


REPLY_OVERDUE, PAUSE_OVERDUE = "reply_overdue", "pause_overdue"


def lateness(app: Application, day: datetime.date) -> str:
    """REPLY_OVERDUE (答复逾期), PAUSE_OVERDUE (暂停逾期) or "" at the end of `day`.

    The Python twin of models.reply_overdue_q / pause_overdue_q: clerk screens, the desk and
    the list use this, the dashboard table and chart use the queries; a test holds them equal.
    """
    if app.state == State.CONSULTATION:
        started, limit = app.pause_started_on, app.pause_reply_due_on
        return PAUSE_OVERDUE if started and limit and started <= day and limit < day else ""
    if app.state == State.CORRECTION:
        started, limit = app.correction_requested_on, app.correction_due_on
        return PAUSE_OVERDUE if started and limit and started <= day and limit < day else ""
    if (app.received_on and app.due_on and app.received_on <= day and app.due_on < day
            and (app.replied_on is None or app.replied_on > day)):
        return REPLY_OVERDUE
    return ""


def lateness_label(app: Application, day: datetime.date) -> str:
    """答复逾期, 征求意见逾期, 补正逾期 or ""."""
    kind = lateness(app, day)
    if kind == REPLY_OVERDUE:
        return _("答复逾期")
    if kind == PAUSE_OVERDUE:
        return _("征求意见逾期") if app.state == State.CONSULTATION else _("补正逾期")
    return ""


def pause_status(app: Application, today: datetime.date,
                 cal: WorkCalendar | None = None) -> str:
    """The running pause, its limit and the working days elapsed, for the case page."""
    if app.state == State.CONSULTATION and app.pause_started_on:
        used = (cal or provisional_calendar()).working_days_between(app.pause_started_on,
                                                                     today)
        text = _("征求意见自%(start)s起已用%(used)d个工作日（第三方答复期限%(limit)d个工作日，"
                 "至%(due)s）") % {"start": f"{app.pause_started_on:%Y-%m-%d}", "used": used,
                                  "limit": THIRD_PARTY_DAYS,
                                  "due": f"{app.pause_reply_due_on:%Y-%m-%d}"}
    elif app.state == State.CORRECTION and app.correction_requested_on:
        used = (cal or provisional_calendar()).working_days_between(
            app.correction_requested_on, today)
        text = _("补正通知自%(start)s起已过%(used)d个工作日（补正期限至%(due)s）") % {
            "start": f"{app.correction_requested_on:%Y-%m-%d}", "used": used,
            "due": f"{app.correction_due_on:%Y-%m-%d}"}
    else:
        return ""
    label = lateness_label(app, today)
    return f"{text}；{label}" if label else text


def deadline_flag(app: Application, today: datetime.date,
                  cal: WorkCalendar | None = None) -> str:
    """REPLY_OVERDUE, PAUSE_OVERDUE, "due_soon" (within 5 working days) or ""."""
    kind = lateness(app, today)
    if kind or not app.clock_running or not app.due_on:
        return kind
    left = (cal or provisional_calendar()).working_days_between(today, app.due_on)
    return "due_soon" if left <= DUE_SOON_DAYS else ""


def due_soon_limit(today: datetime.date, cal: WorkCalendar | None = None) -> datetime.date:
    """The last day that counts as "due soon": 5 working days ahead, across any year."""
    return (cal or provisional_calendar()).add_working_days(today, DUE_SOON_DAYS)


def recompute_open(year: int | None = None, *, note: str = "") -> tuple[int, int]:
    """Recompute the reply deadline of every open case whose clock is set (and, for a
    paused consultation, the third party's due date). With `year`, only cases whose
    period touches that year. Returns (cases recomputed, deadlines changed); each change
    is logged on the case. Called when the county enters or corrects a year's calendar.
    """
    from django.db import transaction
    from django.db.models import Q

    from .models import ApplicationEvent, State

    qs = Application.objects.open().exclude(clock_start=None).exclude(state=State.CORRECTION)
    if year is not None:
        qs = qs.filter(clock_start__year__lte=year).filter(
            Q(due_on__year__gte=year) | Q(due_on=None)
            | Q(pause_reply_due_on__year__gte=year))
    cal = provisional_calendar()
    seen = changed = 0
    with transaction.atomic():
        for app in qs.select_for_update().order_by("pk"):
            seen += 1
            due = reply_due(app, cal)
            provisional = bool(cal.provisional_in(app.clock_start, due))
            fields = []
            if (app.due_on, app.due_provisional) != (due, provisional):
                old = app.due_on
                app.due_on, app.due_provisional = due, provisional
                fields += ["due_on", "due_provisional"]
            if app.pause_started_on:
                pause_due = third_party_due(app.pause_started_on, cal)
                if pause_due != app.pause_reply_due_on:
                    app.pause_reply_due_on = pause_due
                    fields.append("pause_reply_due_on")
            if fields:
                changed += 1
                app.save(update_fields=fields)
                if "due_on" in fields:
                    ApplicationEvent.objects.create(
                        application=app, action="compute_due", from_state=app.state,
                        to_state=app.state, old_due_on=old, new_due_on=due,
                        note=note or app.provisional_reason)
    return seen, changed
