"""Reads of county and township data for pages."""

from __future__ import annotations

import threading

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.shortcuts import get_object_or_404

from pagecache import generations

from .models import County, Township

_request = threading.local()


def _request_started(**_kwargs) -> None:
    _request.memo = {}


def _request_finished(**_kwargs) -> None:
    _request.memo = None


request_started.connect(_request_started, dispatch_uid="townships-county-memo-start")
request_finished.connect(_request_finished, dispatch_uid="townships-county-memo-end")


def current_county() -> County | None:
    """The county this deployment serves (one county per platform). With the page cache on,
    read through the generation counters like every other piece of a public page: saving
    the county bumps `all` after commit (townships/pages.py), so the next request on every
    node reads the new row; a request racing the save re-caches at most under the old
    counters, which are never read again. Read once per request (kept for that request
    only), never kept across requests outside the counters."""
    memo = getattr(_request, "memo", None)
    if memo is not None and "county" in memo:
        return memo["county"]
    county = generations.remember("county", [],
                                  lambda: County.objects.order_by("id").first())
    if memo is not None:
        memo["county"] = county
    return county


def forget_current_county() -> None:
    """After commit, every page and piece showing the county is stale (a save through the
    ORM does this by itself, townships/pages.py; this covers bulk updates)."""
    transaction.on_commit(lambda: generations.bump(generations.ALL))


def public_township(slug: str) -> Township:
    """An active township by slug, or 404. With the page cache on, kept until a county,
    township or catalogue change bumps the `all` counter (no query on most requests)."""
    return generations.remember(
        f"township:{slug}", [],
        lambda: get_object_or_404(Township.objects.select_related("county").active(),
                                  slug=slug))
