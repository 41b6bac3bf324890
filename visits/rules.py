"""Which requests count as a visit, and the beacon token (documented in docs/VISITS.md)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core import signing

#: Self-declared automated clients. Matched case-insensitively anywhere in the User-Agent.
BOT_PATTERN = re.compile(
    r"bot|spider|crawl|slurp|archiver|scrapy|curl|wget|python-requests|python-urllib|"
    r"httpclient|go-http-client|headlesschrome|phantomjs|lighthouse|pa11y|monitor|preview",
    re.IGNORECASE,
)
KEY_PATTERN = re.compile(r"^(site|item:\d+|report:\d+|township:[-a-zA-Z0-9_]+)$")
SALT = "visits.beacon.v2"
SITE_KEY = "site"

#: Key prefix -> "is this page public right now?", registered by the apps that own the
#: pages (visits imports none of them). A key whose check fails counts nothing.
KEY_CHECKS: dict[str, Callable[[str], bool]] = {}


def register_key_check(prefix: str, check: Callable[[str], bool]) -> None:
    KEY_CHECKS[prefix] = check


def key_is_public(key: str) -> bool:
    prefix, _sep, ident = key.partition(":")
    check = KEY_CHECKS.get(prefix)
    return check is None or bool(check(ident))


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def is_staff_preview(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def should_count(request) -> bool:
    return not (is_bot(request.headers.get("User-Agent", ""))
                or is_staff_preview(getattr(request, "user", None)))


def mint_token(keys: list[str], path: str) -> str:
    """A one-use token for one rendering of one page: its counter keys, its path and a
    random nonce, signed with a timestamp so it expires after VISITS_TOKEN_MAX_AGE."""
    return signing.dumps({"k": keys, "p": path, "n": secrets.token_urlsafe(12)}, salt=SALT)


def read_token(token: str) -> dict | None:
    """{"keys", "path", "nonce"} of a genuine, unexpired token; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.VISITS_TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    keys, path, nonce = data.get("k"), data.get("p"), data.get("n")
    if not (isinstance(keys, list) and isinstance(path, str) and isinstance(nonce, str)):
        return None
    if not all(isinstance(k, str) and KEY_PATTERN.match(k) for k in keys):
        return None
    return {"keys": keys, "path": path, "nonce": nonce}
