"""Checks other apps show on the sign page. The sign-off app imports no app above it: an app
declares `sign_page_checks` on its AppConfig, dotted paths of functions
`(user, container, subject) -> list of notes`, each note a dict with `where`, `marked`
(safe HTML), `right` and `note`. The wording checks of the oversight app use this so that
authors see them before they submit.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@cache
def sign_page_checks() -> tuple:
    return tuple(import_string(path) for config in apps.get_app_configs()
                 for path in getattr(config, "sign_page_checks", ()))


def notes_for(user, container, subject) -> list[dict]:
    notes: list[dict] = []
    for check in sign_page_checks():
        notes.extend(check(user, container, subject))
    return notes
