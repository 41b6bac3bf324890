"""Which requests count as a visit (documented in docs/VISITS.md)."""

from __future__ import annotations

import re

from django.core import signing

#: Self-declared automated clients. Matched case-insensitively anywhere in the User-Agent.
BOT_PATTERN = re.compile(
    r"bot|spider|crawl|slurp|archiver|scrapy|curl|wget|python-requests|python-urllib|"
    r"httpclient|go-http-client|headlesschrome|phantomjs|lighthouse|pa11y|monitor|preview",
    re.IGNORECASE,
)
KEY_PATTERN = re.compile(r"^(site|item:\d+|report:\d+|township:[-a-zA-Z0-9_]+)$")
SALT = "visits.beacon"
SITE_KEY = "site"


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def is_staff_preview(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def should_count(request) -> bool:
    return not (is_bot(request.headers.get("User-Agent", ""))
                or is_staff_preview(getattr(request, "user", None)))


def sign_keys(keys: list[str]) -> str:
    """A token naming the page's counters; signed so visitors cannot count arbitrary keys."""
    return signing.Signer(salt=SALT).sign(",".join(keys))


def unsign_keys(token: str) -> list[str] | None:
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    keys = [key for key in value.split(",") if key]
    if not all(KEY_PATTERN.match(key) for key in keys):
        return None
    return keys
