"""Who answers a 找错 report: the township's content editors for a township page, the county
admin for a county page. County auditors read every report and answer none."""

from __future__ import annotations

from townships import permissions


def can_answer(user, report) -> bool:
    if report.township_id is None:
        return permissions.is_county_admin(user)
    return permissions.can_edit_in(user, report.township_id)


def answers_anything(user) -> bool:
    return permissions.is_county_admin(user) or bool(permissions.editable_township_ids(user))
