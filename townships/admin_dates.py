"""The admin's date drill-down (`date_hierarchy`) without a scan of the whole table.

Django lists the years (and the months of a year) with `SELECT DISTINCT date_trunc(...)`
over every row the user may read: on a county of a million items that is a full scan on
every load of the item list. Here the first and last dates come from one MIN/MAX query
(answered from the date index), and each year or month between them is probed with an
`EXISTS` over its date range: a dozen index lookups in one query. The days of one month are
few enough for Django's own query.

The drill-down reads the rows the user may read (the scope), not the list's other filters
and search (`ScopeDatesChangeList`): with a filter that no index serves (体裁 = 行政事业性收费)
Django's MIN/MAX and the probes would each read the whole table to list the years. The
years, months and days offered are those of the scope; one may lead to an empty list.
"""

from __future__ import annotations

import datetime

from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils.timezone import make_aware


class ProbedDatesQuerySet(models.QuerySet):
    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month"):
            return super().dates(field_name, kind, order)
        bounds = self.aggregate(first=models.Min(field_name), last=models.Max(field_name))
        first, last = bounds["first"], bounds["last"]
        if first is None:
            return []
        periods = list(_periods(first, last, kind))
        # One round trip: a row of the queryset carries one EXISTS per period (each is an
        # index probe, evaluated once).
        probes = {f"p{n}": models.Exists(self.filter(**{f"{field_name}__gte": start,
                                                         f"{field_name}__lt": end}))
                  for n, (start, end) in enumerate(periods)}
        row = self.order_by().annotate(**probes).values_list(*probes)[:1]
        flags = next(iter(row), [False] * len(periods))  # emptied since the MIN/MAX
        found = [start for (start, _end), present in zip(periods, flags, strict=True)
                 if present]
        return found if order == "ASC" else found[::-1]


def _periods(first: datetime.date, last: datetime.date, kind: str):
    """(start, next start) of each year or month from `first` to `last`."""
    if kind == "year":
        for year in range(first.year, last.year + 1):
            yield datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        return
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = (year + month // 12, month % 12 + 1)
        yield datetime.date(year, month, 1), datetime.date(*following, 1)
        year, month = following


def with_probed_dates(queryset: models.QuerySet) -> models.QuerySet:
    """The same query, answering `dates()` by probing (the class survives chaining)."""
    return ProbedDatesQuerySet(model=queryset.model, query=queryset.query.chain(),
                               using=queryset._db, hints=queryset._hints)


class ScopeDatesChangeList(ChangeList):
    """A changelist whose date drill-down lists the periods of the readable rows."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.date_hierarchy:
            # The page's rows are fetched (result_list); from here on only Django's
            # `date_hierarchy` tag reads `queryset`.
            self.queryset = self.root_queryset.filter(**self._selected_period())

    def _selected_period(self) -> dict:
        """The year or month chosen in the drill-down as a range (an index can serve it)."""
        field = self.date_hierarchy
        year, month = (self.params.get(f"{field}__{part}") for part in ("year", "month"))
        if year is None:
            return {}
        # Validated by ChangeList.get_filters, which refuses a period that is no date.
        start = datetime.date(int(year), int(month or 1), 1)
        end = ((start + datetime.timedelta(days=32)).replace(day=1) if month
               else start.replace(year=start.year + 1))
        if isinstance(get_fields_from_path(self.model, field)[-1], models.DateTimeField):
            start, end = (make_aware(datetime.datetime.combine(day, datetime.time()))
                          for day in (start, end))
        return {f"{field}__gte": start, f"{field}__lt": end}
