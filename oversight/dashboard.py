"""The dashboard read: one row per township from the latest precomputed run, plus the live
checks (notices). A fixed number of queries whatever the number of townships or items."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, filecheck
from .checks import CHECKS, Check, Measure, Problem
from .checks.base import PROBLEM, WARNING, format_value
from .models import FileCheckRun, SnapshotRun
from .refresh import latest_run

#: Older than this, the dashboard warns that the scheduled refresh may have stopped.
RUN_STALE_AFTER = datetime.timedelta(hours=2)
FILE_CHECK_STALE_AFTER = datetime.timedelta(days=2)
TOP_STALE = 15

STATUS_LABELS = {PROBLEM: gettext_lazy("存在问题"), WARNING: gettext_lazy("需关注"),
                 "ok": gettext_lazy("未发现问题")}
SORTS = ("problems", "order")


@dataclass
class Cell:
    check: Check
    measure: Measure
    value: Any
    level: str

    @property
    def display(self) -> str:
        return format_value(self.value, self.measure.kind)


@dataclass
class Row:
    township: Any
    data: dict
    problems: list[Problem] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        return sum(1 for p in self.problems if p.level == PROBLEM)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if p.level == WARNING)

    @property
    def status(self) -> str:
        if self.problem_count:
            return PROBLEM
        return WARNING if self.warning_count else "ok"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def cells(self, columns) -> list[Cell]:
        out = []
        for check, measure in columns:
            value = self.data.get(check.key, {}).get(measure.key)
            out.append(Cell(check, measure, value, measure.level(value)))
        return out


@dataclass
class Dashboard:
    county: Any
    today: datetime.date
    run: SnapshotRun | None
    rows: list[Row]
    file_run: FileCheckRun | None
    columns: list[tuple[Check, Measure]]
    all_columns: list[tuple[Check, Measure]]

    @property
    def groups(self) -> list[tuple[Check, int]]:
        """(check, number of dashboard columns) for the grouped table header."""
        spans: dict[str, list] = {}
        for check, _measure in self.columns:
            spans.setdefault(check.key, [check, 0])[1] += 1
        return [(check, n) for check, n in spans.values()]

    @property
    def counts(self) -> dict[str, int]:
        counts = {PROBLEM: 0, WARNING: 0, "ok": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def run_is_stale(self) -> bool:
        return self.run is not None and timezone.now() - self.run.finished_at > RUN_STALE_AFTER

    @property
    def file_check_is_stale(self) -> bool:
        return (self.file_run is None
                or timezone.now() - self.file_run.finished_at > FILE_CHECK_STALE_AFTER)

    @property
    def calendar_warning(self) -> str:
        """From 1 November: next year's holiday data is missing (checked live)."""
        from townships.calendar import calendar_warning

        return calendar_warning(self.today)

    @property
    def calendar_gaps(self) -> list[int]:
        return (self.run.notes.get("calendar_gaps", []) if self.run else [])

    def charts(self) -> list[charts.Chart]:
        if self.run is None:
            return []
        return [items_chart(self.run, [r.data for r in self.rows], _("全县")),
                overdue_chart(self.run, [r.data for r in self.rows], _("全县")),
                pause_overdue_chart(self.run, [r.data for r in self.rows], _("全县")),
                stale_columns_chart(self.rows)]


def columns(*, dashboard_only: bool) -> list[tuple[Check, Measure]]:
    return [(check, measure) for check in CHECKS for measure in check.measures
            if measure.on_dashboard or not dashboard_only]


def message_templates() -> dict[int, str]:
    """Each measure's message translated once (per page, not per township)."""
    return {id(m): m.template() for check in CHECKS for m in check.measures}


def problems_of(data: dict, templates: dict[int, str] | None = None) -> list[Problem]:
    found = []
    for check in CHECKS:
        found += check.problems(data.get(check.key), templates)
    return found


