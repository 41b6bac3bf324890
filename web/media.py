"""`/media/<name>`: uploaded files for back-office users, scoped by township.

Public pages never link here: they link to the item and report download views, which check
that the item is published. This view serves the links the back office shows (the file
widgets of attachment forms). A file is found through whichever model's FileField holds its
name, and the user must be able to read that row's township (county roles read all);
everyone else, including the public, gets a 404. The path to the township is found by
following foreign keys, so a new attachment model needs no change here.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import models
from django.http import Http404

from config.downloads import file_response
from townships import permissions, scoping
from townships.models import Township

MAX_DEPTH = 3


def _township_path(model) -> str | None:
    queue = [(model, "")]
    for _depth in range(MAX_DEPTH):
        next_queue = []
        for current, prefix in queue:
            for field in current._meta.get_fields():
                if not (field.many_to_one or field.one_to_one) or not field.concrete:
                    continue
                if field.related_model is Township:
                    return f"{prefix}{field.name}"
                next_queue.append((field.related_model, f"{prefix}{field.name}__"))
        queue = next_queue
    return None


@cache
def file_fields() -> tuple[tuple[type[models.Model], str, str | None], ...]:
    """(model, file field name, path to its township) for every FileField in the project."""
    return tuple(
        (model, field.name, _township_path(model))
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    )


def readable_file(user, name: str):
    """The FieldFile stored under `name` if `user` may read its row, else None."""
    for model, field_name, township_path in file_fields():
        qs = model._default_manager.filter(**{field_name: name})
        if township_path is not None:
            qs = scoping.readable(qs, user, township_path)
        elif not permissions.has_county_view(user):
            continue
        row = qs.first()
        if row is not None:
            return row, getattr(row, field_name)
    return None


def protected_media(request, path: str):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff) or ".." in path:
        raise Http404("not found")
    found = readable_file(user, path)
    if found is None:
        raise Http404("not found")
    row, field_file = found
    filename = getattr(row, "original_name", "") or path.rsplit("/", 1)[-1]
    return file_response(field_file, filename, as_attachment=False)
