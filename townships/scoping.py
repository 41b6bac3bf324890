"""Scope querysets to the townships a user may see or change."""

from __future__ import annotations

from django.db.models import QuerySet

from . import permissions


def _filter(qs: QuerySet, ids: set[int] | None, path: str) -> QuerySet:
    if ids is None:
        return qs
    return qs.filter(**{f"{path}__in": ids})


def readable(qs: QuerySet, user, path: str = "township") -> QuerySet:
    """Rows in townships the user may read (county roles read all)."""
    return _filter(qs, permissions.readable_township_ids(user), path)


def editable(qs: QuerySet, user, path: str = "township") -> QuerySet:
    """Rows in townships whose content the user may change."""
    if permissions.is_platform_admin(user):
        return qs
    return _filter(qs, permissions.editable_township_ids(user), path)


def managed(qs: QuerySet, user, path: str = "township") -> QuerySet:
    """Rows in townships whose settings and staff the user manages."""
    return _filter(qs, permissions.managed_township_ids(user), path)