def build(county, *, today: datetime.date | None = None, status: str = "",
          sort: str = "problems") -> Dashboard:
    today = today or timezone.localdate()
    run = latest_run(county)
    rows: list[Row] = []
    if run is not None:
        snapshots = (run.townships.select_related("township")
                     .order_by("township__order", "township__id"))
        rows = [Row(s.township, dict(s.data)) for s in snapshots]
        ids = [row.township.pk for row in rows]
        for check in CHECKS:
            if check.live:
                live = check.live_summary(county, ids, today)
                for row in rows:
                    row.data[check.key] = live.get(row.township.pk, {})
        templates = message_templates()
        for row in rows:
            row.problems = problems_of(row.data, templates)
    if status in STATUS_LABELS:
        rows = [row for row in rows if row.status == status]
    if sort == "problems":
        rows.sort(key=lambda r: (-r.problem_count, -r.warning_count))
    return Dashboard(county, today, run, rows, filecheck.latest_run(),
                     columns(dashboard_only=True), columns(dashboard_only=False))


def month_labels(run: SnapshotRun) -> list[str]:
    return [f"{m[:4]}年{int(m[5:7])}月" for m in run.notes.get("months", [])]


def items_chart(run: SnapshotRun, datas: list[dict], who: str) -> charts.Chart:
    labels = month_labels(run)
    values = [sum(d.get("items", {}).get("months", [0] * len(labels))[i] for d in datas)
              for i in range(len(labels))]
    short = [f"{int(m[5:7])}月" for m in run.notes.get("months", [])]
    return charts.column_chart(
        "items-per-month", _("%(who)s近12个月每月发布信息数") % {"who": who}, labels, values,
        value_label=_("发布条数"), category_label=_("月份"), axis_labels=short,
        summary=charts.describe_series(labels, values, _("条")))


def overdue_chart(run: SnapshotRun, datas: list[dict], who: str) -> charts.Chart:
    days = run.notes.get("series_days", [])
    labels = [f"{d[:4]}年{int(d[5:7])}月{int(d[8:])}日" for d in days]
    short = [f"{int(d[5:7])}月末" for d in days[:-1]] + [_("今天")] if days else []
    values = [sum(d.get("applications", {}).get("series", [0] * len(days))[i] for d in datas)
              for i in range(len(days))]
    return charts.column_chart(
        "overdue-applications", _("%(who)s答复逾期的依申请公开件数（各月月末）") % {"who": who},
        labels, values, value_label=_("逾期件数"), category_label=_("日期"), axis_labels=short,
        summary=charts.describe_series(labels, values, _("件"), total=False)
        + _("按各申请最终的答复期限推算。"))


def pause_overdue_chart(run: SnapshotRun, datas: list[dict], who: str) -> charts.Chart:
    """暂停逾期 (征求意见、补正 past their own limit), the same months as the 答复逾期 chart."""
    days = run.notes.get("series_days", [])
    labels = [f"{d[:4]}年{int(d[5:7])}月{int(d[8:])}日" for d in days]
    short = [f"{int(d[5:7])}月末" for d in days[:-1]] + [_("今天")] if days else []
    values = [sum(d.get("applications", {}).get("pause_series", [0] * len(days))[i]
                  for d in datas) for i in range(len(days))]
    return charts.column_chart(
        "pause-overdue-applications",
        _("%(who)s暂停逾期的依申请公开件数（征求意见、补正超过期限，各月月末）") % {"who": who},
        labels, values, value_label=_("暂停逾期件数"), category_label=_("日期"),
        axis_labels=short, summary=charts.describe_series(labels, values, _("件"), total=False)
        + _("按各申请目前的暂停状态推算。"))


def stale_columns_chart(rows: list[Row]) -> charts.Chart:
    def bad(row):
        values = row.data.get("columns", {})
        return (values.get("stale") or 0) + (values.get("empty") or 0)

    worst = sorted((r for r in rows if bad(r)), key=bad, reverse=True)[:TOP_STALE]
    labels = [r.township.name for r in worst]
    values = [bad(r) for r in worst]
    if worst:
        summary = _("%(n)s个乡镇有超期未更新或空白栏目，最多的是%(name)s（%(v)s个）。") % {
            "n": sum(1 for r in rows if bad(r)), "name": labels[0], "v": values[0]}
    else:
        summary = _("所有乡镇的栏目都按期更新。")
    return charts.bar_chart(
        "stale-columns", _("超期未更新和空白栏目最多的乡镇（前%(n)s名）") % {"n": TOP_STALE},
        labels, values, value_label=_("栏目数"), category_label=_("乡镇"), summary=summary)


def township_charts(run: SnapshotRun | None, data: dict, township) -> list[charts.Chart]:
    if run is None:
        return []
    return [items_chart(run, [data], township.name), overdue_chart(run, [data], township.name),
            pause_overdue_chart(run, [data], township.name)]
