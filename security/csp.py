"""The inline script and the inline style the policy allows, both on editor pages only.

- django-prose-editor loads its ES modules through `<script type="importmap">`, which is
  inline by nature. Instead of `'unsafe-inline'`, the policy allows exactly the import
  map this deployment renders, by its SHA-256 hash (computed from the static URLs in use,
  so it also matches hashed file names in production).
- Tiptap (inside the editor) injects its fixed base stylesheet as a `<style>` element.
  Its text is read from the vendored editor.js and allowed by hash.

An injected import map or style block has another hash and stays blocked. Documented in
docs/SECURITY.md; the browser suite fails on any CSP violation.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

_IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)


def _hash(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


@lru_cache(maxsize=1)
def importmap_hashes() -> tuple[str, ...]:
    from django_prose_editor.widgets import prose_editor_media

    html = str(prose_editor_media()).encode()
    return tuple(_hash(inner) for inner in _IMPORTMAP.findall(html))


_TIPTAP_CSS = re.compile(r"let \w+=`(\.ProseMirror \{.*?)`", re.S)


@lru_cache(maxsize=1)
def editor_style_hashes() -> tuple[str, ...]:
    from django.contrib.staticfiles import finders

    path = finders.find("django_prose_editor/editor.js")
    if not path:
        return ()
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    return tuple(_hash(css.encode()) for css in _TIPTAP_CSS.findall(source))


def allow_editor(response) -> None:
    """On pages that load the editor (they carry its import map), allow its two inline
    blocks by hash."""
    if getattr(response, "streaming", False):
        return
    if b'<script type="importmap"' not in getattr(response, "content", b""):
        return
    response._csp_update = {"script-src": list(importmap_hashes()),
                            "style-src": list(editor_style_hashes())}
