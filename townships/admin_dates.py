"""The admin's date drill-down (`date_hierarchy`) without a scan of the whole table.

Django lists the years (and the months of a year) with `SELECT DISTINCT date_trunc(...)`
over every row the user may read: on a county of a million items that is a full scan on
every load of the item list. Here the first and last dates come from one MIN/MAX query
(answered from the date index), and each year or month between them is probed with an
`EXISTS` over its date range: a dozen index lookups. The days of one month are few enough
for Django's own query.
"""

from __future__ import annotations

import datetime

from django.db import models


class ProbedDatesQuerySet(models.QuerySet):
    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month"):
            return super().dates(field_name, kind, order)
        bounds = self.aggregate(first=models.Min(field_name), last=models.Max(field_name))
        first, last = bounds["first"], bounds["last"]
        if first is None:
            return []
        found = [start for start, end in _periods(first, last, kind)
                 if self.filter(**{f"{field_name}__gte": start,
                                   f"{field_name}__lt": end}).exists()]
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
