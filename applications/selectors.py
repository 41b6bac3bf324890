"""Reads for pages and reports. `table3(township, year)` is used by the annual report."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Count

from . import table3 as t3
from .models import Application


def _empty() -> dict[str, dict[str, int]]:
    return {row: dict.fromkeys(t3.COLUMN_IDS, 0) for row in t3.ROW_IDS}


def _add(result, row: str, counts) -> None:
    for kind, n in counts:
        result[row][kind] += n


def table3(township, year: int) -> dict[str, dict[str, int]]:
    """Table 3 for one township and year, built from applications.

    r1: received in the year. r2: received earlier and still open on 1 January.
    r3_*: closed in the year, by outcome. r4: open on 31 December. So r1 + r2 = r3_7 + r4.
    Applications whose receipt is not yet confirmed are not counted.
    """
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = Application.objects.for_township(township).filter(received_on__isnull=False)
    result = _empty()

    def by_kind(q):
        return q.values_list("applicant_kind").annotate(n=Count("id")).order_by()

    _add(result, "r1", by_kind(qs.filter(received_on__range=(first, last))))
    _add(result, "r2", by_kind(qs.open_on(first - datetime.timedelta(days=1))))
    _add(result, "r4", by_kind(qs.open_on(last)))
    closed = (qs.filter(replied_on__range=(first, last)).values_list("outcome", "applicant_kind")
              .annotate(n=Count("id")).order_by())
    for outcome, kind, n in closed:
        result[outcome][kind] += n
    for kind in t3.APPLICANT_COLUMNS:
        result["r3_7"][kind] = sum(result[row][kind] for row in t3.OUTCOME_ROWS)
    for row in result.values():
        row["total"] = sum(row[c] for c in t3.APPLICANT_COLUMNS)
    return result


def applicant_month_position(app: Application) -> int:
    """Which application this is for its applicant in its month (按件计收 counts per month)."""
    day = app.received_on or app.submitted_on
    earlier = (Application.objects.for_township(app.township_id)
               .filter(id_number=app.id_number, received_on__year=day.year,
                       received_on__month=day.month)
               .filter(models.Q(received_on__lt=day)
                       | models.Q(received_on=day, pk__lt=app.pk)))
    return earlier.count() + 1


def fees_collected(township, year: int):
    """Information-processing fees recorded for applications paid in the year (section 六)."""
    from django.db.models import Sum

    total = (Application.objects.for_township(township)
             .filter(fee_paid_on__year=year).aggregate(s=Sum("fee_amount"))["s"])
    return total or 0


def public_status(township, tracking_number: str, phone: str):
    """The application matching both, or None. Nothing else is revealed."""
    app = (Application.objects.for_township(township)
           .filter(tracking_number=tracking_number.strip().upper()).first())
    if app is None or not _same_phone(app.phone, phone):
        return None
    return app


def _same_phone(stored: str, typed: str) -> bool:
    """Compare digits only, ignoring spaces, hyphens and a +86 prefix."""
    def digits(value: str) -> str:
        only = "".join(c for c in value if c.isdigit())
        return only[2:] if only.startswith("86") and len(only) == 13 else only

    return bool(digits(typed)) and digits(stored) == digits(typed)
