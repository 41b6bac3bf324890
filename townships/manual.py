"""The staff manual (docs/MANUAL.md) as HTML for the admin. Raw HTML in the file is escaped
(markdown-it's commonmark preset with html off), so the page carries only Markdown's markup."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt


def manual_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "MANUAL.md"


@functools.cache
def _render(path: str, mtime: float) -> str:
    text = Path(path).read_text(encoding="utf-8")
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)


def render() -> SafeString:
    path = manual_path()
    return mark_safe(_render(str(path), path.stat().st_mtime))  # html disabled in _render
