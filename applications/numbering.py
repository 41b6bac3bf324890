"""Reply-letter numbers (文号): one sequence per township and year, safe under concurrency.

Like disclosure.publishing.next_index_no: the counter row is created idempotently and then
locked, so two replies closing at once never get the same number (PostgreSQL row lock;
SQLite serialises writers). The number is given when the case is closed, in the year of the
reply date, and never changes afterwards.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import LetterSerial


def format_letter_no(code: str, year: int, serial: int) -> str:
    return f"{code}〔{year}〕{serial}号"


def next_letter_no(township, year: int) -> str:
    with transaction.atomic():
        try:
            with transaction.atomic():
                LetterSerial.objects.get_or_create(township=township, year=year)
        except IntegrityError:
            pass  # another transaction created it first
        serial = LetterSerial.objects.select_for_update().get(township=township, year=year)
        serial.last += 1
        serial.save(update_fields=["last"])
        return format_letter_no(township.letter_code, year, serial.last)


def number_letter(app) -> list[str]:
    """Give a closing application its 文号 once; the fields to save."""
    if app.letter_no:
        return []
    app.letter_no = next_letter_no(app.township, app.replied_on.year)
    return ["letter_no"]
