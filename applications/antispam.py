"""Abuse protection for the application form: the shared `config.antispam` check with this
form's own salt and limits (a signed question token, a honeypot, an hourly limit per IP)."""

from __future__ import annotations

from config import antispam as _shared

SALT = "applications.form"
MIN_SECONDS = _shared.MIN_SECONDS
MAX_AGE = _shared.MAX_AGE
RATE_LIMIT = 5
LOOKUP_RATE_LIMIT = 30
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


def rate_limited(request, scope: str = "apply", limit: int = RATE_LIMIT) -> bool:
    """Count this request against the IP's hourly allowance for `scope`."""
    return _shared.rate_limited(request, f"applications:rate:{scope}", limit, RATE_WINDOW)
