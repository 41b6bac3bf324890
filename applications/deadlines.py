"""Statutory deadlines of an application, counted in working days (Art. 30–33)."""

from __future__ import annotations

import datetime

from townships.calendar import CalendarMissing, WorkCalendar

from .models import (
    CORRECTION_NOTICE_DAYS,
    REPLY_DAYS,
    THIRD_PARTY_DAYS,
    Application,
    Channel,
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


def correction_notice_due(app: Application, cal: WorkCalendar | None = None):
    """Art. 30: the correction notice goes out within 7 working days of receipt."""
    if not app.received_on:
        return None
    return (cal or WorkCalendar()).add_working_days(app.received_on, CORRECTION_NOTICE_DAYS)


def third_party_due(notice_on: datetime.date, cal: WorkCalendar | None = None):
    """Art. 32: the third party answers within 15 working days of the notice."""
    return (cal or WorkCalendar()).add_working_days(notice_on, THIRD_PARTY_DAYS)


def deadline_flag(app: Application, today: datetime.date,
                  cal: WorkCalendar | None = None) -> str:
    """"overdue", "due_soon" (within 5 working days), "" or "no_calendar"."""
    if not app.clock_running or not app.due_on:
        return ""
    if app.due_on < today:
        return "overdue"
    try:
        left = (cal or WorkCalendar()).working_days_between(today, app.due_on)
    except CalendarMissing:
        return "no_calendar"
    return "due_soon" if left <= DUE_SOON_DAYS else ""
