"""Abuse protection for the public form, with no JavaScript and no third-party service.

A signed token carries the time the form was shown and which plain-text question was
asked; a hidden honeypot field catches naive bots. Per real client address, at most
APPLY_LIMIT_PER_HOUR accepted applications and LOOKUP_FAILURE_LIMIT_PER_HOUR failed
status lookups per hour (settings, shared cache): only accepted submissions and failed
lookups count, so junk posts cannot block a real applicant. The question can be answered
by anyone, including screen-reader users.
"""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core import signing

from config.rate_limits import Allowance

SALT = "applications.form"
MIN_SECONDS = 3
MAX_AGE = 2 * 60 * 60
RATE_WINDOW = 60 * 60

QUESTIONS = [
    ("三加四等于几？请填写数字。", {"7", "七"}),
    ("一个星期有几天？请填写数字。", {"7", "七"}),
    ("十减去二等于几？请填写数字。", {"8", "八"}),
    ("二加二等于几？请填写数字。", {"4", "四"}),
    ("五加一等于几？请填写数字。", {"6", "六"}),
]


def new_token() -> tuple[str, str]:
    index = secrets.randbelow(len(QUESTIONS))
    token = signing.dumps({"t": int(time.time()), "q": index}, salt=SALT)
    return token, QUESTIONS[index][0]


def question_for(token: str) -> str | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return QUESTIONS[data["q"]][0]


def check(token: str, answer: str, now: float | None = None) -> str | None:
    """None when fine, otherwise the reason code: "expired", "too_fast" or "wrong"."""
    now = now or time.time()
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return "expired"
    if now - data["t"] < MIN_SECONDS:
        return "too_fast"
    if (answer or "").strip() not in QUESTIONS[data["q"]][1]:
        return "wrong"
    return None


def submissions() -> Allowance:
    return Allowance("apply", settings.APPLY_LIMIT_PER_HOUR, RATE_WINDOW)


def failed_lookups() -> Allowance:
    return Allowance("lookup-failed", settings.LOOKUP_FAILURE_LIMIT_PER_HOUR, RATE_WINDOW)
