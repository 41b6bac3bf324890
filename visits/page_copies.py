"""The page cache's copy hook (pagecache/hooks.py): a stored page keeps a marker where its
访问量 token was, and every copy served gets a fresh one-use token for the same page."""

from __future__ import annotations

from .rules import mint_token

MARKER = b"__VISIT_TOKEN__"


def freeze(request, body: bytes) -> tuple[bytes, dict | None]:
    beacon = getattr(request, "_visit_beacon", None)
    if beacon is None:
        return body, None
    return (body.replace(beacon["encoded"].encode(), MARKER),
            {"keys": beacon["keys"], "path": beacon["path"]})


def thaw(state: dict, body: bytes) -> bytes:
    # A signed token is base64url plus ":"; only ":" needs quoting in the query string.
    token = mint_token(state["keys"], state["path"]).replace(":", "%3A")
    return body.replace(MARKER, token.encode())
