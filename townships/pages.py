"""What makes cached public pages stale (pagecache.generations): after the transaction
commits, bump the counters of every page that can show a changed row.

The county, townships and offices appear on every page, so they bump `all`. Apps above
bump a township's pages through `bump_township_pages` from their own signal handlers.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from pagecache import generations

from .models import County, Office, Township


def bump_township_pages(township_id: int | None) -> None:
    """After commit: every county-wide page and the township's own pages are stale."""
    if township_id is None:
        return
    slug = Township.objects.filter(pk=township_id).values_list("slug", flat=True).first()
    names = [generations.SITE]
    if slug:
        names.append(generations.township_scope(slug))
    transaction.on_commit(lambda: generations.bump(*names))


def bump_every_page(**_kwargs) -> None:
    transaction.on_commit(lambda: generations.bump(generations.ALL))


def connect_every_page(*models) -> None:
    """Saving or deleting a row of `models` makes every cached page stale."""
    for model in models:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(bump_every_page, sender=model,
                           dispatch_uid=f"pagecache-{model.__name__}-{name}")


def connect() -> None:
    connect_every_page(County, Township, Office)
