"""Template filters for the dashboard: formatting measure values and finding cells."""

from django import template

from oversight.checks.base import LEVEL_LABELS, format_value

register = template.Library()


@register.filter
def show(value, kind="count"):
    return format_value(value, kind)


@register.filter
def cell(finding, key):
    return format_value(finding.cells.get(key))


@register.filter
def level_label(level):
    return LEVEL_LABELS.get(level, "")


@register.filter
def cells(row, columns):
    return row.cells(columns)
