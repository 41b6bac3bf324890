"""Precomputed findings: one row per township per refresh, and the working-day index.

`manage.py refresh_oversight` (scheduled, see docs/OVERSIGHT.md) runs every check over all
townships with database aggregates and stores the result here, so the dashboard reads a
handful of rows however many items the county holds. The dashboard shows when the data was
computed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotRun(models.Model):
    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="oversight_runs", verbose_name=_("县"))
    as_of = models.DateField(_("检查日期"))
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    #: County-wide facts: calendar gaps, chart series, scan freshness.
    notes = models.JSONField(_("说明"), default=dict, blank=True)

    class Meta:
        verbose_name = _("汇总数据批次")
        verbose_name_plural = _("汇总数据批次")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["county", "-finished_at"])]

    def __str__(self) -> str:
        return f"{self.county} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class TownshipSnapshot(models.Model):
    run = models.ForeignKey(SnapshotRun, on_delete=models.CASCADE, related_name="townships",
                            verbose_name=_("批次"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    #: {check key: {measure key: value}}
    data = models.JSONField(_("检查结果"), default=dict)

    class Meta:
        verbose_name = _("乡镇检查结果")
        verbose_name_plural = _("乡镇检查结果")
        constraints = [
            models.UniqueConstraint(fields=["run", "township"], name="snapshot_one_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.township_id} @ {self.run_id}"


class DayIndex(models.Model):
    """The working-day calendar as a table, so the database can count working days.

    `workday_no` counts working days from the start of the calendar data (so the working
    days in (a, b] are `no(b) - no(a)`); it is set only inside the latest unbroken run of
    years with complete calendar data. `art26_due` is the 20th working day after the day
    (DOMAIN §6 item 6); null where that needs a year without calendar data. Rebuilt from
    townships.calendar on every refresh.
    """

    day = models.DateField(_("日期"), primary_key=True)
    workday_no = models.PositiveIntegerField(_("工作日序号"), null=True)
    art26_due = models.DateField(_("20个工作日期满日"), null=True)

    class Meta:
        verbose_name = _("工作日索引")
        verbose_name_plural = _("工作日索引")

    def __str__(self) -> str:
        return f"{self.day}: {self.workday_no}"


class OversightDashboard(TownshipSnapshot):
    """The dashboard's entry in the back office (its list page is the dashboard)."""

    class Meta:
        proxy = True
        verbose_name = _("监督检查总览")
        verbose_name_plural = _("监督检查总览")


class QuarterSnapshot(models.Model):
    """A township's results for one quarter: the last refresh of the quarter wins. Never
    deleted (the dashboard runs keep only the latest few), so quarters can be compared."""

    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("乡镇"))
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    as_of = models.DateField(_("检查日期"))
    data = models.JSONField(_("结果"), default=dict)

    class Meta:
        verbose_name = _("季度检查结果")
        verbose_name_plural = _("季度检查结果")
        constraints = [models.UniqueConstraint(fields=["township", "year", "quarter"],
                                               name="quarter_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"
