"""Abuse protection for the application form: the shared `web.antispam` question token
and honeypot with this form's own salt, and per-address allowances that count only accepted
applications and failed status lookups (APPLY_LIMIT_PER_HOUR, LOOKUP_FAILURE_LIMIT_PER_HOUR;
shared cache), so junk posts cannot block a real applicant."""

from __future__ import annotations

from django.conf import settings

from web import antispam as _shared
from web.rate_limits import Allowance

SALT = "applications.form"
MIN_SECONDS = _shared.MIN_SECONDS
MAX_AGE = _shared.MAX_AGE
RATE_WINDOW = _shared.RATE_WINDOW
QUESTIONS = _shared.QUESTIONS

_check = _shared.HumanCheck(SALT)


def new_token() -> tuple[str, str]:
    return _check.new_token()


def question_for(token: str) -> str | None:
    return _check.question_for(token)


def check(token: str, answer: str, now: float | None = None) -> str | None:
    """None when fine, otherwise the reason code: "expired", "too_fast" or "wrong"."""
    return _check.check(token, answer, now)


def submissions() -> Allowance:
    return Allowance("apply", settings.APPLY_LIMIT_PER_HOUR, RATE_WINDOW)


def failed_lookups() -> Allowance:
    return Allowance("lookup-failed", settings.LOOKUP_FAILURE_LIMIT_PER_HOUR, RATE_WINDOW)


#: Documents (PDF made by LibreOffice, seconds each) one address may download per hour
#: after a matching lookup: plenty for an applicant, not a way to keep workers busy.
DOCUMENT_DOWNLOADS_PER_HOUR = 30


def document_downloads() -> Allowance:
    return Allowance("document-download", DOCUMENT_DOWNLOADS_PER_HOUR, RATE_WINDOW)
