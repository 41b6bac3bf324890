"""Yearly number sequences (索引号 serials, 文号 of letters and notices), safe under concurrency.

A sequence is a row of a counter model (a `last` integer field and a unique key such as
township + year). The row is created idempotently and then locked, so two transactions
never receive the same number (PostgreSQL row lock; SQLite serialises writers).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction


def next_serial(model, **key) -> int:
    """Advance the counter `model(**key)` by one and return its new value."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                model.objects.get_or_create(**key)
        except IntegrityError:
            pass  # another transaction created it first
        row = model.objects.select_for_update().get(**key)
        row.last += 1
        row.save(update_fields=["last"])
        return row.last
