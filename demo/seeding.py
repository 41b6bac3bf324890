"""The demo county in one call: the county, its people, then each app's demo content."""

from __future__ import annotations

from typing import TextIO

from . import (
    applications,
    feedback,
    items,
    notifications,
    old_site,
    oversight,
    reports,
    visits,
    word_paste,
)
from .context import DemoContext
from .county import build_county

#: In the order the layers stand: what a seeder reads was seeded before it.
SEEDERS = (items, word_paste, old_site, applications, reports, oversight, visits, feedback,
           notifications)


def seed_all(ctx: DemoContext) -> DemoContext:
    for seeder in SEEDERS:
        seeder.seed(ctx)
    return ctx


def build_demo(stdout: TextIO, *, townships: int | None = None) -> DemoContext:
    """The whole demo; `townships` keeps only the first n (tests that need fewer)."""
    ctx = build_county(stdout)
    if townships is not None:
        ctx.townships = ctx.townships[:townships]
    return seed_all(ctx)
