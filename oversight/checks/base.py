"""What every oversight check provides, and the context checks run in.

A check answers one question about every township. It has two halves:

- `summarize(ctx)`: the numbers for the dashboard, for all townships at once, computed with
  database aggregates (GROUP BY township), never a loop over items. `refresh_oversight`
  stores the result per township (oversight/refresh.py).
- `findings(ctx, township)`: the drill-down list for one township, live, each row linking to
  its record (admin change page, public page).

`measures` say how each number is shown and when it is a problem or a warning. To add a
check (e.g. public error reports, 找错), subclass `Check` and add an instance to
`oversight.checks.CHECKS`; the dashboard, drill-downs and exports pick it up.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townships.calendar import CalendarMissing, WorkCalendar

PROBLEM = "problem"
WARNING = "warning"
LEVEL_LABELS = {PROBLEM: _("问题"), WARNING: _("需关注")}

#: Drill-down lists and their exports stop here; the page says how many there were.
FINDINGS_LIMIT = 5000


def positive(value) -> bool:
    return bool(value) and value > 0


@dataclass(frozen=True)
class Measure:
    """One number (or date, or label) a check reports per township."""

    key: str
    label: Any
    #: "count", "date", "days", "text" (how the dashboard and Excel format it)
    kind: str = "count"
    problem_if: Callable[[Any], bool] | None = None
    warning_if: Callable[[Any], bool] | None = None
    #: The sentence for the "why" column, with {value}; defaults to "label：value".
    message: Any = ""
    #: Shown as a column of the dashboard table (every measure goes into the Excel export).
    on_dashboard: bool = True

    def level(self, value) -> str:
        if value is None:
            return ""
        if self.problem_if is not None and self.problem_if(value):
            return PROBLEM
        if self.warning_if is not None and self.warning_if(value):
            return WARNING
        return ""

    def describe(self, value, template: str | None = None) -> str:
        """The sentence for the "why" column; `template` is the message already translated
        (the dashboard resolves each message once per page, not once per township)."""
        shown = format_value(value, self.kind)
        template = template if template is not None else (
            str(self.message) if self.message else f"{self.label}：{{value}}")
        return template.format(value=shown)

    def template(self) -> str:
        return str(self.message) if self.message else f"{self.label}：{{value}}"


def format_value(value, kind: str = "count") -> str:
    if value is None or value == "":
        return "-"
    if kind == "date" and isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@dataclass
class Finding:
    """One row of a drill-down list."""

    title: str
    cells: dict[str, Any] = field(default_factory=dict)
    url: str = ""  # back office record
    public_url: str = ""  # the page the public sees, when there is one
    level: str = ""


@dataclass
class FindingList:
    columns: list[tuple[str, Any]]
    rows: list[Finding]
    total: int
    note: str = ""


@dataclass
class Problem:
    check: Check
    measure: Measure
    level: str
    text: str


class Context:
    """What one run of the checks shares: the county, today, the calendar, the townships."""

    def __init__(self, county, *, today: datetime.date | None = None, townships=None):
        self.county = county
        self.today = today or timezone.localdate()
        # A given day (tests, re-runs) is judged as at its end.
        self.now = timezone.now() if today is None else timezone.make_aware(
            datetime.datetime.combine(today, datetime.time(23, 59)))
        self.calendar = WorkCalendar()
        self._townships = townships
        #: County-wide facts the checks report (calendar gaps, chart series); stored on the run.
        self.notes: dict[str, Any] = {}

    @cached_property
    def townships(self) -> list:
        if self._townships is not None:
            return list(self._townships)
        return list(self.county.townships.active().order_by("order", "id"))

    @cached_property
    def township_ids(self) -> list[int]:
        return [t.pk for t in self.townships]

    @cached_property
    def jan1(self) -> datetime.date:
        return datetime.date(self.today.year, 1, 1)

    @cached_property
    def rules(self) -> dict[str, int]:
        from oversight.models.thresholds import thresholds_for

        return thresholds_for(self.county)

    def working_days_from_today(self, n: int) -> datetime.date:
        """Today + n working days. A year without calendar data is counted provisionally on
        the statutory holidays (DOMAIN.md rule 34) and noted as a gap, so look-aheads keep
        working across the year boundary."""
        try:
            return self.calendar.add_working_days(self.today, n)
        except CalendarMissing as exc:
            self.note_calendar_gap(exc.year)
            return WorkCalendar(provisional=True).add_working_days(self.today, n)

    def note_calendar_gap(self, year: int) -> None:
        gaps = set(self.notes.get("calendar_gaps", []))
        gaps.add(int(year))
        self.notes["calendar_gaps"] = sorted(gaps)


class Check:
    key: str = ""
    title: Any = ""
    #: One sentence on what is checked and against which rule, shown on the drill-down.
    description: Any = ""
    measures: tuple[Measure, ...] = ()
    #: Live checks are read on every dashboard load (`live_summary`) instead of being
    #: precomputed; keep them to one cheap grouped query.
    live: bool = False

    def summarize(self, ctx: Context) -> dict[int, dict]:
        raise NotImplementedError

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        raise NotImplementedError

    def live_summary(self, county, township_ids, today) -> dict[int, dict]:
        raise NotImplementedError

    def problems(self, values: dict | None, templates: dict[int, str] | None = None
                 ) -> list[Problem]:
        """What is wrong in these values; `templates` maps id(measure) to its translated
        message (see Measure.describe)."""
        found = []
        for measure in self.measures:
            value = (values or {}).get(measure.key)
            level = measure.level(value)
            if level:
                template = templates.get(id(measure)) if templates else None
                found.append(Problem(self, measure, level, measure.describe(value, template)))
        return found

    def __repr__(self) -> str:
        return f"<Check {self.key}>"
