"""Masked forms of applicants' identity numbers and phone numbers.

Only the township staff handling an application see these in full; everyone else, every
list, export and log sees `110105********002X` and `138****5678`.
"""

from __future__ import annotations

MASK = "*"


def mask_id_number(value: str) -> str:
    """Keep the first six and last four characters: 110105********002X."""
    value = (value or "").strip()
    if len(value) <= 10:
        return _mask_middle(value, keep_start=min(2, len(value) // 3), keep_end=2)
    return _mask_middle(value, keep_start=6, keep_end=4)


def mask_phone(value: str) -> str:
    """Keep the first three and last four digits of a mobile (138****5678); for a
    landline, the area code and last four digits (0371-****5678)."""
    value = (value or "").strip()
    if "-" in value:
        area, _sep, rest = value.partition("-")
        return f"{area}-{_mask_middle(rest, keep_start=0, keep_end=4)}"
    if len(value) <= 7:
        return _mask_middle(value, keep_start=0, keep_end=min(2, len(value)))
    return _mask_middle(value, keep_start=3, keep_end=4)


def mask_personal(value: str) -> str:
    """Masking for log values whose kind is unknown (django-auditlog's mask callable)."""
    value = str(value or "")
    digits = value.replace("-", "").replace(" ", "")
    if "@" in value:
        return mask_email(value)
    if sum(c.isdigit() for c in digits) * 2 < len(digits):  # a name, address or note
        return mask_name(value)
    if len(digits) >= 15:
        return mask_id_number(value)
    return mask_phone(value)


def _mask_middle(value: str, *, keep_start: int, keep_end: int) -> str:
    if len(value) <= keep_start + keep_end:
        return MASK * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + MASK * hidden + value[len(value) - keep_end:]


def mask_name(value: str) -> str:
    """A name or organisation keeps its first character: 张**, 某***."""
    value = (value or "").strip()
    return value[:1] + MASK * max(len(value) - 1, 2) if value else ""


def mask_email(value: str) -> str:
    """The mailbox keeps its first character and the domain: z***@example.cn."""
    value = (value or "").strip()
    user, at, domain = value.partition("@")
    return f"{user[:1]}***@{domain}" if at else mask_text(value)


def mask_text(value: str) -> str:
    """Addresses, postcodes, tracking numbers, notes: the first two characters only."""
    value = (value or "").strip()
    return value[:2] + MASK * 4 if value else ""
