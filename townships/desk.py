"""The back office's home page is a desk: what waits for this person, with counts.

Apps contribute panels by registering a provider in their `AppConfig.ready()`:

    desk.register(my_panel, order=20)

A provider takes the request and returns a `Panel` (or None when it has nothing to say to
this user). The admin index (templates/admin/index.html) shows the panels above the list
of models. `townships` knows no content app: the panels come to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass
class Entry:
    label: str
    url: str
    note: str = ""  # e.g. "已等待3天", "期限 2026-12-01"
    urgent: bool = False


@dataclass
class Panel:
    title: str
    count: int
    entries: list[Entry] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = ""
    key: str = ""
    #: Shown instead of "N 项" when `count` is not the number of entries listed (e.g. the
    #: login history counts failures but lists every recent login).
    count_text: str = ""


Provider = Callable[[HttpRequest], Panel | None]
_PROVIDERS: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int = 50) -> None:
    if all(p is not provider for _o, p in _PROVIDERS):
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda pair: pair[0])


def panels(request: HttpRequest) -> list[Panel]:
    return [panel for _order, provider in _PROVIDERS
            if (panel := provider(request)) is not None]
