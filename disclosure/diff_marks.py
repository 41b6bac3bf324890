"""The pieces of a side-by-side diff: one labelled row, and a character-level mark-up."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass
class Row:
    label: str
    left: SafeString
    right: SafeString
    changed: bool


def mark(a: str, b: str, side: str) -> SafeString:
    """One side of a character-level diff of two strings, changes in <del>/<ins>."""
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(a[i1:i2]))
        elif side == "del" and op in ("replace", "delete"):
            out.append(f"<del>{escape(a[i1:i2])}</del>")
        elif side == "ins" and op in ("replace", "insert"):
            out.append(f"<ins>{escape(b[j1:j2])}</ins>")
    return mark_safe("".join(out))


