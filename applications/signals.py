"""Recompute open deadlines when the county enters or corrects a year's calendar."""

from __future__ import annotations

from django.utils.translation import gettext as _


def calendar_year_changed(sender, instance, **kwargs) -> None:
    from .deadlines import recompute_open

    recompute_open(instance.year, note=_("%(year)d年工作日历已录入或更正，答复期限自动重算。")
                   % {"year": instance.year})


def calendar_day_changed(sender, instance, **kwargs) -> None:
    """A day added, corrected or removed in a year already marked complete."""
    from townships.models import CalendarYear

    from .deadlines import recompute_open

    year = instance.date.year
    if CalendarYear.objects.filter(year=year, complete=True).exists():
        recompute_open(year, note=_("%(year)d年工作日历已更正，答复期限自动重算。")
                       % {"year": year})


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from townships.models import CalendarDay, CalendarYear

    post_save.connect(calendar_year_changed, sender=CalendarYear,
                      dispatch_uid="applications-calendar-year")
    post_delete.connect(calendar_year_changed, sender=CalendarYear,
                        dispatch_uid="applications-calendar-year-delete")
    post_save.connect(calendar_day_changed, sender=CalendarDay,
                      dispatch_uid="applications-calendar-day")
    post_delete.connect(calendar_day_changed, sender=CalendarDay,
                        dispatch_uid="applications-calendar-day-delete")
