"""The dashboard's township rows as HTML, built in Python.

Two hundred townships × twenty columns is four thousand cells; rendering them with the
template engine took most of the page's time, so the rows are assembled here with
format_html (every value escaped) and the template only wraps them in the table.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .checks.base import LEVEL_LABELS
from .dashboard import STATUS_LABELS


def _cell(row, cell, base: str, labels: dict[str, str]) -> str:
    # The hottest loop of the page: plain escaping and concatenation, not format_html.
    shown = escape(cell.display)
    if not cell.level:
        return f'<td class="ov-num">{shown}</td>'
    return (f'<td class="ov-num ov-{cell.level}"><a href="{escape(base)}{row.township.pk}/'
            f'{escape(cell.check.key)}/"><strong>{shown}</strong><span class="visually-hidden">'
            f"（{escape(labels[cell.level])}）</span></a></td>")


def township_rows(board) -> SafeString:
    """The <tr> elements of the dashboard table, one per township."""
    base = reverse("admin:oversight_township", args=[0])[:-2]  # ".../township/"
    labels = {level: str(label) for level, label in LEVEL_LABELS.items()}
    statuses = {status: str(label) for status, label in STATUS_LABELS.items()}
    parts = []
    for row in board.rows:
        cells = mark_safe("".join(_cell(row, c, base, labels) for c in row.cells(board.columns)))
        why = (format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>",
                                                          ((p.text,) for p in row.problems)))
               if row.problems else "-")
        count = f"（{len(row.problems)}）" if row.problems else ""
        parts.append(format_html(
            '<tr class="ov-row-{}"><th scope="row"><a href="{}{}/">{}</a></th>'
            '<td class="ov-status">{}{}</td><td class="ov-why">{}</td>{}</tr>',
            row.status, base, row.township.pk, row.township.name, statuses[row.status],
            count, why, cells))
    return mark_safe("\n".join(parts))  # every part was built with format_html
