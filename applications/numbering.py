"""Reply-letter numbers (文号): one sequence per township and year, safe under concurrency.

Two replies closing at once never get the same number (townships/sequences.py). The number
is given when the case is closed, in the year of the reply date, and never changes
afterwards.
"""

from __future__ import annotations

from townships.sequences import next_serial

from .models import LetterSerial


def format_letter_no(code: str, year: int, serial: int) -> str:
    return f"{code}〔{year}〕{serial}号"


def next_letter_no(township, year: int) -> str:
    serial = next_serial(LetterSerial, township=township, year=year)
    return format_letter_no(township.letter_code, year, serial)


def number_letter(app) -> list[str]:
    """Give a closing application its 文号 once; the fields to save."""
    if app.letter_no:
        return []
    app.letter_no = next_letter_no(app.township, app.replied_on.year)
    return ["letter_no"]
