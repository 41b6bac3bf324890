"""`/media/<name>`: uploaded files, sent through the one download path (web/downloads.py).

Public pages link to the item and report download views, which check that the item is
published; this view serves the links the back office shows (the file widgets of
attachment forms). Who may open which file is decided by the apps that own the rows: each
declares `media_readers` on its AppConfig, dotted paths of functions
`(user, name) -> (row, FieldFile) | None`. The first that answers wins; everyone else,
including the public, gets a 404.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.http import Http404
from django.utils.module_loading import import_string

from .downloads import file_response


@cache
def readers() -> tuple:
    return tuple(import_string(path) for config in apps.get_app_configs()
                 for path in getattr(config, "media_readers", ()))


def protected_media(request, path: str):
    if ".." in path:
        raise Http404("not found")
    for reader in readers():
        found = reader(request.user, path)
        if found is not None:
            row, field_file = found
            filename = getattr(row, "original_name", "") or path.rsplit("/", 1)[-1]
            return file_response(field_file, filename, as_attachment=False)
    raise Http404("not found")
