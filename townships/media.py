"""Which uploaded file a back-office user may open at `/media/<name>` (web/media.py asks).

A file is found through whichever model's FileField holds its name, and the user must be
able to read that row's township (county roles read all). The path to the township is found
by following foreign keys, so a new attachment model needs no change here.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import models

from . import permissions, scoping
from .models import Township

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
    """(row, FieldFile) stored under `name` if staff `user` may read its row, else None."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
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
