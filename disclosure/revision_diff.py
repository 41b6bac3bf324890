"""Side-by-side comparison of two revisions: metadata rows, a paragraph text diff, and for
tables a cell diff that names each changed cell by its row and column headings
("表1：张某某 × 金额（元）"), so "3→4" is never shown without where it is."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from townships.models import Office

from .diff_marks import Row, mark
from .models import Category, DisclosureItem
from .models.revisions import REVISED_FIELDS
from .pii import html_to_text
from .table_diff import table_grids, table_rows

_META_FIELDS = [f for f in REVISED_FIELDS if f != "body"]


def _display(name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if name == "interprets":
        titles = dict(DisclosureItem.objects.filter(pk__in=value).values_list("pk", "title"))
        return "、".join(titles.get(pk, str(pk)) for pk in value)
    if name == "category":
        return str(Category.objects.filter(pk=value).first() or value)
    if name == "office":
        return str(Office.objects.filter(pk=value).first() or value)
    field = DisclosureItem._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def attachment_names(revision) -> list[str]:
    """The attachments a revision publishes: its record once published, else the item's
    current attachments with the revision's removals and additions."""
    if revision.status == revision.Status.PUBLISHED or not revision.is_open:
        return [a.get("title") or a.get("name", "") for a in revision.data.get("attachments", [])]
    from .subjects import RevisionSubject

    return [a.display_title for a in RevisionSubject(revision).attachments()]


def value_row(label: str, a: str, b: str) -> Row:
    """One labelled value on both sides, the changed characters marked."""
    changed = a != b
    return Row(str(label), mark(a, b, "del") if changed else escape(a),
               mark(a, b, "ins") if changed else escape(b), changed)


def attachment_row(left_names: list[str], right_names: list[str]) -> Row:
    return value_row(_("附件"), "、".join(left_names) or "—", "、".join(right_names) or "—")


def metadata_rows(left: dict, right: dict) -> list[Row]:
    return [value_row(DisclosureItem._meta.get_field(name).verbose_name,
                      _display(name, left.get(name)), _display(name, right.get(name)))
            for name in _META_FIELDS]


def paragraphs(html: str) -> list[str]:
    lines = (" | ".join(c.strip() for c in line.split("\t") if c.strip())
             for line in html_to_text(html).splitlines())
    return [line for line in lines if line]


_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)


def body_rows(left_html: str, right_html: str) -> list[Row]:
    """The text outside tables paragraph by paragraph, then each table cell by cell."""
    rows = _paragraph_rows(_TABLE.sub("", left_html or ""), _TABLE.sub("", right_html or ""))
    left_tables, right_tables = table_grids(left_html), table_grids(right_html)
    for number in range(max(len(left_tables), len(right_tables))):
        rows += table_rows(number + 1,
                           left_tables[number] if number < len(left_tables) else None,
                           right_tables[number] if number < len(right_tables) else None)
    return rows


def _paragraph_rows(left_html: str, right_html: str) -> list[Row]:
    a, b = paragraphs(left_html), paragraphs(right_html)
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(Row("", escape(p), escape(p), False) for p in a[i1:i2])
            continue
        left, right = a[i1:i2], b[j1:j2]
        for k in range(max(len(left), len(right))):
            pa = left[k] if k < len(left) else ""
            pb = right[k] if k < len(right) else ""
            rows.append(Row("", mark(pa, pb, "del"), mark(pa, pb, "ins"), True))
    return rows
