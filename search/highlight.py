"""Marking the query's terms in a title or a text excerpt, safely.

Runs only for the rows on the page shown (20), never per match. Every piece of the stored
text is HTML-escaped; only the <mark> tags added here are markup.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import Term, fold


def _needles(terms: list[Term]) -> list[str]:
    """Strings to mark: each term, and for Chinese terms of three or more characters that a
    document matched through its character pairs, those pairs."""
    needles = set()
    for term in terms:
        needles.add(term.text)
        if term.kind == "cjk" and len(term.text) > 2:
            needles.update(term.text[i:i + 2] for i in range(len(term.text) - 1))
    return sorted(needles, key=len, reverse=True)


def spans(value: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of term occurrences, longest terms first."""
    folded = fold(value)
    taken = [False] * len(value)
    found = []
    for needle in _needles(terms):
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(taken[start:end]):
                found.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = folded.find(needle, end)
    return _merge(sorted(found))


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(value: str, terms: list[Term], *, start: int = 0, end: int | None = None
         ) -> SafeString:
    """`value[start:end]` escaped, with term occurrences wrapped in <mark>."""
    end = len(value) if end is None else end
    out, at = [], start
    for s, e in spans(value, terms):
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(value[at:s]))
        out.append(f"<mark>{escape(value[s:e])}</mark>")
        at = e
    out.append(escape(value[at:end]))
    return mark_safe("".join(out))


def excerpt(value: str, terms: list[Term], *, width: int = 120) -> SafeString:
    """The stretch of `value` (about `width` characters) with the most distinct terms,
    marked; the opening of the text when no term occurs in it."""
    value = " ".join((value or "").split())
    if not value:
        return mark_safe("")
    found = spans(value, terms)[:200]
    if not found:
        suffix = "…" if len(value) > width else ""
        return mark_safe(mark(value, terms, end=min(len(value), width)) + suffix)
    best, best_count = found[0][0], 0
    for s, _e in found:
        count = len({value[a:b] for a, b in found if s <= a < s + width})
        if count > best_count:
            best, best_count = s, count
    start = max(0, best - width // 4)
    end = min(len(value), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(value) else ""
    return mark_safe(prefix + mark(value, terms, start=start, end=end) + suffix)
