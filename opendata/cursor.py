"""Opaque cursors for keyset pagination over (updated_at, id), ascending.

A harvester that keeps the last cursor (or the last `updated_at`) never misses a row: an
object changed after it was listed gets a later `updated_at` and comes round again.
"""

from __future__ import annotations

import base64
import datetime

from django.db.models import Q


class BadCursorError(ValueError):
    pass


def encode(updated_at: datetime.datetime, pk: int) -> str:
    raw = f"{updated_at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime.datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.rsplit("|", 1)
        when = datetime.datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            raise ValueError("naive time")
        return when, int(pk)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursorError(str(exc)) from None


def after(cursor: str) -> Q:
    when, pk = decode(cursor)
    return Q(updated_at__gt=when) | Q(updated_at=when, pk__gt=pk)


def page(queryset, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of `queryset` after `cursor`, and the cursor of the next page (or None)."""
    if cursor:
        queryset = queryset.filter(after(cursor))
    rows = list(queryset.order_by("updated_at", "pk")[:limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (encode(rows[-1].updated_at, rows[-1].pk) if more and rows else None)
